//! Rendering: reviewed snapshots of every tab, and no panic at any size or state.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jx_dash::action::Action;
use jx_dash::app::App;
use jx_dash::data::load_embedded;
use jx_dash::export::{render, to_text};
use jx_dash::text::Lang;
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

fn app() -> App {
    App::new(load_embedded().unwrap())
}

fn screen(app: &App, width: u16, height: u16) -> String {
    to_text(&render(app, width, height))
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action);
    }
}

#[test]
fn every_tab_at_80x24_and_120x40_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app();
        app.lang = lang;
        for tab in 0..app.dataset.tabs.len() {
            app.tab = tab;
            let id = app.dataset.tabs[tab].id.clone();
            let lang_id = if lang == Lang::En { "en" } else { "zh" };
            for (w, h) in [(80, 24), (120, 40)] {
                insta::assert_snapshot!(format!("{id}_{w}x{h}_{lang_id}"), screen(&app, w, h));
            }
        }
    }
}

#[test]
fn zoomed_series_shows_chart_table_and_source() {
    let mut app = app();
    assert!(app.zoom_on("gdp"));
    let text = screen(&app, 100, 30);
    insta::assert_snapshot!("gdp_zoomed_100x30", text);
    for needle in [
        "over 3.6 trillion yuan (2025)",
        "+5.2% real",
        "2024: 3.42 trillion yuan",
        "3,420.25",
        "over 3,600",
        "2023¦",
        "new base",
        "突破3.6万亿元",
        "https://cn.dailyeconomic.com/",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    assert!(
        !text.contains("×1.05"),
        "no multiple over a single year (the change on the year says it)"
    );
}

/// The zoom view of every kind of figure: a series with a change of base, a fact, a
/// comparison of regions, a breakdown, and a series in Chinese.
#[test]
fn zoomed_views_of_every_shape() {
    for (id, lang, (w, h)) in [
        ("fdi", Lang::En, (100, 30)),
        ("clearance-time", Lang::En, (80, 24)),
        ("central-gdp", Lang::En, (100, 30)),
        ("foreign-trade", Lang::Zh, (100, 30)),
        ("rd-2023-performers", Lang::En, (100, 30)),
    ] {
        let mut app = app();
        app.lang = lang;
        assert!(app.zoom_on(id), "{id} is on a tab");
        insta::assert_snapshot!(format!("{id}_zoomed_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn help_lists_every_key() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&app, 80, 24);
    for needle in [
        "Tab",
        "PgUp/PgDn",
        "1–9",
        "hjkl",
        "Enter",
        "Esc",
        "Ctrl-C",
        "L",
    ] {
        assert!(text.contains(needle), "{needle} missing from help:\n{text}");
    }
    insta::assert_snapshot!("help_80x24", text);
    app.lang = Lang::Zh;
    insta::assert_snapshot!("help_80x24_zh", screen(&app, 80, 24));
}

#[test]
fn too_small_says_what_it_needs() {
    let text = screen(&app(), 50, 10);
    assert!(
        text.starts_with("terminal too small: need 60×16, have 50×10"),
        "{text}"
    );
}

/// Every page of the current tab at `width`×`height`: the screen with each panel focused in
/// turn (the body pages to the focused panel), one after the other.
fn every_page(app: &mut App, width: u16, height: u16) -> String {
    let targets = app.dataset.tabs[app.tab].indicators.len();
    let mut pages: Vec<String> = Vec::new();
    for target in 0..targets {
        app.update(Action::Focus(target));
        let text = screen(app, width, height);
        if !pages.contains(&text) {
            pages.push(text);
        }
    }
    app.update(Action::Focus(0));
    pages.join("\n")
}

/// The China Daily article of 2024-05-20, figure by figure: each is on a page of its tab at
/// the smallest size, in both languages.
#[test]
fn every_seed_figure_is_on_screen_at_80x24() {
    let expected: &[(&str, &[&str], &[&str])] = &[
        (
            "overview",
            &[
                "569 billion yuan",
                "US$78.9 billion",
                "+73%",
                "4.3% of national",
                "6th nationwide",
                "463 billion yuan",
                "3.22 trillion yuan",
                "1.28 trillion yuan",
                "71,200 yuan",
                "28,600 yuan",
                "over 9 million t",
            ],
            &[
                "5,690亿元",
                "789亿美元",
                "3.22万亿元",
                "1.28万亿元",
                "7.12万元",
                "2.86万元",
                "4,630亿元",
                "超900万吨",
            ],
        ),
        (
            "trade",
            &[
                "569 billion yuan",
                "over 9 million t",
                "over 20",
                "40%",
                "under 30 hours",
                "70 hours",
                "5th nationwide",
                "April 2020",
            ],
            &["900万吨", "30小时", "70小时", "第5"],
        ),
        (
            "innovation",
            &[
                "+73.8%",
                "nearly ×3",
                "helicopters",
                "light-emitting devices",
            ],
            &["73.8%", "直升机"],
        ),
        (
            "livelihood",
            &[
                "over 5 trillion yuan",
                "over 220 billion yuan",
                "1st nationwide",
                "487,000",
                "over 1,000",
                "disabled",
                "meal assistance",
            ],
            &["48.7万人", "超1,000个", "超5万亿元"],
        ),
    ];
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app();
        app.lang = lang;
        for (tab, en, zh) in expected {
            app.tab = app.find_tab(tab).unwrap();
            let text = every_page(&mut app, 80, 24);
            let needles = if lang == Lang::En { *en } else { *zh };
            let missing: Vec<&&str> = needles.iter().filter(|n| !text.contains(**n)).collect();
            assert!(
                missing.is_empty(),
                "{missing:?} not on any page of {tab} ({lang:?}) at 80x24:\n{text}"
            );
        }
    }
}

#[test]
fn lines_never_exceed_the_width_in_any_language() {
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app();
        app.lang = lang;
        for tab in 0..app.dataset.tabs.len() {
            app.tab = tab;
            for line in screen(&app, 80, 24).lines() {
                assert!(line.width() <= 80, "{line}");
            }
        }
    }
}

#[test]
fn small_sizes_exhaustively_never_panic() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    for w in 1..=90 {
        for h in 1..=30 {
            let _ = render(&app, w, h);
        }
    }
}

fn any_key() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Char('?')),
        Just(KeyCode::Char('L')),
        Just(KeyCode::Char('j')),
        Just(KeyCode::Char('k')),
        (b'1'..=b'9').prop_map(|c| KeyCode::Char(c as char)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_state_renders_at_any_size(keys in proptest::collection::vec(any_key(), 0..30), w in 1u16..=300, h in 1u16..=100) {
        let mut app = app();
        for key in keys {
            press(&mut app, key);
            prop_assert!(app.tab < app.dataset.tabs.len());
            prop_assert!(app.focused().is_some());
        }
        let _ = render(&app, w, h);
    }
}

