use super::*;
use crate::data::load_embedded;
use crossterm::event::{KeyCode, KeyModifiers};

fn app() -> App {
    App::new(load_embedded().unwrap())
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = app.handle_key(key(code)) {
        app.update(action);
    }
}

#[test]
fn every_tab_key_switches_tabs() {
    let mut app = app();
    for code in [KeyCode::Tab, KeyCode::PageDown, KeyCode::Char(' ')] {
        assert_eq!(app.handle_key(key(code)), Some(Action::NextTab), "{code:?}");
    }
    for code in [KeyCode::BackTab, KeyCode::PageUp] {
        assert_eq!(app.handle_key(key(code)), Some(Action::PrevTab), "{code:?}");
    }
    // Arrows move on the screen's layout (the driver turns a move past an edge into a tab).
    for (code, direction) in [
        (KeyCode::Right, Direction::Right),
        (KeyCode::Char('l'), Direction::Right),
        (KeyCode::Left, Direction::Left),
        (KeyCode::Char('h'), Direction::Left),
    ] {
        assert_eq!(
            app.handle_key(key(code)),
            Some(Action::Move(direction)),
            "{code:?}"
        );
    }
    assert_eq!(
        app.handle_key(key(KeyCode::Char('3'))),
        Some(Action::SelectTab(2))
    );
    assert_eq!(
        app.handle_key(key(KeyCode::Char('1'))),
        None,
        "already there"
    );
    assert_eq!(
        app.handle_key(key(KeyCode::Char('9'))),
        Some(Action::NoTab(9)),
        "no ninth tab: said, not silent"
    );
    app.update(Action::NoTab(9));
    assert_eq!(
        app.notice.as_ref().map(|n| n.text(crate::text::Lang::En)),
        Some("no tab 9".to_string())
    );
}

#[test]
fn tabs_wrap_around() {
    let mut app = app();
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.tab, app.dataset.tabs.len() - 1);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, 0);
}

#[test]
fn quit_keys_and_esc_never_quits() {
    let mut app = app();
    assert_eq!(app.handle_key(key(KeyCode::Char('q'))), Some(Action::Quit));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.handle_key(ctrl_c), Some(Action::Quit));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn focus_moves_wraps_and_is_kept_per_tab() {
    let mut app = app();
    let count = app.indicators().count();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.focus(), 2);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), 0);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.focus(), app.indicators().count() - 1, "wraps backwards");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), 2);
    for _ in 0..count {
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.focus(), 2, "a full cycle returns");
}

#[test]
fn zoom_and_help_and_back() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert!(app.zoomed);
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help && app.zoomed);
    assert_eq!(
        app.handle_key(key(KeyCode::Tab)),
        None,
        "help swallows navigation"
    );
    press(&mut app, KeyCode::Esc);
    assert!(!app.help && app.zoomed, "Esc closes help first");
    press(&mut app, KeyCode::Esc);
    assert!(!app.zoomed);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    assert!(!app.zoomed, "switching tabs leaves zoom");
}

#[test]
fn language_toggles() {
    let mut app = app();
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.lang, Lang::Zh);
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.lang, Lang::En);
}

#[test]
fn key_release_and_unknown_keys_do_nothing() {
    let app = app();
    let mut release = key(KeyCode::Tab);
    release.kind = KeyEventKind::Release;
    assert_eq!(app.handle_key(release), None);
    assert_eq!(app.handle_key(key(KeyCode::Char('z'))), None);
    assert_eq!(app.handle_key(key(KeyCode::F(5))), None);
}

#[test]
fn find_tab_by_name_or_number() {
    let app = app();
    assert_eq!(app.find_tab("trade"), Some(2));
    assert_eq!(app.find_tab("Trade"), Some(2));
    assert_eq!(app.find_tab("5"), Some(4));
    assert_eq!(app.find_tab("0"), None);
    assert_eq!(app.find_tab("7"), None);
    assert_eq!(app.find_tab("nope"), None);
}

#[test]
fn currency_toggles_and_converts_each_year_at_its_official_rate() {
    let mut app = app();
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.currency, Currency::Usd);
    let trade = app.dataset.indicator("foreign-trade").unwrap().clone();
    let n = app.numbers();
    // 569 billion yuan at 2023's 7.0467 yuan per dollar, rounded and marked as converted.
    assert_eq!(n.amount(trade.unit, 5690.0, Some(2023)), "≈US$80.7 billion");
    // No official rate for 2025 in the data: the figure stays in yuan.
    assert_eq!(crate::format::hero(&trade, n), "482.3 billion yuan (2025)");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.currency, Currency::Yuan);
    assert_eq!(
        app.numbers().amount(trade.unit, 5690.0, Some(2023)),
        "569 billion yuan"
    );
}

