//! What a key (or the event loop) asks the app to do; [`crate::app::App::update`] does it.

use crate::data::{Dataset, LoadError};

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    SelectTab(usize),
    FocusNext,
    FocusPrev,
    Zoom,
    /// Esc: close the help overlay, else leave the zoomed panel. Never quits.
    Back,
    ToggleHelp,
    ToggleLang,
    ToggleCurrency,
    /// `p`: pause or resume presentation mode.
    TogglePresent,
    /// The presentation timer fired: next tab, without pausing.
    Advance,
    /// `r`: ask the event loop to read the data again (the app itself does no I/O).
    Reload,
    /// `f` in `serve --follow`: follow the presenter again.
    Rejoin,
    /// The presenter is on this tab (applies only while following).
    FollowTab(usize),
    /// `/`: start typing the name of an indicator to jump to.
    SearchStart,
    SearchInput(char),
    SearchBackspace,
    /// Enter: jump to the first indicator whose name contains what was typed.
    SearchSubmit,
    SearchCancel,
    /// The result of reading the data again.
    Reloaded(Box<Result<Dataset, LoadError>>),
}
