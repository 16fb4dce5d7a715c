//! Snapshot exports: ANSI agrees with plain text, SVG is well-formed XML that shows the figures,
//! HTML is self-contained, and no format panics at any size.

use jx_dash::app::App;
use jx_dash::data::load_embedded;
use jx_dash::export::{render, to_ansi, to_html, to_svg, to_text};
use jx_dash::text::Lang;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

fn app() -> App {
    App::new(load_embedded().unwrap())
}

/// `text` without SGR sequences (`ESC [ digits-and-semicolons m`).
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
                assert!(c.is_ascii_digit() || c == ';', "not an SGR sequence: {c:?}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn trim_lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).collect()
}

/// Every tab in both languages, as (description, buffer).
fn every_screen(width: u16, height: u16) -> Vec<(String, Buffer)> {
    let mut screens = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        let mut app = app();
        app.lang = lang;
        for tab in 0..app.dataset.tabs.len() {
            app.tab = tab;
            screens.push((format!("tab {tab} {lang:?}"), render(&app, width, height)));
        }
    }
    screens
}

/// All text content of an SVG document, concatenated in document order.
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn ansi_without_codes_is_the_text() {
    for (what, buf) in every_screen(80, 24) {
        let text = to_text(&buf);
        let ansi = to_ansi(&buf);
        let stripped = strip_sgr(&ansi);
        assert_eq!(trim_lines(&stripped), trim_lines(&text), "{what}");
        assert_eq!(
            stripped.lines().count(),
            text.lines().count(),
            "{what}: line count"
        );
    }
}

#[test]
fn unstyled_buffer_gives_no_escape_codes() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
    buf.set_string(0, 0, "plain text", Style::new());
    buf.set_string(0, 1, "江西 wide", Style::new());
    // Reset colors explicitly set are still "no color".
    buf.set_string(
        0,
        2,
        "reset",
        Style::new().fg(Color::Reset).bg(Color::Reset),
    );
    let ansi = to_ansi(&buf);
    assert!(!ansi.contains('\x1b'), "{ansi:?}");
    assert_eq!(ansi, to_text(&buf));
}

#[test]
fn red_bold_cell_gives_sgr_codes() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
    buf.set_string(
        1,
        0,
        "X",
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    );
    let ansi = to_ansi(&buf);
    let start = ansi.find("\x1b[").expect("an escape code");
    let end = start + ansi[start..].find('m').unwrap();
    let params: Vec<&str> = ansi[start + 2..end].split(';').collect();
    assert!(params.contains(&"31"), "{ansi:?}");
    assert!(params.contains(&"1"), "{ansi:?}");
    assert_eq!(ansi, " \x1b[1;31mX\x1b[0m\n");
}

#[test]
fn ansi_colors_and_background_blanks() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
    buf.set_string(0, 0, "a", Style::new().fg(Color::Indexed(208)));
    buf.set_string(
        1,
        0,
        "b",
        Style::new().fg(Color::Rgb(1, 2, 3)).bg(Color::White),
    );
    buf.set_string(2, 0, "c", Style::new().fg(Color::Gray).bg(Color::DarkGray));
    // Trailing blanks with a background are kept; the plain one after them is trimmed.
    buf.set_string(3, 0, "  ", Style::new().bg(Color::Blue));
    assert_eq!(
        to_ansi(&buf),
        "\x1b[38;5;208ma\x1b[0m\x1b[38;2;1;2;3;107mb\x1b[0m\x1b[37;100mc\x1b[0m\x1b[44m  \x1b[0m\n"
    );
}

#[test]
fn text_lines_fit_the_width() {
    for (what, buf) in every_screen(80, 24) {
        for format in [to_text(&buf), strip_sgr(&to_ansi(&buf))] {
            assert_eq!(format.lines().count(), 24, "{what}");
            for line in format.lines() {
                assert!(
                    line.width() <= 80,
                    "{what}: {line:?} is {} wide",
                    line.width()
                );
            }
        }
    }
}

#[test]
fn svg_is_xml_and_shows_the_overview_figures() {
    let svg = to_svg(&render(&app(), 80, 24));
    let doc = roxmltree::Document::parse(&svg).expect("SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.attribute("viewBox").is_some());
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("href"), "no external references");
    let text = svg_text(&svg);
    for figure in [
        "482.3",
        "billion yuan",
        "Real GDP growth: Jiangxi and China",
    ] {
        assert!(text.contains(figure), "{figure} missing from {text}");
    }
}