#[test]
fn chinese_too_small_message_at_narrow_widths() {
    // Found by `any_state_renders_at_any_size`: wide characters at a 2-column edge.
    let mut app = app();
    app.lang = Lang::Zh;
    for w in 1..=6 {
        for h in 1..=12 {
            let text = screen(&app, w, h);
            assert!(text.lines().all(|l| l.width() <= usize::from(w)));
        }
    }
}

#[test]
fn ascii_mode_draws_only_ascii_in_every_state() {
    let mut app = app();
    app.ascii = true;
    insta::assert_snapshot!("trade_80x24_ascii", {
        app.tab = 2;
        screen(&app, 80, 24)
    });
    app.lang = Lang::Zh;
    insta::assert_snapshot!("overview_80x24_ascii_zh", {
        app.tab = 0;
        screen(&app, 80, 24)
    });
    app.lang = Lang::En;
    for tab in 0..app.dataset.tabs.len() {
        app.tab = tab;
        for zoomed in [false, true] {
            app.zoomed = zoomed;
            // Text (the data's quotes, the Chinese labels) has no ASCII stand-in;
            // everything drawn does.
            for lang in [Lang::En, Lang::Zh] {
                app.lang = lang;
                let text = screen(&app, 120, 40);
                let drawn: String = text
                    .chars()
                    .filter(|c| !c.is_ascii() && !is_text(*c))
                    .collect();
                assert!(
                    drawn.is_empty(),
                    "tab {tab} zoomed {zoomed} ({lang:?}) draws {drawn:?}:\n{text}"
                );
            }
            app.lang = Lang::En;
        }
    }
}

