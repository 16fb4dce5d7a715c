//! The presenter's walk, item by item: each test fails on what the walk found and passes on
//! what it asked for. (Item 1, `u`, is `ui::usd_mode_converts_only_years_with_a_rate_and_says_so`;
//! item 7, following, and item 27, the log, are `serve::followers_follow_view_year_and_currency…`;
//! the screen-truth test in `truth.rs` guards every number of every screen.)

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jx_dash::action::Action;
use jx_dash::app::{App, Follow, Presentation, TermProfile, ThemeKind};
use jx_dash::data::model::View;
use jx_dash::data::{Shape, load_embedded};
use jx_dash::driver::{Deliver, Driver, Event};
use jx_dash::export::{render, to_text};
use jx_dash::text::Lang;
use std::sync::Arc;
use std::time::{Duration, Instant};

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

fn on(app: &mut App, tab: &str) {
    let index = app.find_tab(tab).unwrap();
    app.update(Action::SelectTab(index));
}

/// Item 2: the zoom table's view column never cuts a number ("27% of China" for 1.27%).
#[test]
fn walk_02_zoom_table_cells_are_whole_numbers_under_a_unit_header() {
    let mut app = app();
    assert!(app.zoom_on("foreign-trade"));
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.focused_view(), View::Share);
    let text = screen(&app, 120, 40);
    assert!(text.contains("of China"), "{text}");
    let row = text.lines().find(|l| l.contains(" 2021 ")).unwrap();
    assert!(row.contains("1.27%"), "the share whole: {row}");
    assert!(!text.contains(" 27% "), "{text}");
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.focused_view(), View::PerCapita);
    let text = screen(&app, 120, 40);
    assert!(text.contains("yuan"), "{text}");
    let row = text.lines().find(|l| l.contains(" 2021 ")).unwrap();
    assert!(
        row.contains("11,0") || row.contains("11,1"),
        "a number, not a word: {row}"
    );
}

/// Item 3: ranks say what they rank, every region is listed, Jiangxi stands out on a projector.
#[test]
fn walk_03_ranks_say_of_what_and_list_every_region() {
    let mut app = app();
    on(&mut app, "compare");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("5th of the 5 with a 2024 figure")
            || text.contains("5th of 5 with a 2024 figure"),
        "{text}"
    );
    assert!(text.contains("no 2024 figure: Shanxi"), "{text}");
    assert!(
        !text.contains("5th of 5 ·") && !text.contains("3rd of 3 ·"),
        "{text}"
    );
    // Every ranking lists all six, each with its figure or "no figure".
    for province in ["Shanxi", "Anhui", "Jiangxi", "Henan", "Hubei", "Hunan"] {
        assert!(
            text.matches(province).count() >= 3,
            "{province} in every ranking:\n{text}"
        );
    }
    // The projector theme: Jiangxi's bar in a colour of its own.
    app.theme = ThemeKind::Contrast;
    app.color = TermProfile::Ansi16;
    let buf = render(&app, 120, 40);
    let row = (0..40)
        .find(|&y| {
            let line: String = (0..30).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.starts_with("┃Jiangxi")
        })
        .unwrap();
    let henan = (0..40)
        .find(|&y| {
            let line: String = (0..30).map(|x| buf[(x, y)].symbol().to_string()).collect();
            line.starts_with("┃Henan")
        })
        .unwrap();
    assert_ne!(
        buf[(10, row)].fg,
        buf[(10, henan)].fg,
        "Jiangxi's bar colour"
    );
}

/// Item 4: one plain form per figure, one scale per screen.
#[test]
fn walk_04_amounts_read_in_one_plain_form() {
    let mut app = app();
    on(&mut app, "growth");
    let text = screen(&app, 120, 40);
    assert!(text.contains("140.19 trillion yuan (2025)"), "{text}");
    assert!(!text.contains("140,187.9"), "{text}");
    assert!(text.contains("45.02 million people"), "{text}");
    on(&mut app, "livelihood");
    let text = screen(&app, 120, 40);
    assert!(text.contains("over 5 trillion yuan"), "{text}");
    on(&mut app, "compare");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("6.36") && !text.contains("6,358.999"),
        "{text}"
    );
    app.lang = Lang::Zh;
    on(&mut app, "growth");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("140.19万亿元") && !text.contains("1,401,879亿元"),
        "{text}"
    );
    on(&mut app, "livelihood");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("超5万亿元") && text.contains("48.7万人"),
        "{text}"
    );
}

