//! A workshop's tallies as the facilitator's pages read them: the summary, every finding
//! and the keyword corrections in force, loaded in one read; a per-workshop cache of the
//! live ones, keyed by the live version, so that a projector refresh costs no SQL when
//! nothing changed, kept up to date by each workshop's live model ([`live`]) from only
//! what arrived since; and what the files are made from ([`export`]: the live model's
//! counts, the raw rows read as they are written).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::domain::ids::WorkshopId;
use crate::domain::join_code::JoinCode;
use crate::domain::keyword::{Corrections, KeywordCount};
use crate::domain::keyword_tally::KeywordTally;
use crate::domain::statement::Statement;
use crate::domain::summary::{self, Finding, Summary};
use crate::domain::workshop::Workshop;
use crate::store::{CorrectionRow, KeywordRow, Proposal, Store, StoreError, TallyRows};

pub mod event;
pub mod export;
pub mod live;

pub use export::Export;
pub use live::LiveModel;

/// Everything the summary, the projector and the exports show of one workshop.
#[derive(Debug, Clone)]
pub struct Tallies {
    pub workshop: Workshop,
    /// Keywords, findings and ranking, hidden entries and hidden participants' entries
    /// left out.
    pub summary: Summary,
    /// Every finding, hidden ones too (exports mark them).
    pub findings: Vec<Finding>,
    /// Every keyword entry, hidden ones too.
    pub keyword_rows: Vec<KeywordRow>,
    /// The keyword corrections in force, oldest first.
    pub corrections: Vec<CorrectionRow>,
    /// Recommendations proposed by participants, oldest first.
    pub proposals: Vec<Proposal>,
    /// Synthesis paragraphs by report section.
    pub syntheses: Vec<(String, String)>,
    /// The rapporteur's statements, in report order (empty in live tallies).
    pub statements: Vec<Statement>,
}

impl Tallies {
    /// Loads the tallies of `workshop` in one read (the facilitator's pages; the files
    /// are made from an [`Export`] instead).
    ///
    /// # Errors
    /// Store errors.
    pub async fn load(store: &Store, workshop: Workshop) -> Result<Self, StoreError> {
        store
            .read_tallies(workshop.id, move |rows| Self::build(workshop, rows))
            .await
    }

    /// The tallies a live frame shows, from the live model (see [`live::LiveModel`]):
    /// the workshop and its bounded summary; every other field stays empty.
    fn live(workshop: Workshop, summary: Summary) -> Self {
        Self {
            workshop,
            summary,
            findings: Vec::new(),
            keyword_rows: Vec::new(),
            corrections: Vec::new(),
            proposals: Vec::new(),
            syntheses: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// Folds, corrects and ranks `rows` (on the reader's blocking thread).
    fn build(workshop: Workshop, rows: TallyRows) -> Self {
        let corrections = Corrections::from_list(rows.corrections.iter().map(|c| &c.correction));
        let mut tally = KeywordTally::new(workshop.language, corrections);
        for row in rows.keyword_rows.iter().filter(|r| r.counts()) {
            tally.add_text(row.participant_id.get(), &row.text);
        }
        let summary = summary::summarize(
            &workshop,
            tally.counts(),
            &rows.findings,
            rows.totals,
            rows.participation,
        );
        Self {
            workshop,
            summary,
            findings: rows.findings,
            keyword_rows: rows.keyword_rows,
            corrections: rows.corrections,
            proposals: rows.proposals,
            syntheses: rows.syntheses,
            statements: rows.statements,
        }
    }
}

/// The latest tallies of each workshop, with the live version they were loaded at.
pub struct TalliesCache {
    store: Store,
    entries: Mutex<HashMap<WorkshopId, (u64, Arc<Tallies>)>>,
    /// The live model of each workshop shown live, behind a lock of its own: one load
    /// at a time per workshop brings it up to date, the others then find it fresh.
    models: Mutex<HashMap<WorkshopId, Arc<tokio::sync::Mutex<Option<LiveModel>>>>>,
    /// Workshops as prepared, with the settings version they were read at: submissions do
    /// not change them, the facilitator's changes do.
    workshops: Mutex<HashMap<WorkshopId, (u64, Arc<Workshop>)>>,
    /// Join code → workshop id: codes never change and workshops are never deleted.
    codes: Mutex<HashMap<String, WorkshopId>>,
}

impl TalliesCache {
    /// An empty cache over `store`.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            entries: Mutex::new(HashMap::new()),
            models: Mutex::new(HashMap::new()),
            workshops: Mutex::new(HashMap::new()),
            codes: Mutex::new(HashMap::new()),
        }
    }

