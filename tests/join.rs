//! The join screen: its QR code, read back from the rendered screen, is the join command.

use std::sync::Arc;

use jx_dash::app::{App, Join};
use jx_dash::data::load_embedded;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// Pixels per module in the picture the decoder reads.
const PX: usize = 4;

/// The QR code's cells (drawn white on black) as a greyscale picture, four pixels a
/// module; decoded with rqrr.
fn decode(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    let cells: Vec<(u16, u16)> = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].bg == Color::Black)
        .collect();
    assert!(!cells.is_empty(), "no QR code on screen");
    let x0 = cells.iter().map(|c| c.0).min().unwrap();
    let x1 = cells.iter().map(|c| c.0).max().unwrap();
    let y0 = cells.iter().map(|c| c.1).min().unwrap();
    let y1 = cells.iter().map(|c| c.1).max().unwrap();
    // A light margin around the code, as paper would have.
    let margin = 4 * PX;
    let w = usize::from(x1 - x0 + 1) * PX + 2 * margin;
    let h = usize::from(y1 - y0 + 1) * 2 * PX + 2 * margin;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        if x < margin || y < margin || x >= w - margin || y >= h - margin {
            return 255;
        }
        let (cx, my) = ((x - margin) / PX, (y - margin) / PX);
        let cell = &buffer[(
            x0 + u16::try_from(cx).unwrap(),
            y0 + u16::try_from(my / 2).unwrap(),
        )];
        let upper = my % 2 == 0;
        let light = match cell.symbol() {
            "█" => true,
            "▀" => upper,
            "▄" => !upper,
            _ => false,
        };
        if light { 255 } else { 0 }
    });
    image
        .detect_grids()
        .iter()
        .map(|grid| grid.decode().expect("the code decodes").1)
        .collect()
}

fn joining(commands: &[&str]) -> App {
    let mut app = App::new(load_embedded().unwrap());
    app.join = Some(Arc::new(Join {
        commands: commands.iter().map(ToString::to_string).collect(),
        fingerprint: "SHA256:8pXkqGJd3eQ0nJ8m0oBzv0Cj0yJgk5T3hKfXo2bJm1c".into(),
        browser: None,
    }));
    app.join_open = true;
    app
}

#[test]
fn the_qr_code_on_screen_reads_the_join_command() {
    let commands = ["ssh -p 2222 192.168.100.200", "ssh -p 2222 2001:db8::17"];
    for (width, height) in [(80, 24), (120, 40), (100, 30), (200, 60)] {
        let app = joining(&commands);
        let buffer = jx_dash::export::render(&app, width, height);
        assert_eq!(decode(&buffer), [commands[0]], "at {width}x{height}");
        let text = jx_dash::export::Format::Text.write(&buffer);
        for needle in [
            commands[0],
            commands[1],
            "SHA256:8pXkqGJd3eQ0nJ8m0oBzv0Cj0yJgk5T3hKfXo2bJm1c",
        ] {
            assert!(
                text.contains(needle),
                "{needle} at {width}x{height}:\n{text}"
            );
        }
    }
}

/// On a bigger screen the code is bigger (a phone reads it from further back).
#[test]
fn the_code_grows_with_the_screen() {
    let app = joining(&["ssh -p 2222 192.168.100.200"]);
    let rows = |w, h| {
        let text = jx_dash::export::Format::Text.write(&jx_dash::export::render(&app, w, h));
        text.lines().filter(|l| l.contains("████")).count()
    };
    assert!(
        rows(120, 40) >= 2 * rows(80, 24) - 2,
        "{} {}",
        rows(120, 40),
        rows(80, 24)
    );
}

/// With a browser view, the code opens it (a phone needs no SSH client), token and all; the
/// card lists the SSH command too.
#[test]
fn with_a_browser_view_the_qr_code_opens_it() {
    let mut app = joining(&["ssh -p 2222 192.168.100.200"]);
    let browser = "http://192.168.100.200:8080/?token=Zq81xTt3";
    app.join = app.join.map(|j| {
        Arc::new(Join {
            browser: Some(browser.into()),
            ..(*j).clone()
        })
    });
    for (width, height) in [(80, 24), (120, 40)] {
        let buffer = jx_dash::export::render(&app, width, height);
        assert_eq!(decode(&buffer), [browser], "at {width}x{height}");
        let text = jx_dash::export::Format::Text.write(&buffer);
        assert!(
            text.contains(browser) && text.contains("ssh -p 2222"),
            "{text}"
        );
    }
}

#[test]
fn any_key_closes_the_join_screen_and_j_opens_it_again() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = joining(&["ssh -p 2222 10.0.0.5"]);
    let press = |app: &mut App, c: char| {
        if let Some(action) = app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)) {
            app.update(action);
        }
    };
    press(&mut app, '3');
    assert!(!app.join_open);
    assert_eq!(app.tab, 0, "the key that closes it does nothing else");
    press(&mut app, 'J');
    assert!(app.join_open);
    // Without a server there is nothing to join: `J` means nothing.
    let mut local = App::new(load_embedded().unwrap());
    press(&mut local, 'J');
    assert!(!local.join_open);
}

#[test]
fn under_ascii_the_card_gives_the_command_without_blocks() {
    let mut app = joining(&["ssh -p 2222 10.0.0.5"]);
    app.ascii = true;
    let text = jx_dash::export::Format::Text.write(&jx_dash::export::render(&app, 80, 24));
    assert!(text.contains("ssh -p 2222 10.0.0.5"));
    assert!(text.is_ascii(), "{text}");
}

#[test]
#[ignore = "prints the join screen"]
fn print_the_join_screen() {
    let mut app = joining(&["ssh -p 2222 192.168.100.200", "ssh -p 2222 2001:db8::17"]);
    if std::env::var_os("BROWSER_VIEW").is_some() {
        app.join = app.join.map(|j| {
            Arc::new(Join {
                browser: Some("http://192.168.100.200:8080/?token=Zq81xTt3".into()),
                ..(*j).clone()
            })
        });
    }
    for (width, height) in [(80, 24), (120, 40)] {
        print!(
            "{}",
            jx_dash::export::Format::Text.write(&jx_dash::export::render(&app, width, height))
        );
    }
}

/// Latecomers read the join command off the presenter's footer; the header keeps every tab's
/// name beside the presenter's count; a follower's screen has no join line.
#[test]
fn the_presenters_footer_says_how_to_join() {
    use jx_dash::app::Follow;
    let mut app = joining(&["ssh -p 2299 192.0.2.2"]);
    app.join_open = false;
    app.follow = Some(Follow::Presenter {
        viewers: 12,
        away: 3,
    });
    for (width, height, count) in [(100, 30, "▶ 9+3 away"), (140, 40, "9 following, 3 away")] {
        let text =
            jx_dash::export::Format::Text.write(&jx_dash::export::render(&app, width, height));
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[lines.len() - 1]
                .trim_end()
                .ends_with("join: ssh -p 2299 192.0.2.2"),
            "{text}"
        );
        assert!(lines[0].contains("Overview │ Growth │ Trade"), "{text}");
        assert!(lines[0].contains(count), "{text}");
    }
    app.follow = Some(Follow::Following);
    let text = jx_dash::export::Format::Text.write(&jx_dash::export::render(&app, 140, 40));
    assert!(!text.contains("join:"), "{text}");
}
