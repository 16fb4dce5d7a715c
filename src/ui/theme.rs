//! Every style the UI uses, for three themes, adapted to the terminal's color depth.
//!
//! Themes are written in true color; [`termprofile`] maps each color down to 256 or 16 colors,
//! or removes it (`NO_COLOR`, `--color none`), in which case the UI still reads through bold,
//! reverse video and border shapes.

use ratatui::style::{Color, Modifier, Style};

use crate::app::{TermProfile, ThemeKind};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Applied to the whole screen first (a background only in the contrast theme).
    pub base: Style,
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
    /// The second and third series of a chart (China beside Jiangxi, imports beside exports).
    pub series2: Style,
    pub series3: Style,
    /// The home region in a ranking.
    pub highlight: Style,
    pub key: Style,
    pub warn: Style,
    pub banner: Style,
    /// The footer's short answer to a quiet key.
    pub notice: Style,
}

const fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(r, g, b)
}

impl Theme {
    /// The theme `kind` with every color adapted to `profile`.
    pub fn new(kind: ThemeKind, profile: TermProfile) -> Self {
        let theme = match kind {
            ThemeKind::Dark => Self::dark(),
            ThemeKind::Light => Self::light(),
            ThemeKind::Contrast => Self::contrast(),
        };
        theme.adapted(profile)
    }

    fn dark() -> Self {
        let bold = Modifier::BOLD;
        Self {
            base: Style::new(),
            title: Style::new().fg(rgb(97, 175, 239)).add_modifier(bold),
            tab: Style::new().fg(rgb(171, 178, 191)),
            tab_active: Style::new()
                .fg(rgb(229, 192, 123))
                .add_modifier(bold | Modifier::REVERSED),
            border: Style::new().fg(rgb(92, 99, 112)),
            border_focus: Style::new().fg(rgb(229, 192, 123)).add_modifier(bold),
            card_title: Style::new().fg(rgb(86, 182, 194)),
            hero: Style::new().fg(rgb(236, 239, 244)).add_modifier(bold),
            text: Style::new(),
            muted: Style::new().fg(rgb(128, 136, 150)),
            up: Style::new().fg(rgb(152, 195, 121)),
            down: Style::new().fg(rgb(224, 108, 117)),
            bar: Style::new().fg(rgb(86, 182, 194)),
            series2: Style::new().fg(rgb(198, 120, 221)),
            series3: Style::new().fg(rgb(152, 195, 121)),
            highlight: Style::new().fg(rgb(229, 192, 123)).add_modifier(bold),
            key: Style::new().fg(rgb(229, 192, 123)).add_modifier(bold),
            warn: Style::new().fg(rgb(224, 108, 117)).add_modifier(bold),
            banner: Style::new()
                .fg(Color::White)
                .bg(rgb(150, 40, 40))
                .add_modifier(bold),
            notice: Style::new().fg(rgb(152, 195, 121)).add_modifier(bold),
        }
    }

    /// Dark text on its own light background, so it reads on a dark terminal too.
    fn light() -> Self {
        let bold = Modifier::BOLD;
        Self {
            base: Style::new().fg(rgb(20, 20, 20)).bg(rgb(250, 250, 247)),
            title: Style::new().fg(rgb(0, 80, 160)).add_modifier(bold),
            tab: Style::new().fg(rgb(60, 60, 60)),
            tab_active: Style::new()
                .fg(rgb(0, 80, 160))
                .add_modifier(bold | Modifier::REVERSED),
            border: Style::new().fg(rgb(150, 150, 150)),
            border_focus: Style::new().fg(rgb(180, 90, 0)).add_modifier(bold),
            card_title: Style::new().fg(rgb(0, 100, 120)),
            hero: Style::new().fg(rgb(0, 0, 0)).add_modifier(bold),
            text: Style::new(),
            muted: Style::new().fg(rgb(100, 100, 100)),
            up: Style::new().fg(rgb(0, 120, 0)),
            down: Style::new().fg(rgb(170, 0, 0)),
            bar: Style::new().fg(rgb(0, 100, 160)),
            series2: Style::new().fg(rgb(150, 40, 150)),
            series3: Style::new().fg(rgb(0, 120, 0)),
            highlight: Style::new().fg(rgb(180, 90, 0)).add_modifier(bold),
            key: Style::new().fg(rgb(180, 90, 0)).add_modifier(bold),
            warn: Style::new().fg(rgb(170, 0, 0)).add_modifier(bold),
            banner: Style::new()
                .fg(Color::White)
                .bg(rgb(170, 0, 0))
                .add_modifier(bold),
            notice: Style::new().fg(rgb(0, 110, 0)).add_modifier(bold),
        }
    }