/// Letters of any script and CJK punctuation: the text of the data (a Chinese quote, an
/// accented name), which `--ascii` leaves as it is.
fn is_text(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

#[test]
fn contrast_theme_paints_every_cell_on_black() {
    use jx_dash::app::{TermProfile, ThemeKind};
    use ratatui::style::{Color, Modifier};
    let mut app = app();
    app.theme = ThemeKind::Contrast;
    app.color = TermProfile::Ansi16;
    let buf = render(&app, 80, 24);
    let active_tab = jx_dash::ui::theme::Theme::new(app.theme, app.color).tab_active;
    let mut bold_cells = 0;
    let mut covered = 0; // cells hidden under the right half of a wide (CJK) character
    for cell in buf.content() {
        if covered > 0 {
            covered -= 1;
            continue;
        }
        covered = cell.symbol().width().saturating_sub(1);
        if cell.bg != active_tab.bg.unwrap() {
            assert_eq!(cell.bg, Color::Black, "{cell:?}");
        }
        assert_ne!(cell.fg, Color::DarkGray, "no dim grey on a projector");
        if cell.modifier.contains(Modifier::BOLD) {
            bold_cells += 1;
        }
    }
    assert!(
        bold_cells > 200,
        "figures and borders are bold: {bold_cells}"
    );
    insta::assert_snapshot!("overview_80x24_contrast", screen(&app, 80, 24));
}

#[test]
fn no_color_theme_leaves_no_colors_in_the_buffer() {
    use jx_dash::app::{TermProfile, ThemeKind};
    use ratatui::style::Color;
    for kind in [ThemeKind::Dark, ThemeKind::Light, ThemeKind::Contrast] {
        let mut app = app();
        app.theme = kind;
        app.color = TermProfile::NoColor;
        app.zoomed = true;
        let buf = render(&app, 100, 30);
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{kind:?} {cell:?}"
            );
        }
    }
}

/// `u` converts only years with an official rate; a year without one stays in yuan, labelled
/// as yuan, and says so (walk item 1: "36,007 billion US$" of income per head).
#[test]
fn usd_mode_converts_only_years_with_a_rate_and_says_so() {
    let mut app = app();
    press(&mut app, KeyCode::Char('u'));
    assert!(screen(&app, 80, 24).contains("a year without one stays in yuan"));
    app.update(Action::ClearNotice);
    let text = screen(&app, 80, 24);
    let tiles: Vec<&str> = text.lines().skip(1).take(3).collect();
    assert!(
        tiles[2].contains("trillion yuan"),
        "2025 GDP has no rate: its tile stays in yuan\n{text}"
    );
    assert!(
        !tiles
            .iter()
            .any(|l| l.contains("36,007") && l.contains("US$")),
        "{text}"
    );
    assert!(
        text.contains("no official 2025 rate: in yuan"),
        "the footer says why\n{text}"
    );
    assert!(
        text.contains("u yuan"),
        "the key bar names the way back\n{text}"
    );
    assert!(text.contains("US$ ·"), "the header shows the mode\n{text}");
    assert!(app.zoom_on("foreign-trade"));
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("≈billion US$"),
        "a column of estimates, said\n{text}"
    );
    assert!(text.contains("no rate"), "2024 and 2025 have none\n{text}");
    assert!(
        text.contains("no rate: 2024–2025"),
        "the chart leaves them out and says so\n{text}"
    );
    assert!(
        !text.contains("4,707.5"),
        "no yuan figure in the US$ column\n{text}"
    );
    assert!(
        text.contains("(in yuan)") && !text.contains("(computed)"),
        "the change column says its changes are of the yuan figures\n{text}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("≈billion US$ · no rate: 2024–2025"),
        "bars of years without a rate are left out, and said\n{text}"
    );
}

