//! A workshop's tallies as pages and exports read them: the summary, every finding and
//! the keyword corrections in force, loaded in one read; and a per-workshop cache of them,
//! keyed by the live version, so that a page view or a projector refresh costs no SQL when
//! nothing changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::domain::ids::WorkshopId;
use crate::domain::join_code::JoinCode;
use crate::domain::keyword::{Correction, Corrections};
use crate::domain::keyword_tally::{KeptTally, KeywordLine};
use crate::domain::summary::{self, Finding, Summary};
use crate::domain::workshop::Workshop;
use crate::store::{
    BallotRow, CorrectionRow, KeywordRow, Proposal, Store, StoreError, SupportRow, TallyRows,
};

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
    /// Earliest and latest time anything was sent, UTC.
    pub span: Option<(String, String)>,
    /// Every ballot line, in order of sending.
    pub ballot_rows: Vec<BallotRow>,
    /// Every "+1", hidden participants' too (exports mark them).
    pub support_rows: Vec<SupportRow>,
    /// Synthesis paragraphs by report section.
    pub syntheses: Vec<(String, String)>,
}

impl Tallies {
    /// Loads the tallies of `workshop` in one read.
    ///
    /// # Errors
    /// Store errors.
    pub async fn load(store: &Store, workshop: Workshop) -> Result<Self, StoreError> {
        Self::load_with(store, workshop, true).await
    }

    /// The tallies the projector and the pages show, without what only exports need
    /// (ballot and support lines, the time span, the syntheses stay empty), counting only
    /// the keywords sent since `kept` was made when nothing else changed (issue #15);
    /// gives the tally to keep for the next load.
    ///
    /// # Errors
    /// Store errors.
    pub async fn load_live_kept(
        store: &Store,
        workshop: Workshop,
        kept: Option<KeptTally>,
    ) -> Result<(Self, KeptTally), StoreError> {
        store
            .read_tallies(workshop.id, false, move |rows| {
                Self::build_kept(workshop, rows, kept)
            })
            .await
    }

    /// Folds, corrects and ranks `rows`, the keyword tally extended from `kept` (counted
    /// from the start without it); gives the tally to keep.
    fn build_kept(
        workshop: Workshop,
        rows: TallyRows,
        kept: Option<KeptTally>,
    ) -> (Self, KeptTally) {
        let lines: Vec<KeywordLine<'_>> = rows
            .keyword_rows
            .iter()
            .map(|r| KeywordLine {
                id: r.id.get(),
                counts: r.counts(),
                participant_id: r.participant_id.get(),
                text: &r.text,
            })
            .collect();
        let corrections: Vec<Correction> = rows
            .corrections
            .iter()
            .map(|c| c.correction.clone())
            .collect();
        let kept = KeptTally::update(kept, &lines, workshop.language, &corrections);
        drop(lines);
        let summary = summary::summarize(
            &workshop,
            kept.counts(),
            &rows.findings,
            rows.totals,
            rows.participation,
        );
        let tallies = Self {
            workshop,
            summary,
            findings: rows.findings,
            keyword_rows: rows.keyword_rows,
            corrections: rows.corrections,
            proposals: rows.proposals,
            span: rows.export_span,
            ballot_rows: rows.export_ballot_rows,
            support_rows: rows.export_support_rows,
            syntheses: rows.export_syntheses,
        };
        (tallies, kept)
    }

    async fn load_with(store: &Store, workshop: Workshop, full: bool) -> Result<Self, StoreError> {
        store
            .read_tallies(workshop.id, full, move |rows| Self::build(workshop, rows))
            .await
    }

    /// Folds, corrects and ranks `rows` (on the reader's blocking thread).
    fn build(workshop: Workshop, rows: TallyRows) -> Self {
        Self::build_kept(workshop, rows, None).0
    }

    /// Loads the tallies of workshop `workshop_id`, if it exists.
    ///
    /// # Errors
    /// Store errors.
    pub async fn load_by_id(
        store: &Store,
        workshop_id: WorkshopId,
    ) -> Result<Option<Self>, StoreError> {
        let workshop = store.workshop(workshop_id).await?;
        match workshop {
            Some(workshop) => Ok(Some(Self::load(store, workshop).await?)),
            None => Ok(None),
        }
    }

    /// The corrections in force, ready to apply.
    pub fn keyword_corrections(&self) -> Corrections {
        Corrections::from_list(self.corrections.iter().map(|c| &c.correction))
    }
}

/// The latest tallies of each workshop, with the live version they were loaded at.
pub struct TalliesCache {
    store: Store,
    entries: Mutex<HashMap<WorkshopId, (u64, Arc<Tallies>)>>,
    /// The full tallies (with what only exports need) of the workshops last exported, by
    /// live version: a rapporteur downloading file after file, or four at once, costs one
    /// load.
    full: Mutex<HashMap<WorkshopId, (u64, Arc<Tallies>)>>,
    /// The keyword tally of each workshop's last live load, extended at the next one.
    kept: Mutex<HashMap<WorkshopId, KeptTally>>,
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
            full: Mutex::new(HashMap::new()),
            kept: Mutex::new(HashMap::new()),
            workshops: Mutex::new(HashMap::new()),
            codes: Mutex::new(HashMap::new()),
        }
    }

    /// The tallies of workshop `workshop_id`: from the cache when its live version has not
    /// moved since they were loaded, else loaded anew. The version is read before loading,
    /// so a write during the load only makes the next call load again.
    ///
    /// # Errors
    /// Store errors.
    pub async fn get(&self, workshop_id: WorkshopId) -> Result<Option<Arc<Tallies>>, StoreError> {
        let version = self.store.hub.version(workshop_id.get());
        if let Some((cached, tallies)) = self.lock().get(&workshop_id)
            && *cached == version
        {
            return Ok(Some(Arc::clone(tallies)));
        }
        let Some(workshop) = self.workshop(workshop_id).await? else {
            return Ok(None);
        };
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&workshop_id);
        let (tallies, kept) =
            Tallies::load_live_kept(&self.store, (*workshop).clone(), kept).await?;
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(workshop_id, kept);
        let tallies = Arc::new(tallies);
        self.lock()
            .insert(workshop_id, (version, Arc::clone(&tallies)));
        Ok(Some(tallies))
    }

    /// The full tallies of workshop `workshop_id` (as [`Tallies::load`]: with the ballot and
    /// support lines, the time span and the syntheses the exports need), from the cache
    /// when its live version has not moved since they were loaded (every committed write
    /// to a workshop, the facilitator's included, moves it).
    ///
    /// # Errors
    /// Store errors.
    pub async fn get_full(
        &self,
        workshop_id: WorkshopId,
    ) -> Result<Option<Arc<Tallies>>, StoreError> {
        let version = self.store.hub.version(workshop_id.get());
        let full = || {
            self.full
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some((cached, tallies)) = full().get(&workshop_id)
            && *cached == version
        {
            return Ok(Some(Arc::clone(tallies)));
        }
        let Some(workshop) = self.workshop(workshop_id).await? else {
            return Ok(None);
        };
        let tallies = Arc::new(Tallies::load(&self.store, (*workshop).clone()).await?);
        full().insert(workshop_id, (version, Arc::clone(&tallies)));
        Ok(Some(tallies))
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
