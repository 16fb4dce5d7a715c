//! `serve --follow`: one presenter, whose tab, focus and zoom every following session shows.
//!
//! The presenter's seat is a watch channel: claiming it is one atomic update, and only sessions
//! that could take over wait on it (a viewer joining wakes the presenter alone, for its
//! audience count). The presenter publishes its [`View`] after every event and the time of its
//! last key; a follower applies the view, and counts the presenter's keys as its own activity
//! for the idle timeout.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::time::Instant;

use super::{Shared, Start, View, keys};
use crate::action::Action;
use crate::app::{App, Follow};
use crate::driver::{Driver, Event};

/// What followers show of `app`'s screen.
pub(super) fn view_of(app: &App) -> View {
    View {
        place: app.place(),
        step: app.agenda.as_ref().map(|_| app.step),
    }
}

/// A session went from following to broken away or back (or left while away): the
/// presenter's count of viewers who are away follows.
pub(super) fn moved(shared: &Shared, before: Option<Follow>, after: Option<Follow>) {
    let was_away = before == Some(Follow::Free);
    let is_away = after == Some(Follow::Free);
    if was_away == is_away {
        return;
    }
    if is_away {
        shared.away.fetch_add(1, Ordering::SeqCst);
    } else {
        let _ = shared
            .away
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    }
    shared.audience.send_modify(|_| {});
}

/// The presenter's header: other sessions, and how many of them broke away.
pub(super) fn audience(shared: &Shared) -> Follow {
    let viewers = shared.sessions.load(Ordering::SeqCst).saturating_sub(1);
    let away = shared.away.load(Ordering::SeqCst).min(viewers);
    Follow::Presenter { viewers, away }
}

/// Session `id`'s window is now `size` (`None`: the session ended); the presenter's roster
/// follows.
pub(super) fn sized(shared: &Shared, id: u64, size: Option<(u16, u16)>) {
    if let Ok(mut sizes) = shared.sizes.lock() {
        match size {
            Some(size) => sizes.insert(id, size),
            None => sizes.remove(&id),
        };
    }
    shared.audience.send_modify(|_| {});
}

/// The presenter's header count and console roster: the other sessions, how many broke
/// away, and their window sizes.
pub(super) fn roster(shared: &Shared, me: u64, app: &mut App) {
    app.follow = Some(audience(shared));
    if let Ok(sizes) = shared.sizes.lock() {
        app.audience_sizes = sizes
            .iter()
            .filter(|(id, _)| **id != me)
            .map(|(_, size)| *size)
            .collect();
    }
}

/// Gives up the presenter's seat when the session ends.
pub(super) struct Registration {
    pub shared: Arc<Shared>,
    pub id: u64,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let id = self.id;
        self.shared.presenter.send_if_modified(|seat| {
            let mine = *seat == Some(id);
            if mine {
                *seat = None;
            }
            mine
        });
    }
}

/// In `--follow`, the first eligible session presents and the others follow its view.
pub(super) fn join(shared: &Shared, start: &Start, app: &mut App) {
    if !shared.config.follow {
        return;
    }
    if claim(shared, start) {
        present(shared, start.id, app);
    } else {
        // Followers show the presenter's slides, not a timer of their own; their agenda has
        // the steps' titles but never the presenter's notes.
        app.presentation = None;
        // The presenter's view is applied once the session's driver runs. A viewer who asked
        // for a view of its own (`ssh -t HOST VIEW`) starts there, away; `f` follows.
        if start.view.is_some() {
            app.follow = Some(Follow::Free);
            moved(shared, None, app.follow);
        } else {
            app.follow = Some(Follow::Following);
        }
    }
}

/// Takes the presenter's seat if it is free and this session may present: the sessions of
/// `--presenter-keys`, or else anyone.
pub(super) fn claim(shared: &Shared, start: &Start) -> bool {
    let eligible = shared.config.presenter_keys.is_empty()
        || start
            .key
            .as_ref()
            .is_some_and(|k| keys::contains(&shared.config.presenter_keys, k));
    eligible
        && shared.presenter.send_if_modified(|seat| {
            let free = seat.is_none();
            if free {
                *seat = Some(start.id);
            }
            free
        })
}

/// This session now presents: its header counts viewers, and followers show its view.
pub(super) fn present(shared: &Shared, me: u64, app: &mut App) {
    // The presenter's agenda has the notes.
    app.agenda.clone_from(&shared.config.options.agenda);
    let before = app.follow;
    app.follow = Some(audience(shared));
    moved(shared, before, app.follow);
    roster(shared, me, app);
    publish(shared, app);
    active(shared);
}

pub(super) fn presenting(app: &App) -> bool {
    matches!(app.follow, Some(Follow::Presenter { .. }))
}

/// The presenter's view is what followers show.
pub(super) fn publish(shared: &Shared, app: &App) {
    if presenting(app) {
        let view = view_of(app);
        shared.presenter_view.send_if_modified(|v| {
            let changed = *v != view;
            *v = view;
            changed
        });
    }
}

/// The presenter pressed a key.
pub(super) fn active(shared: &Shared) {
    let ms = u64::try_from(shared.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
    shared.presenter_active.store(ms, Ordering::Relaxed);
}

/// When the presenter last pressed a key.
pub(super) fn active_at(shared: &Shared) -> Instant {
    let ms = shared.presenter_active.load(Ordering::Relaxed);
    shared.epoch + std::time::Duration::from_millis(ms)
}

/// Shows the presenter's view on a following session, and the title of a new agenda step;
/// returns whether the screen changed. The follower's own help overlay, language, theme,
/// colours and glyphs stay as they are.
pub(super) fn apply(driver: &mut Driver, view: View) -> bool {
    if driver.app.follow != Some(Follow::Following) || view_of(&driver.app) == view {
        return false;
    }
    driver.app.go(&view.place);
    if let Some(step) = view.step.filter(|s| Some(*s) != view_of(&driver.app).step) {
        // Through the driver, which times the notice that names the step.
        let now = std::time::Instant::now();
        driver.handle(Event::Action(Action::FollowStep(step)), now);
    }
    true
}