#[test]
fn reload_banner_shows_the_location() {
    let mut app = app();
    let error = jx_dash::data::LoadError(vec![jx_dash::data::Diagnostic {
        path: "data/growth.toml".into(),
        line: 20,
        col: 8,
        message: "`2023`: invalid type: string \"oops\", expected a number".into(),
    }]);
    app.update(jx_dash::action::Action::Reloaded(Box::new(Err(error))));
    let text = screen(&app, 80, 24);
    assert!(text.contains("reload failed"), "{text}");
    assert!(text.contains("data/growth.toml:20:8"), "{text}");
    assert!(
        text.contains("482.3"),
        "the last good data stays on screen:\n{text}"
    );
}

#[test]
fn a_tab_of_hundreds_of_panels_keeps_the_focused_one_on_screen() {
    use jx_dash::data::{DataFile, validate};
    use std::fmt::Write as _;
    let mut tab =
        String::from("[tab]\nid = \"big\"\ntitle = \"Big\"\ntitle_zh = \"大\"\norder = 1\n");
    for i in 0..300 {
        let _ = write!(
            tab,
            "[[indicator]]\nid = \"n{i}\"\nname = \"Panel {i}\"\nname_zh = \"面板{i}\"\nunit = \"pct\"\nsource = \"s\"\nvalue = {i}\nquote = \"{i}%\"\n"
        );
    }
    let sources = "[[source]]\nid = \"s\"\ntitle = \"T\"\npublisher = \"P\"\npublisher_zh = \"P\"\n\
                   date = 2024-05-20\nurl = \"https://example.org/t\"\n";
    let files = [
        DataFile::new("sources.toml", sources.as_bytes().to_vec()),
        DataFile::new("big.toml", tab.into_bytes()),
    ];
    let mut app = App::new(validate::build(&files).unwrap());
    for target in [0, 1, 137, 250, 299] {
        while app.focus() != target {
            press(&mut app, KeyCode::Down);
        }
        for (w, h) in [(80, 24), (200, 60)] {
            let text = screen(&app, w, h);
            assert!(
                text.contains(&format!(" Panel {target} ")),
                "panel {target} at {w}x{h}:\n{text}"
            );
        }
    }
}

/// Text snapshots cannot see a lost color: the ANSI export of the overview in every theme, and
/// of a focused card on its own.
#[test]
fn styles_of_every_theme_and_of_a_focused_card() {
    use jx_dash::app::{TermProfile, ThemeKind};
    use jx_dash::export::to_ansi;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    let mut app = app();
    for (name, theme) in [
        ("dark", ThemeKind::Dark),
        ("light", ThemeKind::Light),
        ("contrast", ThemeKind::Contrast),
    ] {
        app.theme = theme;
        app.color = TermProfile::TrueColor;
        insta::assert_snapshot!(
            format!("overview_80x24_{name}_ansi"),
            to_ansi(&render(&app, 80, 24))
        );
    }
    app.theme = ThemeKind::Dark;
    let ctx = jx_dash::ui::Ctx::new(&app);
    let gdp = app.dataset.indicator("gdp").unwrap();
    let area = Rect::new(0, 0, 44, 8);
    let mut buf = Buffer::empty(area);
    jx_dash::ui::card::Card::new(&ctx, gdp, jx_dash::data::model::View::Level, true)
        .render(area, &mut buf);
    insta::assert_snapshot!("focused_card_ansi", to_ansi(&buf));
}

/// Legends of series whose latest figures are of different years, or indices on different
/// base years, say theirs; a derived tile's level is of its own year, never a later bound.
#[test]
fn legends_and_tiles_date_what_they_compare() {
    let mut app = app();
    assert!(app.zoom_on("foreign-trade"));
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('t'));
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("(2025; 2012 = 100)") && text.contains("(2025; 2015 = 100)"),
        "Jiangxi's index is on 2012, China's on 2015: said\n{text}"
    );
    let mut app = jx_dash::app::App::new(load_embedded().unwrap());
    press(&mut app, KeyCode::Char('t'));
    let text = screen(&app, 200, 50);
    let gdp_tile: String = text
        .lines()
        .skip(1)
        .take(10)
        .map(|l| &l[..l.char_indices().nth(41).map_or(l.len(), |(i, _)| i)])
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        gdp_tile.contains("2024: 3.42 trillion yuan") && !gdp_tile.contains("over 3.6"),
        "the 2024 change beside the 2024 level, not the 2025 bound\n{gdp_tile}"
    );
}