/// Item 5: a figure the data doubts says so on every card that shows it, and in the footer.
#[test]
fn walk_05_a_doubted_figure_carries_its_caveat() {
    let mut app = app();
    let text = (0..app.dataset.tabs[0].indicators.len())
        .map(|i| {
            app.update(Action::Focus(i));
            screen(&app, 120, 40)
        })
        .find(|t| t.contains("463 billion yuan"))
        .unwrap();
    assert!(text.contains("⚠ in doubt"), "{text}");
    assert!(app.zoom_on("cross-border-ecommerce"));
    let text = screen(&app, 100, 30);
    assert!(
        text.lines().last().unwrap().contains("") && text.contains("⚠ in doubt"),
        "{text}"
    );
    let footer = text.lines().rev().nth(1).unwrap();
    assert!(footer.contains("⚠ in doubt"), "the footer: {footer}");
    app.lang = Lang::Zh;
    assert!(screen(&app, 100, 30).contains("存疑"));
}

/// Item 6: per resident only by the population of the same region; a view that does not apply
/// is not offered, and the notice says why.
#[test]
fn walk_06_no_per_resident_view_of_china_by_jiangxis_population() {
    let mut app = app();
    let china = app.dataset.indicator("china-trade").unwrap();
    assert!(!app.dataset.views_of(china).contains(&View::PerCapita));
    assert!(app.zoom_on("china-trade"));
    press(&mut app, KeyCode::Char('t'));
    let notice = app.notice.as_ref().unwrap().text(Lang::En);
    assert!(
        notice.contains("China's population is not in the data"),
        "{notice}"
    );
    let trade = app.dataset.indicator("foreign-trade").unwrap();
    assert!(app.dataset.views_of(trade).contains(&View::PerCapita));
}

/// Item 8: sparse series read as bars by year; a change view shows the published growth;
/// the zoom of a chart shows all its series; a sparkline of more gaps than figures is hidden.
#[test]
fn walk_08_sparse_series_are_bars_and_change_views_use_stated_growth() {
    let ds = load_embedded().unwrap();
    let livelihood = &ds.tabs[ds.tab_index("livelihood").unwrap()];
    assert_eq!(
        livelihood.panels[0].kind,
        jx_dash::data::model::PanelKind::Bars
    );
    let urban = ds.indicator("income-urban").unwrap();
    let Shape::Series(series) = &urban.shape else {
        panic!()
    };
    let change = ds.derive(urban, series, View::Change);
    assert_eq!(
        change.get(2013),
        Some(10.1),
        "published 2013 growth, no 2013 level"
    );
    assert!(change.published.contains(&2024));
    let mut app = App::new(ds);
    on(&mut app, "livelihood");
    app.update(Action::Zoom);
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("rural") && text.contains("all residents"),
        "{text}"
    );
    app.update(Action::Back);
    on(&mut app, "overview");
    let text = screen(&app, 80, 24);
    let fdi_tile: Vec<&str> = text.lines().skip(1).take(5).collect();
    assert!(
        !fdi_tile.iter().any(|l| l.contains("2012 ")),
        "no sparkline of dots\n{text}"
    );
}

/// Item 9: without colour, series differ by glyph, and the legend shows it.
#[test]
fn walk_09_series_differ_by_glyph_without_colour() {
    let mut app = app();
    app.ascii = true;
    app.color = TermProfile::NoColor;
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("** Jiangxi") && text.contains(".o. China"),
        "{text}"
    );
    on(&mut app, "trade");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("# Exports") && text.contains(": Imports"),
        "{text}"
    );
}

/// Item 10: the footer names the focused figure's own source and original publisher, and
/// follows `y`.
#[test]
fn walk_10_the_footer_cites_the_figure_shown() {
    let mut app = app();
    on(&mut app, "compare");
    let footer = |app: &App| {
        screen(app, 120, 40)
            .lines()
            .rev()
            .nth(1)
            .unwrap()
            .to_string()
    };
    let first = footer(&app);
    assert!(
        first.contains("2025-01-18") && !first.contains("ahxtdb"),
        "{first}"
    );
    press(&mut app, KeyCode::Char('y'));
    let next = footer(&app);
    assert!(
        next.contains("2026-01-23") && next.contains("over 3.6"),
        "{next}"
    );
    on(&mut app, "livelihood");
    let text = footer(&app);
    assert!(
        !text.contains("unknown") && text.contains("Bureau of Statistics"),
        "{text}"
    );
}

/// Item 11: a tile's year is plain, an old one says it is the latest found; 2025 GDP shows
/// as stated.
#[test]
fn walk_11_tiles_say_their_year() {
    let text = screen(&app(), 120, 40);
    assert!(text.contains("2022, latest"), "{text}");
    let text = screen(&app(), 80, 24);
    assert!(
        text.contains("over 3.6") && text.contains("trillion yuan"),
        "{text}"
    );
}

