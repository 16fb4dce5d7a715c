//! Every style the UI uses. Only the 16 named colors, foreground only, so the dashboard reads
//! on any terminal background and needs no downgrading on 16-color terminals.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub border_focus: Style,
    pub card_title: Style,
    pub hero: Style,
    pub text: Style,
    pub muted: Style,
    pub up: Style,
    pub down: Style,
    pub bar: Style,
    pub bar_alt: Style,
    pub key: Style,
    pub warn: Style,
}

impl Theme {
    pub fn dark() -> Self {
        Self {
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Yellow),
            card_title: Style::new().fg(Color::Cyan),
            hero: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            up: Style::new().fg(Color::Green),
            down: Style::new().fg(Color::Red),
            bar: Style::new().fg(Color::Cyan),
            bar_alt: Style::new().fg(Color::Magenta),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            warn: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// Green for a rise, red for a fall.
    pub fn change(&self, value: f64) -> Style {
        if value < 0.0 { self.down } else { self.up }
    }
}
