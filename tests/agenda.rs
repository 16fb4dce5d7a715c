//! `--agenda`: parsing, every error with its place in the file, and the clicker walking it.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jx_dash::agenda::Agenda;
use jx_dash::app::App;
use jx_dash::data::{Dataset, load_embedded};

fn data() -> Dataset {
    load_embedded().unwrap()
}

fn sample() -> Agenda {
    let text = include_str!("../agenda/talk.toml");
    Agenda::parse("agenda/talk.toml", text, &data()).unwrap()
}

/// The problems an agenda text has, one line each.
fn problems(text: &str) -> Vec<String> {
    Agenda::parse("talk.toml", text, &data())
        .unwrap_err()
        .0
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_sample_agenda_tells_the_story_in_eleven_steps() {
    let agenda = sample();
    assert_eq!(agenda.steps.len(), 11);
    let mut app = App::new(data());
    for step in &agenda.steps {
        app.go(&step.place);
        assert!(!step.title.en.is_empty() && !step.title.zh.is_empty());
        assert!(!step.notes.en.is_empty() && !step.notes.zh.is_empty());
    }
    // Written as fields or as a view string, a step is the same view.
    assert_eq!(
        app.place_string_of(&agenda.steps[3].place),
        "growth/gdp-growth"
    );
}

#[test]
fn every_problem_is_located_at_its_key() {
    let text = "[[step]]\nview = \"overview/gdp/per-capita\"\ntitle = \"a\"\n\n[[step]]\nview = \"compare/1999\"\ntitle = \"b\"\n";
    assert_eq!(
        problems(text),
        [
            "talk.toml:2:8: `view`: view `per-capita` does not apply to `gdp` (the official per-capita figure is its own series); it offers level, change, index, share",
            "talk.toml:6:8: `view`: the rankings of tab `compare` have no year 1999; they have 2023, 2024, 2025",
        ]
    );
    let fields = "[[step]]\ntab = \"trade\"\nindicator = \"nope\"\ntitle = \"a\"\n\n[[step]]\ntab = \"overview\"\nyear = 2024\ntitle = \"b\"\n\n[[step]]\ntab = \"trade\"\nshow = \"sharee\"\ntitle = \"c\"\n\n[[step]]\ntab = \"tarde\"\ntitle = \"d\"\n\n[[step]]\ntab = \"trade\"\ncurrency = \"eur\"\ntitle = { en = \"\" }\n";
    let found = problems(fields);
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(
        found[0].starts_with("talk.toml:3:13: `indicator`: `nope` is not shown on tab `trade`"),
        "{}",
        found[0]
    );
    assert_eq!(
        found[1],
        "talk.toml:8:8: `year`: tab `overview` has no rankings, so no year `2024`"
    );
    assert!(
        found[2].starts_with(
            "talk.toml:13:8: `show`: unknown view `sharee`; expected one of level, change"
        ),
        "{}",
        found[2]
    );
    assert!(
        found[3].starts_with("talk.toml:17:7: `tab`: unknown tab `tarde`; the tabs are overview"),
        "{}",
        found[3]
    );
    assert_eq!(
        found[4],
        "talk.toml:22:12: `currency`: `eur` is neither `yuan` nor `usd`"
    );
    assert_eq!(found[5], "talk.toml:23:9: `title` needs `en` or `zh`");
    assert_eq!(
        problems("[[step]]\nview = \"trade\"\ntab = \"trade\"\ntitle = \"a\"\n"),
        [
            "talk.toml:2:8: `view` gives the whole view: leave out `tab`, `indicator`, `zoom`, `show`, `year` and `currency`"
        ]
    );
    assert_eq!(
        problems("[[step]]\ntitle = \"a\"\n"),
        ["talk.toml:1:1: a step needs `view` (a view string) or `tab`"]
    );
    assert_eq!(
        problems("title = \"a\"\n"),
        ["talk.toml: no `[[step]]`: an agenda needs steps"]
    );
    // A title is on every screen of the room: years only, no figure without a source.
    assert_eq!(
        problems(
            "[[step]]\nview = \"trade\"\ntitle = { en = \"Trade in 2024\", zh = \"外贸突破6,000亿元\" }\n"
        ),
        [
            "talk.toml:3:9: `title`: `6,000` is a number the room would read without a source; a title may name years, figures belong on the dashboard"
        ]
    );
    let unknown = problems("[[step]]\nview = \"trade\"\ntitle = \"a\"\ncolour = 3\n");
    assert!(
        unknown[0].starts_with("talk.toml:4:1: unknown field `colour`"),
        "{unknown:?}"
    );
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action);
    }
}

fn walked() -> App {
    let options = jx_dash::driver::Options {
        agenda: Some(Arc::new(sample())),
        ..Default::default()
    };
    options.app(data()).unwrap()
}

#[test]
fn the_clicker_steps_forward_and_back_and_free_navigation_returns() {
    let mut app = walked();
    let agenda = app.agenda.clone().unwrap();
    let at = |app: &App, step: usize| app.place() == agenda.steps[step].place;
    assert!(at(&app, 0), "starts at the first step");
    press(&mut app, KeyCode::PageDown);
    assert!(at(&app, 1) && app.zoomed);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Right);
    assert!(at(&app, 3), "{}", app.place_string());
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::Left);
    assert!(at(&app, 1));
    // Free navigation: another tab, then the next click goes on with the agenda…
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('6'));
    assert!(!at(&app, 1));
    press(&mut app, KeyCode::PageDown);
    assert!(at(&app, 2));
    // …and a click back from free navigation returns to the step left.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::PageUp);
    assert!(at(&app, 2));
    // At either end the step stays and the footer says so.
    for _ in 0..20 {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(at(&app, 10));
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text(app.lang)
            .starts_with("last step")
    );
}

#[test]
fn g_lists_the_steps_and_enter_goes_to_one() {
    let mut app = walked();
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.steps_list, Some(0));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    // Keys about panels wait while the list is open.
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.steps_list, app.step), (None, 3));
    assert_eq!(app.place(), app.agenda.as_ref().unwrap().steps[3].place);
    let screen = jx_dash::export::render(
        &{
            let mut open = app.clone();
            press(&mut open, KeyCode::Char('g'));
            open
        },
        80,
        24,
    );
    let text = jx_dash::export::Format::Text.write(&screen);
    assert!(text.contains("Jiangxi's open economy"), "{text}");
    assert!(text.contains("▸  4  Real growth, year by year"), "{text}");
}

#[test]
fn without_an_agenda_the_arrows_move_and_v_shows_the_view_string() {
    let mut app = App::new(data());
    press(&mut app, KeyCode::Right);
    assert_eq!(app.focus(), 1);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.steps_list, None);
    press(&mut app, KeyCode::Char('v'));
    let notice = app.notice.as_ref().unwrap().text(app.lang);
    assert_eq!(
        notice,
        format!("view: {0}  (jx-dash --view {0})", app.place_string())
    );
}