/// Item 12: no unit cut inside a panel; a breakdown never loses a row silently.
#[test]
fn walk_12_nothing_is_cut_mid_word() {
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let mut app = app();
        for tab in ["innovation", "trade"] {
            on(&mut app, tab);
            for i in 0..app.dataset.tabs[app.tab].indicators.len() {
                app.update(Action::Focus(i));
                let text = screen(&app, w, h);
                // A unit cut off: "yua" not followed by "n", "billio" not by "n".
                for (stem, next) in [("yua", 'n'), ("billio", 'n'), ("trillio", 'n')] {
                    for (i, _) in text.match_indices(stem) {
                        let after = text[i + stem.len()..].chars().next();
                        assert_eq!(after, Some(next), "{stem} cut at {w}x{h}:\n{text}");
                    }
                }
            }
        }
    }
}

/// Item 13: Compare fills the screen; a fact's words stand right under it.
#[test]
fn walk_13_screens_use_their_room() {
    let mut app = app();
    on(&mut app, "compare");
    let text = screen(&app, 120, 40);
    let empty = text.lines().filter(|l| l.trim().is_empty()).count();
    assert!(empty <= 4, "{empty} empty rows:\n{text}");
    assert!(app.zoom_on("clearance-time"));
    let text = screen(&app, 80, 24);
    let figure = text
        .lines()
        .position(|l| l.contains("under 30 hours"))
        .unwrap();
    let quote = text
        .lines()
        .position(|l| l.contains("“We pioneered"))
        .unwrap();
    assert!(quote - figure < 12, "the words follow the figure:\n{text}");
}

/// Item 14: Chinese as a Chinese reader writes it.
#[test]
fn walk_14_chinese_wording_and_typography() {
    let mut app = app();
    app.lang = Lang::Zh;
    on(&mut app, "growth");
    let text = screen(&app, 120, 40);
    assert!(
        !text.contains("的1倍") && !text.contains("0个百分点"),
        "{text}"
    );
    assert!(text.contains("与2024年持平"), "{text}");
    assert!(text.contains("（2024年）"), "full-width brackets\n{text}");
    on(&mut app, "overview");
    let pages: String = (0..app.dataset.tabs[0].indicators.len())
        .map(|i| {
            app.update(Action::Focus(i));
            screen(&app, 120, 40)
        })
        .collect();
    assert!(pages.contains("同比增长73%"), "{pages}");
    app.update(Action::Focus(0));
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app, 80, 24);
    assert!(
        help.contains("方向键") && !help.contains("arrows"),
        "{help}"
    );
    press(&mut app, KeyCode::Esc);
    app.ascii = true;
    on(&mut app, "overview");
    let pages: String = (0..app.dataset.tabs[0].indicators.len())
        .map(|i| {
            app.update(Action::Focus(i));
            screen(&app, 80, 24)
        })
        .collect();
    assert!(
        !pages.contains("( 原基数") && pages.contains("(原基数)"),
        "{pages}"
    );
}

/// Item 15: `t` changes what the tile shows, the chart's heading names the view, an index
/// says which year is 100, Compare says why it has no views, GDP has a share of China.
#[test]
fn walk_15_views_show_where_they_apply_and_say_why_not() {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    let text = screen(&app, 80, 24);
    let tile = text.lines().nth(2).unwrap();
    assert!(
        tile.contains('%'),
        "the GDP tile in its change view: {tile}\n{text}"
    );
    press(&mut app, KeyCode::Char('t'));
    assert!(
        screen(&app, 120, 40).contains("= 100"),
        "an index says its base year"
    );
    let mut app = App::new(load_embedded().unwrap());
    on(&mut app, "growth");
    press(&mut app, KeyCode::Char('t'));
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("GDP: one base per stretch") && text.contains("· change on the year before"),
        "{text}"
    );
    on(&mut app, "compare");
    press(&mut app, KeyCode::Char('t'));
    let notice = app.notice.as_ref().unwrap().text(Lang::En);
    assert!(notice.contains("no other view"), "{notice}");
    let gdp = app.dataset.indicator("gdp").unwrap();
    assert!(app.dataset.views_of(gdp).contains(&View::Share));
}

/// Item 16: `y` on Compare: the year in the heading, a notice, the footer follows; Jiangxi's
/// 2025 shows as stated, hatched.
#[test]
fn walk_16_the_rankings_year_is_plain() {
    let mut app = app();
    on(&mut app, "compare");
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&app, 120, 40);
    assert!(text.contains("in 2025"), "{text}");
    assert!(text.contains("rankings of 2025"), "{text}");
    assert!(text.contains("░") && text.contains("over 3.6"), "{text}");
    assert!(text.contains("not ranked"), "{text}");
}

