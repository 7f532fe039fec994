//! Live versions: after each commit that touches a workshop, the store's writer bumps that
//! workshop's version here; projector streams and tally caches wait on it.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::watch;

/// One version counter per workshop (a `tokio::sync::watch` channel), created on first
/// use. Versions start at 0 and only increase.
#[derive(Debug, Default)]
pub struct Hub {
    workshops: Mutex<HashMap<i64, watch::Sender<u64>>>,
    /// A second counter per workshop, bumped only when the facilitator changes its
    /// settings (panel, activities, ballot…): cached settings stay valid while phones write.
    settings: Mutex<HashMap<i64, u64>>,
    /// One counter per event (issue #14), bumped when its plenary step or its list of
    /// workshops changes: the plenary's and the console's viewers wait on it.
    events: Mutex<HashMap<i64, watch::Sender<u64>>>,
}

impl Hub {
    /// An empty hub.
    pub fn new() -> Self {
        Self::default()
    }

    fn with_sender<T>(&self, workshop_id: i64, f: impl FnOnce(&watch::Sender<u64>) -> T) -> T {
        let mut map = self
            .workshops
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let sender = map
            .entry(workshop_id)
            .or_insert_with(|| watch::Sender::new(0));
        f(sender)
    }

    /// Marks `workshop_id` as changed: its version goes up by one.
    pub fn bump(&self, workshop_id: i64) {
        self.with_sender(workshop_id, |s| s.send_modify(|v| *v += 1));
    }

    /// Marks the settings of `workshop_id` as changed (called by the writer before
    /// [`Hub::bump`], so that whoever wakes on the bump sees the new settings).
    pub fn bump_settings(&self, workshop_id: i64) {
        let mut map = self
            .settings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *map.entry(workshop_id).or_insert(0) += 1;
    }

    /// The version of the workshop's settings.
    pub fn settings_version(&self, workshop_id: i64) -> u64 {
        let map = self
            .settings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(&workshop_id).copied().unwrap_or(0)
    }

    /// The workshop's current version.
    pub fn version(&self, workshop_id: i64) -> u64 {
        self.with_sender(workshop_id, |s| *s.borrow())
    }

    /// Marks event `event_id` as changed (its plenary step or its workshops).
    pub fn bump_event(&self, event_id: i64) {
        self.with_event(event_id, |s| s.send_modify(|v| *v += 1));
    }

    /// A receiver that wakes when the event's own version changes (not its workshops').
    pub fn subscribe_event(&self, event_id: i64) -> watch::Receiver<u64> {
        self.with_event(event_id, watch::Sender::subscribe)
    }

    /// The event's own version.
    pub fn event_version(&self, event_id: i64) -> u64 {
        self.with_event(event_id, |s| *s.borrow())
    }

    fn with_event<T>(&self, event_id: i64, f: impl FnOnce(&watch::Sender<u64>) -> T) -> T {
        let mut map = self
            .events
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(map.entry(event_id).or_insert_with(|| watch::Sender::new(0)))
    }

    /// A receiver that wakes when the workshop's version changes.
    pub fn subscribe(&self, workshop_id: i64) -> watch::Receiver<u64> {
        self.with_sender(workshop_id, watch::Sender::subscribe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_only_go_up_and_are_per_workshop() {
        let hub = Hub::new();
        let mut rx = hub.subscribe(1);
        hub.bump(1);
        hub.bump(1);
        assert_eq!(hub.version(1), 2);
        assert_eq!(hub.version(2), 0);
        assert!(rx.has_changed().expect("open"));
        assert_eq!(*rx.borrow_and_update(), 2);
    }
}
