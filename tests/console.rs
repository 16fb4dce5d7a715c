//! The presenter's console (`n`), and each screen's own display keys (`T`, `C`, `A`, `L`).

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jx_dash::agenda::Agenda;
use jx_dash::app::{App, Clock, Follow, TermProfile, ThemeKind};
use jx_dash::data::load_embedded;
use jx_dash::export::{Format, render};

fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = app.handle_key(KeyEvent::new(code, KeyModifiers::NONE)) {
        app.update(action);
    }
}

fn with_agenda() -> App {
    let data = load_embedded().unwrap();
    let text = include_str!("../agenda/talk.toml");
    let agenda = Agenda::parse("agenda/talk.toml", text, &data).unwrap();
    let options = jx_dash::driver::Options {
        agenda: Some(Arc::new(agenda)),
        ..Default::default()
    };
    options.app(data).unwrap()
}

fn screen(app: &App, width: u16, height: u16) -> String {
    Format::Text.write(&render(app, width, height))
}

/// A presenter of `serve --follow` with viewers of these window sizes, 2 of them away.
fn presenting(sizes: &[(u16, u16)]) -> App {
    let mut app = with_agenda();
    app.follow = Some(Follow::Presenter {
        viewers: sizes.len(),
        away: 2,
    });
    app.audience_sizes = sizes.to_vec();
    app
}

#[test]
fn n_opens_the_console_with_the_notes_the_next_step_and_the_clock() {
    let mut app = with_agenda();
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('n'));
    assert!(app.console_open());
    app.clock = Clock {
        elapsed: 754,
        on_step: 65,
    };
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let text = screen(&app, width, height);
        for needle in [
            "Presenter · only you see this",
            "12:34 · on step 1:05",
            "Step 2 of 11: The article's GDP figure",
            "The figure as the article gives it",
            "Next: A decade of growth",
        ] {
            assert!(
                text.contains(needle),
                "{needle} at {width}x{height}:\n{text}"
            );
        }
    }
    // Off the agenda the console says so, and where the clicker returns.
    press(&mut app, KeyCode::Char('5'));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Off the agenda (← step 2)"), "{text}");
    press(&mut app, KeyCode::Char('n'));
    assert!(!screen(&app, 80, 24).contains("only you see this"));
}

#[test]
fn the_console_takes_its_room_from_the_body_and_keys_still_move() {
    let mut app = with_agenda();
    press(&mut app, KeyCode::Char('n'));
    // Beside the body from 120 columns: the tab's panels are narrower, not hidden.
    let text = screen(&app, 120, 40);
    let line = text.lines().find(|l| l.contains("Presenter")).unwrap();
    assert!(line.find("Presenter").unwrap() > 80, "{text}");
    // Under it on 80×24.
    let text = screen(&app, 80, 24);
    let row = text.lines().position(|l| l.contains("Presenter")).unwrap();
    assert!(row > 10, "{text}");
    press(&mut app, KeyCode::Char('j'));
    assert!(app.console_open(), "moving does not close the console");
}

#[test]
fn the_roster_counts_viewers_and_the_windows_smaller_than_the_presenters() {
    let mut app = presenting(&[
        (80, 24),
        (200, 60),
        (80, 24),
        (120, 30),
        (120, 40),
        (100, 40),
    ]);
    press(&mut app, KeyCode::Char('n'));
    let text = screen(&app, 120, 40);
    // The side pane's lines (its last 40 columns), read as one text.
    let flat: String = text
        .lines()
        .map(|l| {
            let pane: String = l.chars().skip(80).collect();
            pane.trim_matches(['│', ' ']).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("6 viewers: 4 following, 2 away"), "{text}");
    assert!(
        flat.contains("4 smaller than yours: 80×24 ×2, 100×40, 120×30"),
        "{text}"
    );
    // On a bigger screen every viewer is smaller; in Chinese the same counts.
    press(&mut app, KeyCode::Char('L'));
    let text = screen(&app, 220, 70);
    assert!(text.contains("观众6人：4人跟随，2人离开"), "{text}");
    assert!(text.contains("6个窗口比你小"), "{text}");
    // Alone: nobody is smaller.
    let mut alone = presenting(&[]);
    alone.follow = Some(Follow::Presenter {
        viewers: 0,
        away: 0,
    });
    press(&mut alone, KeyCode::Char('n'));
    assert!(screen(&alone, 80, 24).contains("0 viewers: 0 following, 0 away"));
}

#[test]
fn a_follower_has_no_console_and_the_display_keys_are_its_own() {
    let mut app = with_agenda();
    app.follow = Some(Follow::Following);
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.console_open(), "a follower has no console");
    assert!(!screen(&app, 120, 40).contains("only you see this"));
    press(&mut app, KeyCode::Char('T'));
    press(&mut app, KeyCode::Char('C'));
    press(&mut app, KeyCode::Char('A'));
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.theme, ThemeKind::Light);
    assert_eq!(app.color, TermProfile::Ansi256);
    assert!(app.ascii);
    assert_eq!(app.follow, Some(Follow::Following), "still following");
    let text = screen(&app, 80, 24);
    assert!(text.is_ascii() || text.contains("中"), "{text}");
    // Each key cycles through its settings and back.
    for _ in 0..2 {
        press(&mut app, KeyCode::Char('T'));
    }
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('C'));
    }
    press(&mut app, KeyCode::Char('A'));
    assert_eq!(
        (app.theme, app.color, app.ascii),
        (ThemeKind::Dark, TermProfile::TrueColor, false)
    );
}

#[test]
#[ignore = "prints the console"]
fn print_the_console() {
    let mut app = presenting(&[(80, 24), (200, 60), (80, 24), (120, 30)]);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('n'));
    app.clock = Clock {
        elapsed: 754,
        on_step: 65,
    };
    print!("{}", screen(&app, 80, 24));
    print!("{}", screen(&app, 120, 40));
}
