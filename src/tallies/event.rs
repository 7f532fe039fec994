//! An event's tallies for its proceedings and exports (issue #14, item 4): every
//! workshop's [`Export`] in the event's order (what its own files are made from: the
//! live model's counts and findings, no raw rows), and the event-wide keywords (the
//! plenary's folding, [`TalliesCache::event_keywords`]) each with the workshops it came
//! from.

use std::collections::HashSet;

use super::{Export, TalliesCache};
use crate::domain::event::{Event, MAX_WORKSHOPS};
use crate::store::StoreError;

/// One group of the event-wide keyword cloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventKeyword {
    /// The group's label (the first workshop to label it names it).
    pub label: String,
    /// Distinct phones that sent it, over every workshop.
    pub count: usize,
    /// Indexes into [`EventTallies::workshops`] of the workshops where the group stands
    /// (not hidden), in the event's order.
    pub workshops: Vec<usize>,
}

/// An event with everything its proceedings, workbook and ZIP show.
#[derive(Clone)]
pub struct EventTallies {
    /// The event as stored.
    pub event: Event,
    /// Its workshops' exports, in order of creation (the event file's order, then those
    /// added from the console); each reads its raw rows when a file asks for them.
    pub workshops: Vec<Export>,
    /// Every event-wide keyword group, most frequent first.
    pub keywords: Vec<EventKeyword>,
}

impl TalliesCache {
    /// The tallies of `event` for its exports: each workshop's [`Export`], made by
    /// [`TalliesCache::export`] one workshop after the other (as its own downloads make
    /// it), and the event-wide keywords with their workshops. Memory: every workshop's
    /// `Export` at once (the proceedings' contents and summary need them all): its keyword
    /// groups, the texts and "+1"s of its findings that count, its corrections and
    /// statements; no raw row (keyword entries, supports, ballots) is held, each file reads
    /// those one workshop at a time as it writes them.
    ///
    /// # Errors
    /// Store errors.
    pub async fn event_full(&self, event: Event) -> Result<EventTallies, StoreError> {
        let (ids, _) = self
            .store
            .event_workshop_ids(event.id, 0, MAX_WORKSHOPS)
            .await?;
        let mut workshops = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(tallies) = self.export(*id).await? {
                workshops.push(tallies);
            }
        }
        let ids: Vec<_> = workshops.iter().map(|t| t.workshop.id).collect();
        let (groups, _) = self.event_keywords(&ids, usize::MAX).await?;
        let keys: Vec<HashSet<&str>> = workshops
            .iter()
            .map(|t| t.summary.keywords.iter().map(|k| k.key.as_str()).collect())
            .collect();
        let keywords = groups
            .into_iter()
            .map(|group| EventKeyword {
                workshops: keys
                    .iter()
                    .enumerate()
                    .filter(|(_, keys)| keys.contains(group.key.as_str()))
                    .map(|(i, _)| i)
                    .collect(),
                label: group.label,
                count: group.count,
            })
            .collect();
        Ok(EventTallies {
            event,
            workshops,
            keywords,
        })
    }
}
