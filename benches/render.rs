//! `cargo bench --bench render`: render each tab of the embedded dataset at 80×24 and 200×60
//! (budget ≤ 1 ms at 200×60, ARCHITECTURE.md), and a full key-to-frame cycle at 80×24.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::{Bencher, black_box};
use jx_dash::app::App;
use jx_dash::data;
use jx_dash::export;

fn main() {
    divan::main();
}

const TABS: [&str; 6] = [
    "overview",
    "growth",
    "trade",
    "innovation",
    "livelihood",
    "compare",
];

fn app_on(tab: &str) -> App {
    let mut app = App::new(data::load_embedded().expect("embedded data"));
    app.tab = app.find_tab(tab).expect("a tab of the embedded dataset");
    app
}

#[divan::bench(args = TABS)]
fn tab_80x24(bencher: Bencher, tab: &str) {
    let app = app_on(tab);
    bencher.bench(|| export::render(black_box(&app), 80, 24));
}

#[divan::bench(args = TABS)]
fn tab_200x60(bencher: Bencher, tab: &str) {
    let app = app_on(tab);
    bencher.bench(|| export::render(black_box(&app), 200, 60));
}

/// The focused panel zoomed (chart, axes, year-by-year table) at 200×60: the heaviest frame.
#[divan::bench(args = TABS)]
fn zoomed_200x60(bencher: Bencher, tab: &str) {
    let mut app = app_on(tab);
    app.zoomed = true;
    bencher.bench(|| export::render(black_box(&app), 200, 60));
}

/// One key press all the way to a new frame, as the event loop does it: `handle_key`, `update`,
/// render at 80×24. The keys cycle through tab switches, focus moves and zoom.
#[divan::bench]
fn key_to_frame_80x24(bencher: Bencher) {
    let keys = [
        KeyCode::Tab,
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Char('L'),
        KeyCode::Left,
    ];
    let mut app = app_on("overview");
    let mut next = 0;
    bencher.bench_local(|| {
        let key = KeyEvent::new(keys[next % keys.len()], KeyModifiers::NONE);
        next += 1;
        if let Some(action) = app.handle_key(black_box(key)) {
            app.update(action);
        }
        export::render(&app, 80, 24)
    });
}

mod support;

/// A tab of 1,000 series (the generated 10k × 50 dataset) at 200×60: a frame must not cost more
/// because a tab holds more panels than fit on screen.
#[divan::bench(sample_count = 20)]
fn generated_tab_of_1000_200x60(bencher: Bencher) {
    let files = support::dataset(10, 1_000, 50);
    let app = App::new(data::validate::build(&files).expect("validates"));
    bencher.bench(|| export::render(black_box(&app), 200, 60));
}

/// How a frame's cost grows with the data: the first generated tab (N/10 series) at 200×60.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 20)]
fn scaling_render_200x60(bencher: Bencher, indicators: usize) {
    let files = support::dataset(10, indicators / 10, 50);
    let app = App::new(data::validate::build(&files).expect("validates"));
    bencher.bench(|| export::render(black_box(&app), 200, 60));
}