/// Item 17: the zoom table has clear headers, China beside a rate, decimal points aligned.
#[test]
fn walk_17_the_zoom_table_reads_at_a_glance() {
    let mut app = app();
    assert!(app.zoom_on("gdp-growth"));
    let text = screen(&app, 120, 40);
    assert!(text.contains("China") && text.contains("(pp)"), "{text}");
    assert!(app.zoom_on("gdp"));
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("(official)") && text.contains("(computed)"),
        "{text}"
    );
    // The column of the decimal point of the figure after the year, in characters.
    let points: Vec<usize> = [" 2018 ", " 2024 "]
        .iter()
        .filter_map(|year| {
            let line = text.lines().find(|l| l.contains(year))?;
            let chars: Vec<char> = line.chars().collect();
            let start = line[..line.find(year)?].chars().count() + year.len();
            let first_digit = (start..chars.len()).find(|&i| chars[i].is_ascii_digit())?;
            (first_digit..chars.len()).find(|&i| chars[i] == '.')
        })
        .collect();
    assert_eq!(points.len(), 2, "{text}");
    assert_eq!(points[0], points[1], "decimal points aligned:\n{text}");
}

/// Item 18: in the zoom view arrows and clicker keys step through the tab's panels, zoomed
/// (a chart's or bars panel's series one by one first).
#[test]
fn walk_18_keys_inside_a_zoom_stay_in_the_zoom() {
    let ds = load_embedded().unwrap();
    let deliver: Deliver = Arc::new(|_| {});
    let mut d = Driver::new(App::new(ds), None, (120, 40), deliver);
    let now = Instant::now();
    let key =
        |d: &mut Driver, code| d.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), now);
    let id = |d: &Driver| d.app.focused().map(|i| i.id.clone()).unwrap_or_default();
    d.handle(Event::Action(Action::SelectTab(4)), now);
    d.handle(Event::Action(Action::Zoom), now);
    // The first panel draws urban, all and rural income: the zoom leads with each in turn.
    assert_eq!(id(&d), "income-urban");
    key(&mut d, KeyCode::Right);
    assert_eq!((id(&d).as_str(), d.app.focus()), ("income-all", 0));
    key(&mut d, KeyCode::Char(' '));
    assert_eq!((id(&d).as_str(), d.app.focus()), ("income-rural", 0));
    key(&mut d, KeyCode::Right);
    assert!(d.app.zoomed && d.app.tab == 4 && d.app.focus() == 1);
    key(&mut d, KeyCode::Char(' '));
    assert!(d.app.zoomed && d.app.tab == 4 && d.app.focus() == 2);
    key(&mut d, KeyCode::PageUp);
    assert_eq!((d.app.tab, d.app.focus()), (4, 1));
    key(&mut d, KeyCode::Left);
    assert_eq!((id(&d).as_str(), d.app.focus()), ("income-rural", 0));
    for _ in 0..3 {
        key(&mut d, KeyCode::Left);
    }
    assert_eq!((d.app.tab, d.app.focus(), d.app.zoomed), (4, 0, true));
    assert!(
        d.app
            .notice
            .as_ref()
            .unwrap()
            .text(Lang::En)
            .contains("first panel")
    );
}

/// Item 19: a narrow header keeps every tab (by number) and the follow status; the page
/// marker has a row of its own.
#[test]
fn walk_19_small_headers_drop_nothing() {
    let mut app = app();
    app.follow = Some(Follow::Following);
    let header = screen(&app, 80, 24).lines().next().unwrap().to_string();
    assert!(
        header.contains('6') && header.contains("following"),
        "{header}"
    );
    app.lang = Lang::Zh;
    let header = screen(&app, 60, 16).lines().next().unwrap().to_string();
    assert!(header.contains('6') && !header.contains("│ │"), "{header}");
    let text = screen(&App::new(load_embedded().unwrap()), 80, 24);
    let marker = text.lines().find(|l| l.contains("▼ more · 1/")).unwrap();
    assert_eq!(marker.trim(), "▼ more · 1/2", "alone on its row");
}