#[test]
fn presentation_advances_pauses_on_any_key_and_resumes() {
    let mut app = app();
    assert_eq!(
        app.handle_key(key(KeyCode::Char('p'))),
        None,
        "p means nothing without --present"
    );
    app.presentation = Some(Presentation {
        seconds: 5,
        paused: false,
        remaining: 5,
    });
    app.update(Action::Advance);
    assert_eq!(app.tab, 1);
    press(&mut app, KeyCode::Down);
    assert!(!app.presenting(), "a key pauses");
    app.update(Action::Advance);
    assert_eq!(app.tab, 1, "no advance while paused");
    press(&mut app, KeyCode::Char('p'));
    assert!(app.presenting());
    for _ in 1..app.dataset.tabs.len() {
        app.update(Action::Advance);
    }
    assert_eq!(app.tab, 0, "wraps around");
}

#[test]
fn failed_reload_keeps_data_and_shows_the_error_until_fixed() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Down);
    assert_eq!(
        app.handle_key(key(KeyCode::Char('r'))),
        Some(Action::Reload)
    );
    let before = app.dataset.clone();
    let error = crate::data::LoadError(vec![crate::data::Diagnostic {
        path: "data/trade.toml".into(),
        line: 20,
        col: 8,
        message: "value `x` is wrong".into(),
    }]);
    app.update(Action::Reloaded(Box::new(Err(error))));
    assert_eq!(app.dataset, before);
    assert_eq!(
        app.reload_error.as_deref(),
        Some("data/trade.toml:20:8: value `x` is wrong")
    );
    app.update(Action::Reloaded(Box::new(load_embedded())));
    assert!(app.reload_error.is_none());
    assert_eq!(
        (app.tab, app.focus()),
        (2, 1),
        "tab and focus survive a reload"
    );
}

#[test]
fn reload_with_fewer_tabs_clamps_tab_and_focus() {
    let mut app = app();
    press(&mut app, KeyCode::Char('5'));
    let mut smaller = load_embedded().unwrap();
    smaller.tabs.truncate(2);
    app.update(Action::Reloaded(Box::new(Ok(smaller))));
    assert!(app.tab < 2);
    assert!(app.focused().is_some());
}

#[test]
fn slash_jumps_to_an_indicator_by_name() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    for c in "LITHIUM OX".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    assert_eq!(
        app.handle_key(key(KeyCode::Char('q'))),
        Some(Action::SearchInput('q')),
        "q types, not quits"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.search.is_none());
    assert_eq!(
        app.dataset.tabs[app.tab].id, "overview",
        "where it is first shown"
    );
    assert_eq!(app.focused().unwrap().id, "lithium-reserves");
    press(&mut app, KeyCode::Char('/'));
    for c in "宜春".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.focused().unwrap().id,
        "lithium-reserves",
        "Chinese names match too"
    );
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('z'));
    press(&mut app, KeyCode::Char('z'));
    let before = (app.tab, app.focus());
    press(&mut app, KeyCode::Enter);
    assert!(
        app.search.is_none(),
        "no match closes the prompt, so the next keys work"
    );
    assert!(
        matches!(&app.notice, Some(Notice::NoMatch(q)) if q == "zz"),
        "and says what found nothing"
    );
    assert_eq!((app.tab, app.focus()), before, "without moving");
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Char('z'));
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.search.as_ref().unwrap().query, "");
    press(&mut app, KeyCode::Esc);
    assert!(app.search.is_none() && !app.quit);
}

#[test]
fn zoom_steps_through_a_charts_series_before_the_next_panel() {
    let mut app = app();
    assert!(
        app.zoom_on("china-gdp-growth"),
        "China's growth is on a chart"
    );
    let id = |app: &App| app.focused().map(|i| i.id.clone()).unwrap_or_default();
    assert_eq!(
        id(&app),
        "china-gdp-growth",
        "--zoom leads with the series asked for"
    );
    let chart = app.focus();
    app.update(Action::ZoomStep(false));
    assert_eq!((id(&app), app.focus()), ("gdp-growth".into(), chart));
    app.update(Action::ZoomStep(true));
    assert_eq!((id(&app), app.focus()), ("china-gdp-growth".into(), chart));
    app.update(Action::ZoomStep(true));
    assert_eq!(
        app.focus(),
        chart + 1,
        "past the chart's last series: the next panel"
    );
    app.update(Action::ZoomStep(false));
    assert_eq!(
        (id(&app), app.focus()),
        ("china-gdp-growth".into(), chart),
        "back into the chart: its last series"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        id(&app),
        "gdp-growth",
        "out of the zoom, the panel is its first series"
    );
}