    /// The live tallies of workshop `workshop_id` (its workshop and a bounded summary, see
    /// [`LiveModel::summary`]): from the cache when its live version has not moved since
    /// they were made, else from its live model brought up to date with what arrived since
    /// (built from scratch at first use and after any change by the facilitator). The
    /// versions are read before reading, so a write during the read only makes the next
    /// call read again.
    ///
    /// # Errors
    /// Store errors.
    pub async fn get(&self, workshop_id: WorkshopId) -> Result<Option<Arc<Tallies>>, StoreError> {
        let version = self.store.hub.version(workshop_id.get());
        if let Some(fresh) = self.cached(workshop_id, version) {
            return Ok(Some(fresh));
        }
        let model = Arc::clone(
            self.models
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .entry(workshop_id)
                .or_default(),
        );
        let mut model = model.lock().await;
        let version = self.store.hub.version(workshop_id.get());
        if let Some(fresh) = self.cached(workshop_id, version) {
            return Ok(Some(fresh));
        }
        let settings = self.store.hub.settings_version(workshop_id.get());
        let Some(workshop) = self.workshop(workshop_id).await? else {
            return Ok(None);
        };
        let kept = model.take().filter(|m| m.settings == settings);
        let marks = kept.as_ref().map(|m| m.marks).unwrap_or_default();
        let shown = Arc::clone(&workshop);
        let (updated, summary) = self
            .store
            .read_live(workshop_id, marks, move |delta| {
                let updated = match kept {
                    Some(mut kept) => {
                        kept.apply(delta);
                        kept
                    }
                    None => LiveModel::build(&shown, settings, delta),
                };
                let summary = updated.summary(&shown);
                (updated, summary)
            })
            .await?;
        *model = Some(updated);
        let tallies = Arc::new(Tallies::live((*workshop).clone(), summary));
        self.lock()
            .insert(workshop_id, (version, Arc::clone(&tallies)));
        Ok(Some(tallies))
    }