/// Item 20: the slideshow counts down, says it is paused, and shows every page of a tab.
#[test]
fn walk_20_the_slideshow_counts_down_pauses_and_shows_every_page() {
    let mut app = App::new(load_embedded().unwrap());
    app.presentation = Some(Presentation {
        seconds: 3,
        paused: false,
        remaining: 3,
    });
    let deliver: Deliver = Arc::new(|_| {});
    let t0 = Instant::now();
    let mut d = Driver::new(app, None, (80, 24), deliver);
    assert!(screen(&d.app, 80, 24).contains("▶ 3 s"));
    d.wake(t0 + Duration::from_millis(1100));
    assert!(
        screen(&d.app, 80, 24).contains("▶ 2 s"),
        "{}",
        screen(&d.app, 80, 24)
    );
    // The overview has two pages at 80x24: the article's figures come before the next tab.
    d.wake(t0 + Duration::from_secs(4));
    assert_eq!(d.app.tab, 0, "still the overview");
    assert!(
        screen(&d.app, 80, 24).contains("2/2"),
        "{}",
        screen(&d.app, 80, 24)
    );
    d.wake(t0 + Duration::from_secs(8));
    assert_eq!(d.app.tab, 1);
    // Any key pauses, one that means nothing else too; the screen says so.
    d.handle(
        Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        t0 + Duration::from_secs(9),
    );
    assert!(!d.app.presenting());
    let text = screen(&d.app, 80, 24);
    assert!(
        text.contains("⏸ paused") && text.contains("p resume"),
        "{text}"
    );
}

/// Item 21: charts stacked on a tab share one time axis.
#[test]
fn walk_21_stacked_charts_share_the_years() {
    let mut app = app();
    on(&mut app, "trade");
    let text = screen(&app, 120, 40);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("2021") && l.contains("2025") && !l.contains("Source"))
        .collect();
    assert!(rows.len() >= 2, "{text}");
    // Columns in characters (a block glyph is one column, several bytes).
    let at = |l: &str, year: &str| l[..l.find(year).unwrap()].chars().count();
    assert_eq!(
        at(rows[0], "2021"),
        at(rows[1], "2021"),
        "the same column for 2021:\n{text}"
    );
    assert_eq!(
        at(rows[0], "2025"),
        at(rows[1], "2025"),
        "and for 2025:\n{text}"
    );
}

/// Item 22: first releases are labelled as such; notes speak in display units.
#[test]
fn walk_22_releases_are_labelled() {
    let mut app = app();
    on(&mut app, "compare");
    let text = screen(&app, 120, 40);
    assert!(text.contains("GDP, first releases"), "{text}");
    let note = app
        .dataset
        .indicator("central-gdp")
        .unwrap()
        .note
        .clone()
        .unwrap();
    assert!(!note.en.contains("32,677.1"), "{}", note.en);
}

/// Item 23: the key bar keeps Tab and L at 80 columns; modes show in the header.
#[test]
fn walk_23_the_key_bar_keeps_tab_and_language_and_shows_modes() {
    let mut app = app();
    let keys = screen(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(
        keys.contains("Tab tab") && keys.contains("L 中文"),
        "{keys}"
    );
    press(&mut app, KeyCode::Char('u'));
    app.update(Action::ClearNotice);
    let text = screen(&app, 80, 24);
    assert!(text.lines().next().unwrap().contains("US$"), "{text}");
    assert!(text.lines().last().unwrap().contains("u yuan"), "{text}");
}

/// Item 24: search finds every series of a chart; a digit without a tab says so.
#[test]
fn walk_24_search_finds_chart_series_and_digits_answer() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    for c in "rural".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let found: Vec<String> = app
        .search_matches()
        .iter()
        .map(|m| app.dataset.indicators[m.indicator].id.clone())
        .collect();
    assert!(found.contains(&"income-rural".to_string()), "{found:?}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('7'));
    assert_eq!(app.notice.as_ref().unwrap().text(Lang::En), "no tab 7");
}

/// Item 25: large digits at 120 columns, not only from 160.
#[test]
fn walk_25_large_digits_at_120x40() {
    let text = screen(&app(), 120, 40);
    let tiles = text.lines().nth(2).unwrap();
    assert!(tiles.contains('▟') || tiles.contains('▀'), "{text}");
}

/// Item 26: English a presenter need not explain.
#[test]
fn walk_26_plain_english() {
    let mut app = app();
    let pages: String = (0..app.dataset.tabs[0].indicators.len())
        .map(|i| {
            app.update(Action::Focus(i));
            screen(&app, 120, 40)
        })
        .collect();
    assert!(
        pages.contains("= 569 billion yuan") && !pages.contains("from 569 billion"),
        "{pages}"
    );
    on(&mut app, "growth");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("unchanged from 2024") && !text.contains("0 pp on"),
        "{text}"
    );
    on(&mut app, "trade");
    let text = screen(&app, 120, 40);
    assert!(text.contains("of the province's exports"), "{text}");
    assert!(!text.contains("×0.8"), "{text}");
}