#[test]
fn svg_of_chinese_screen() {
    let mut app = app();
    app.lang = Lang::Zh;
    let svg = to_svg(&render(&app, 80, 24));
    assert!(svg_text(&svg).contains("江西"));
    // Each wide character is drawn alone, centred on and stretched over two cells.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let width: f64 = doc
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    let cell = width / 80.0;
    let mut wide = 0;
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let text = node.text().unwrap_or_default();
        let attribute = |name| -> f64 { node.attribute(name).unwrap().parse().unwrap() };
        if text.width() == 2 && text.chars().count() == 1 {
            wide += 1;
            assert!(
                (attribute("textLength") - 2.0 * cell).abs() < 0.01,
                "{text}"
            );
            assert_eq!(node.attribute("lengthAdjust"), Some("spacingAndGlyphs"));
            assert_eq!(node.attribute("text-anchor"), Some("middle"));
            // Centred on a cell boundary.
            let centre = attribute("x") / cell;
            assert!((centre - centre.round()).abs() < 0.01, "{text}: {centre}");
        } else {
            assert!(text.chars().all(|c| c.to_string().width() == 1), "{text}");
            let length = f64::from(u32::try_from(text.width()).unwrap()) * cell;
            assert!((attribute("textLength") - length).abs() < 0.01, "{text}");
        }
    }
    assert!(wide > 0);
}

#[test]
fn every_screen_is_well_formed_svg() {
    for (what, buf) in every_screen(80, 24) {
        let svg = to_svg(&buf);
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

#[test]
fn svg_escapes_markup() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
    buf.set_string(0, 0, "<a & \"b\" 'c'>", Style::new().fg(Color::Green));
    buf.set_string(0, 1, "]]> &amp;", Style::new());
    let svg = to_svg(&buf);
    let text = svg_text(&svg);
    assert!(text.contains("<a & \"b\" 'c'>"), "{text}");
    assert!(text.contains("]]> &amp;"), "{text}");
    let html = to_html(&buf);
    assert!(
        html.contains("&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"),
        "{html}"
    );
}

#[test]
fn html_is_self_contained() {
    for (what, buf) in every_screen(80, 24) {
        let html = to_html(&buf);
        assert!(html.starts_with("<!DOCTYPE html>"), "{what}");
        assert!(html.contains("<meta charset=\"utf-8\">"), "{what}");
        assert!(!html.to_ascii_lowercase().contains("<script"), "{what}");
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{what}"
        );
        assert!(!html.contains("url("), "{what}");
    }
    let html = to_html(&render(&app(), 80, 24));
    assert!(html.contains("482.3"));
}

#[test]
fn html_styles_runs() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
    buf.set_string(
        0,
        0,
        "ok",
        Style::new()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::BOLD),
    );
    buf.set_string(2, 0, "江", Style::new().add_modifier(Modifier::REVERSED));
    let html = to_html(&buf);
    assert!(
        html.contains("<span style=\"color: #23d18b; font-weight: bold\">ok</span>"),
        "{html}"
    );
    // Reverse video swaps the default colors; the wide character is pinned to its two cells and
    // the cell behind it is not emitted.
    assert!(
        html.contains(
            "<span style=\"color: #1e1e1e; background-color: #d4d4d4; display: inline-block; width: 2ch; text-align: center\">江</span>\n"
        ),
        "{html}"
    );
}

#[test]
fn no_format_panics_at_any_size() {
    let mut buffers = vec![Buffer::empty(Rect::new(0, 0, 0, 0))];
    for (w, h) in [(20, 5), (1, 1), (0, 0), (300, 100), (0, 3), (3, 0)] {
        buffers.extend(every_screen(w, h).into_iter().map(|(_, b)| b));
    }
    // A wide character cut off by the right edge, and an area not at the origin.
    let mut edge = Buffer::empty(Rect::new(5, 7, 3, 1));
    edge.set_string(7, 7, "江", Style::new().bg(Color::Red));
    buffers.push(edge);
    for buf in &buffers {
        let height = usize::from(buf.area.height);
        assert_eq!(to_ansi(buf).lines().count(), height);
        let html = to_html(buf);
        let pre = &html[html.find("<pre>").unwrap()..html.find("</pre>").unwrap()];
        assert_eq!(pre.matches('\n').count(), height);
        roxmltree::Document::parse(&to_svg(buf)).unwrap();
    }
}

#[test]
fn snapshot_buffer_equals_what_a_terminal_backend_draws() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut app = jx_dash::app::App::new(load_embedded().unwrap());
    for tab in 0..app.dataset.tabs.len() {
        app.tab = tab;
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        assert_eq!(
            terminal.backend().buffer(),
            &render(&app, 100, 30),
            "tab {tab}"
        );
    }
}