    /// Every visible keyword group of workshop `workshop_id`, most cited first, as the
    /// full tallies give them, from its live model brought up to date (`keywords.csv`
    /// costs no full load: issue #15).
    ///
    /// # Errors
    /// Store errors.
    pub async fn keyword_counts(
        &self,
        workshop_id: WorkshopId,
    ) -> Result<Option<Vec<KeywordCount>>, StoreError> {
        if self.get(workshop_id).await?.is_none() {
            return Ok(None);
        }
        let model = self
            .models
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&workshop_id)
            .map(Arc::clone);
        let Some(model) = model else {
            return Ok(None);
        };
        let model = model.lock().await;
        Ok(model.as_ref().map(|m| {
            m.keyword_counts()
                .into_iter()
                .filter(|k| !k.hidden)
                .collect()
        }))
    }

    /// The event-wide keyword cloud of workshops `workshop_ids` (a national meeting's
    /// plenary): the first `shown` groups and how many there are, united from each
    /// workshop's live model brought up to date ([`KeywordTally::across`]: no entry is read
    /// or folded again). Workshops that do not exist are left out.
    ///
    /// # Errors
    /// Store errors.
    pub async fn event_keywords(
        &self,
        workshop_ids: &[WorkshopId],
        shown: usize,
    ) -> Result<(Vec<KeywordCount>, usize), StoreError> {
        let mut language = None;
        for id in workshop_ids {
            if let Some(tallies) = self.get(*id).await? {
                language.get_or_insert(tallies.workshop.language);
            }
        }
        let Some(language) = language else {
            return Ok((Vec::new(), 0));
        };
        let mut order: Vec<WorkshopId> = workshop_ids.to_vec();
        order.sort_by_key(|id| id.get());
        order.dedup();
        let handles: Vec<(WorkshopId, Arc<tokio::sync::Mutex<Option<LiveModel>>>)> = {
            let models = self
                .models
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            order
                .iter()
                .filter_map(|id| models.get(id).map(|m| (*id, Arc::clone(m))))
                .collect()
        };
        // Locked in the order of ids, so that two event views never wait on each other.
        let mut guards = Vec::with_capacity(handles.len());
        for (id, handle) in &handles {
            guards.push((*id, handle.lock().await));
        }
        let mut seen = std::collections::HashSet::new();
        let tallies: Vec<&KeywordTally> = workshop_ids
            .iter()
            .filter(|id| seen.insert(id.get()))
            .filter_map(|id| guards.iter().find(|(g, _)| g == id))
            .filter_map(|(_, guard)| guard.as_ref().map(LiveModel::keyword_tally))
            .collect();
        Ok(KeywordTally::across(&tallies, language).top(shown))
    }

    fn cached(&self, workshop_id: WorkshopId, version: u64) -> Option<Arc<Tallies>> {
        self.lock()
            .get(&workshop_id)
            .filter(|(cached, _)| *cached == version)
            .map(|(_, tallies)| Arc::clone(tallies))
    }

    /// What the files of workshop `workshop_id` are made from: its live model brought up
    /// to date; the report's time span, syntheses and statements read (a small read,
    /// [`Store::read_report_context`]); then its whole summary, the findings' texts,
    /// corrections, marks and what stands behind each statement taken from the model (on
    /// a blocking thread). The raw rows are read only as each file is written
    /// ([`Export::read_rows`]): no copy of every keyword entry is made or kept.
    ///
    /// # Errors
    /// Store errors.
    pub async fn export(&self, workshop_id: WorkshopId) -> Result<Option<Export>, StoreError> {
        let Some(tallies) = self.get(workshop_id).await? else {
            return Ok(None);
        };
        let model = self
            .models
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&workshop_id)
            .map(Arc::clone);
        let Some(model) = model else {
            return Ok(None);
        };
        // Read before the model is locked: a finding a statement gathers that arrived
        // after the model's marks is not counted behind it, as it is not in the counts.
        let context = self.store.read_report_context(workshop_id).await?;
        let model = model.lock_owned().await;
        let workshop = tallies.workshop.clone();
        let taken = tokio::task::spawn_blocking(move || {
            model.as_ref().map(|m| {
                let statements = context
                    .statements
                    .into_iter()
                    .map(|s| {
                        let backing = m.backing(&s);
                        (s, backing)
                    })
                    .collect();
                (
                    m.export_summary(&workshop),
                    m.ranked_findings(&workshop),
                    m.keyword_tally().corrections().clone(),
                    m.marks,
                    workshop,
                    (context.span, context.syntheses, statements),
                )
            })
        })
        .await
        .map_err(|e| StoreError::Io(e.to_string()))?;
        let Some((summary, findings, corrections, marks, workshop, report)) = taken else {
            return Ok(None);
        };
        let (span, syntheses, statements) = report;
        Ok(Some(Export {
            workshop,
            summary,
            findings,
            corrections,
            span,
            syntheses,
            statements,
            marks,
            store: self.store.clone(),
        }))
    }

    /// The workshop `workshop_id` with its settings, speakers, categories and ballot,
    /// read again only when the facilitator changed something (the hub's settings
    /// version, read before loading).
    ///
    /// # Errors
    /// Store errors.
    pub async fn workshop(
        &self,
        workshop_id: WorkshopId,
    ) -> Result<Option<Arc<Workshop>>, StoreError> {
        let version = self.store.hub.settings_version(workshop_id.get());
        let known = self
            .workshops
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&workshop_id)
            .filter(|(cached, _)| *cached == version)
            .map(|(_, w)| Arc::clone(w));
        if known.is_some() {
            return Ok(known);
        }
        let found = self.store.workshop(workshop_id).await?.map(Arc::new);
        if let Some(workshop) = &found {
            self.workshops
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(workshop_id, (version, Arc::clone(workshop)));
        }
        Ok(found)
    }

    /// The id of the workshop whose join code is `code`, remembered once found, so that a
    /// page view costs no query for it.
    ///
    /// # Errors
    /// Store errors.
    pub async fn workshop_id(&self, code: &JoinCode) -> Result<Option<WorkshopId>, StoreError> {
        let known = self
            .codes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(code.as_str())
            .copied();
        if known.is_some() {
            return Ok(known);
        }
        let found = self.store.workshop_id_by_code(code).await?;
        if let Some(id) = found {
            self.codes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(code.as_str().to_string(), id);
        }
        Ok(found)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<WorkshopId, (u64, Arc<Tallies>)>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