    /// Only the brightest colors on black, everything that matters in bold: survives a projector.
    fn contrast() -> Self {
        let bold = Modifier::BOLD;
        let on_black = Style::new().bg(Color::Black);
        Self {
            base: on_black.fg(Color::White),
            title: on_black.fg(Color::LightYellow).add_modifier(bold),
            tab: on_black.fg(Color::White).add_modifier(bold),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            border: on_black.fg(Color::White),
            border_focus: on_black.fg(Color::LightYellow).add_modifier(bold),
            card_title: on_black.fg(Color::LightCyan).add_modifier(bold),
            hero: on_black.fg(Color::White).add_modifier(bold),
            text: on_black.fg(Color::White),
            // No dim grey on a washed-out projector: secondary text is white too.
            muted: on_black.fg(Color::White),
            up: on_black.fg(Color::LightGreen).add_modifier(bold),
            down: on_black.fg(Color::LightRed).add_modifier(bold),
            // Yellow is the home region's alone: the other bars are cyan.
            bar: on_black.fg(Color::LightCyan),
            series2: on_black.fg(Color::LightMagenta),
            series3: on_black.fg(Color::LightGreen),
            highlight: on_black
                .fg(Color::LightYellow)
                .add_modifier(bold | Modifier::UNDERLINED),
            key: on_black.fg(Color::LightYellow).add_modifier(bold),
            warn: on_black.fg(Color::LightRed).add_modifier(bold),
            banner: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(bold),
            notice: on_black.fg(Color::LightGreen).add_modifier(bold),
        }
    }

    fn adapted(self, profile: TermProfile) -> Self {
        // Without a terminal (snapshots to a pipe) keep the modifiers: only colors depend on depth.
        let profile = profile.max(TermProfile::NoColor);
        let a = |style: Style| profile.adapt_style(style);
        let mut theme = Self {
            base: a(self.base),
            title: a(self.title),
            tab: a(self.tab),
            tab_active: a(self.tab_active),
            border: a(self.border),
            border_focus: a(self.border_focus),
            card_title: a(self.card_title),
            hero: a(self.hero),
            text: a(self.text),
            muted: a(self.muted),
            up: a(self.up),
            down: a(self.down),
            bar: a(self.bar),
            series2: a(self.series2),
            series3: a(self.series3),
            highlight: a(self.highlight),
            key: a(self.key),
            warn: a(self.warn),
            banner: a(self.banner),
            notice: a(self.notice),
        };
        if profile == TermProfile::NoColor {
            // Without color the banner and the active tab stand out by reverse video.
            theme.banner = theme.banner.add_modifier(Modifier::REVERSED);
            theme.tab_active = theme.tab_active.add_modifier(Modifier::REVERSED);
            theme.highlight = theme.highlight.add_modifier(Modifier::UNDERLINED);
        }
        theme
    }

    /// The style of the `i`-th series of a chart.
    pub fn series(&self, i: usize) -> Style {
        [self.bar, self.series2, self.series3][i % 3]
    }

    /// Green for a rise, red for a fall.
    pub fn change(&self, value: f64) -> Style {
        if value < 0.0 { self.down } else { self.up }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::new(ThemeKind::Dark, TermProfile::TrueColor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colors(theme: &Theme) -> Vec<Option<Color>> {
        [
            theme.title,
            theme.hero,
            theme.muted,
            theme.bar,
            theme.banner,
        ]
        .iter()
        .flat_map(|s| [s.fg, s.bg])
        .collect()
    }

    #[test]
    fn true_color_keeps_rgb() {
        let theme = Theme::new(ThemeKind::Dark, TermProfile::TrueColor);
        assert_eq!(theme.title.fg, Some(Color::Rgb(97, 175, 239)));
    }

    #[test]
    fn downgrades_to_256_then_16() {
        let t256 = Theme::new(ThemeKind::Dark, TermProfile::Ansi256);
        assert!(
            colors(&t256)
                .iter()
                .flatten()
                .all(|c| matches!(c, Color::Indexed(_)) || !matches!(c, Color::Rgb(..)))
        );
        assert!(matches!(t256.title.fg, Some(Color::Indexed(_))));
        let t16 = Theme::new(ThemeKind::Dark, TermProfile::Ansi16);
        for color in colors(&t16).into_iter().flatten() {
            assert!(
                !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                "{color:?}"
            );
        }
    }

    #[test]
    fn no_color_means_no_colors_but_keeps_emphasis() {
        for kind in [ThemeKind::Dark, ThemeKind::Light, ThemeKind::Contrast] {
            let theme = Theme::new(kind, TermProfile::NoColor);
            assert!(colors(&theme).iter().all(Option::is_none), "{kind:?}");
            assert!(theme.tab_active.add_modifier.contains(Modifier::REVERSED));
            assert!(theme.hero.add_modifier.contains(Modifier::BOLD));
            let theme = Theme::new(kind, TermProfile::NoTty);
            assert!(theme.hero.add_modifier.contains(Modifier::BOLD));
        }
    }

    #[test]
    fn contrast_is_on_black() {
        let theme = Theme::new(ThemeKind::Contrast, TermProfile::Ansi16);
        assert_eq!(theme.base.bg, Some(Color::Black));
        assert!(theme.text.fg == Some(Color::White));
    }
}
