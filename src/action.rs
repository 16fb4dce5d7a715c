//! What a key asks the app to do; [`crate::app::App::update`] carries it out.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}
