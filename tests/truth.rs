//! The screen-truth test: every number on every screen is explained.
//!
//! Every tab, every page and every zoom, in every `t` view of the focused series, every year of
//! the rankings, in yuan and US$, in English and Chinese, at 80×24 and 120×40, is rendered and
//! read the way a person reads it: each number with its unit words (on its line, under it on a
//! tile, or in the header of its column). Each must be explained: a stored figure in one of its
//! writings, a figure derived from stored ones and recomputed here (see `truth/explain.rs`),
//! a year, a date, an axis label or a counter, or words quoted from the data (a quote, a page's
//! title or address). An unexplained number fails with the screen, the position and the text.

mod truth {
    pub mod explain;
    pub mod screen;
}

use std::collections::HashSet;

use jx_dash::action::Action;
use jx_dash::app::{App, Currency};
use jx_dash::data::{Dataset, Shape, load_embedded};
use jx_dash::export::render;
use jx_dash::text::Lang;
use truth::explain::{Explanations, Kind, explanations};
use truth::screen::{Screen, Token, Unit, inline_unit, unit_after, units_in};

/// Every text of the data a screen may quote word for word, without spaces.
fn authored(ds: &Dataset) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let mut add = |t: &str| texts.push(t.chars().filter(|c| !c.is_whitespace()).collect());
    for tab in &ds.tabs {
        add(&tab.title.en);
        add(&tab.title.zh);
        for p in &tab.panels {
            if let Some(t) = &p.title {
                add(&t.en);
                add(&t.zh);
            }
        }
    }
    for s in &ds.sources {
        for t in [&s.title, &s.publisher.en, &s.publisher.zh, &s.date, &s.url] {
            add(t);
        }
        if let Some(c) = &s.cites {
            add(&c.en);
            add(&c.zh);
        }
    }
    for e in &ds.events {
        add(&e.label.en);
        add(&e.label.zh);
        add(&e.quote);
    }
    for i in &ds.indicators {
        for t in [
            Some(&i.name),
            i.short.as_ref(),
            i.period.as_ref(),
            i.note.as_ref(),
            i.caveat.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            add(&t.en);
            add(&t.zh);
        }
        let series: Vec<&jx_dash::data::Series> = match &i.shape {
            Shape::Series(s) => vec![s],
            Shape::Regions(r) => {
                for region in r {
                    add(&region.name.en);
                    add(&region.name.zh);
                }
                r.iter().map(|r| &r.series).collect()
            }
            Shape::Fact(f) => {
                add(&f.quote);
                for t in [&f.rank_words, &f.share_label, &f.change_label]
                    .into_iter()
                    .flatten()
                {
                    add(&t.en);
                    add(&t.zh);
                }
                Vec::new()
            }
            Shape::Breakdown(parts) => {
                for p in parts {
                    add(&p.quote);
                    add(&p.name.en);
                    add(&p.name.zh);
                }
                Vec::new()
            }
            Shape::Text(w) => {
                add(&w.quote);
                add(&w.text.en);
                add(&w.text.zh);
                Vec::new()
            }
        };
        for s in series {
            for p in s.all_points() {
                add(&p.quote);
            }
            for b in &s.bounds {
                add(&b.quote);
            }
            for b in &s.breaks {
                add(&b.reason.en);
                add(&b.reason.zh);
            }
            for g in &s.gaps {
                add(&g.reason.en);
                add(&g.reason.zh);
            }
            for v in &s.history {
                add(&v.label.en);
                add(&v.label.zh);
            }
        }
    }
    texts
}

/// Whether `printed` (with `decimals` decimals) is `value` rounded, at `scale`.
fn rounds_to(printed: f64, decimals: usize, value: f64, scale: f64, approx: bool) -> bool {
    let shown = value / scale;
    let step = 10f64.powi(-i32::try_from(decimals).unwrap_or(0));
    let mut tolerance = step / 2.0 * (1.0 + 1e-9) + 1e-9 * shown.abs();
    if approx && shown.abs() >= 1.0 {
        // Three significant digits.
        let magnitude = shown.abs().log10().floor();
        tolerance = tolerance.max(10f64.powf(magnitude - 2.0) / 2.0 * (1.0 + 1e-9));
    }
    (shown - printed).abs() <= tolerance
}

const SCALES: [f64; 7] = [1.0, 1e3, 1e4, 1e6, 1e8, 1e9, 1e12];

/// A "nice" axis value: 0, or 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 or 8 times a power of ten.
fn nice(v: f64) -> bool {
    if v == 0.0 {
        return true;
    }
    let v = v.abs();
    let magnitude = 10f64.powf(v.log10().floor());
    let m = v / magnitude;
    [1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0]
        .iter()
        .any(|n| (m - n).abs() < 1e-9)
}

struct Checker {
    explained: Explanations,
    authored: Vec<String>,
    /// Contexts already found in the data's words.
    quoted: std::cell::RefCell<std::collections::HashMap<String, bool>>,
    numbers: std::cell::Cell<usize>,
    /// The unit the last unexplained number was read in, for the message.
    last_unit: std::cell::Cell<Option<Unit>>,
}

impl Checker {
    fn new(ds: &Dataset) -> Self {
        Self {
            explained: explanations(ds),
            authored: authored(ds),
            quoted: std::cell::RefCell::default(),
            numbers: std::cell::Cell::new(0),
            last_unit: std::cell::Cell::new(None),
        }
    }

    fn value_explained(&self, token: &Token, unit: Option<Unit>) -> bool {
        let signless = |k: Kind| matches!(k, Kind::Percent | Kind::Share | Kind::Points);
        match unit {
            Some(u) => {
                let printed = if signless(u.kind) {
                    token.value.abs()
                } else {
                    token.value
                };
                self.explained.of(u.kind).iter().any(|&v| {
                    let v = if signless(u.kind) { v.abs() } else { v };
                    rounds_to(printed, token.decimals, v, u.scale, u.approx)
                })
            }
            None => self.explained.all().any(|(_, v)| {
                SCALES
                    .iter()
                    .any(|&s| rounds_to(token.value.abs(), token.decimals, v.abs(), s, true))
            }),
        }
    }

    /// Whether the number and the words around it stand in the data's words.
    fn quoted(&self, screen: &Screen, token: &Token) -> bool {
        let (from, to) = screen.segment(token.row, token.start);
        let left: String = screen
            .span(token.row, from, token.start)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let right: String = screen
            .span(token.row, token.end, to)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // The quote marks and ellipses are the screen's, not the data's; a border ends the
        // words.
        let strip = |t: &str| {
            t.chars()
                .filter(|c| !matches!(c, '“' | '”' | '…'))
                .collect::<String>()
        };
        let drawn = |c: char| ('\u{2500}'..='\u{259F}').contains(&c);
        let left: String = left.rsplit(drawn).next().unwrap_or("").to_string();
        let right: String = right
            .split(|c: char| drawn(c) || c == '·')
            .next()
            .unwrap_or("")
            .to_string();
        let (left, right) = (strip(&left), strip(&right));
        let left: String = left
            .chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let right: String = right.chars().take(8).collect();
        if left.chars().count() + right.chars().count() < 3 {
            return false;
        }
        let number: String = token.text.chars().filter(|c| !c.is_whitespace()).collect();
        // With as much context as there is, and with one side alone near a line's end.
        let candidates = [
            format!("{left}{number}{right}"),
            format!("{left}{number}"),
            format!("{number}{right}"),
        ];
        candidates
            .iter()
            .filter(|c| c.chars().count() >= number.chars().count() + 2)
            .any(|c| {
                *self
                    .quoted
                    .borrow_mut()
                    .entry(c.clone())
                    .or_insert_with(|| self.authored.iter().any(|t| t.contains(c.as_str())))
            })
    }

    /// Why a number is unexplained, or `None` when it is explained.
    fn check(&self, screen: &Screen, token: &Token) -> Option<&'static str> {
        self.numbers.set(self.numbers.get() + 1);
        let (from, to) = screen.segment(token.row, token.start);
        let left = screen.span(token.row, from, token.start);
        let right = screen.span(token.row, token.end, to);
        let integer =
            token.decimals == 0 && !token.text.contains(',') && !token.text.starts_with(['+', '-']);
        // Clipped: a number cut off by an ellipsis is never explained by its digits.
        if right.starts_with('…') {
            return (!self.quoted(screen, token)).then_some("a number cut off");
        }
        // A year, a month or day of a date, a counter.
        if integer && (1990.0..=2030.0).contains(&token.value) && token.text.len() == 4 {
            return None;
        }
        let date_part = left.len() >= 5
            && left.ends_with('-')
            && left[..left.len() - 1].ends_with(|c: char| c.is_ascii_digit());
        if integer && date_part && token.value <= 31.0 {
            return None;
        }
        // An agenda step: "step 3 of 11", "第3步（共11步）".
        let of_steps = left
            .strip_suffix(" of ")
            .map(|l| l.trim_end_matches(|c: char| c.is_ascii_digit()))
            .is_some_and(|l| l.to_lowercase().ends_with("step "));
        let step = left.to_lowercase().ends_with("step ") || of_steps || right.starts_with('步');
        let counter = right.starts_with('/') || left.ends_with('/') || step;
        if integer && counter && token.value <= 99.0 {
            return None;
        }
        let trimmed_right = right.trim_start();
        if integer
            && (trimmed_right.starts_with("earlier years")
                || trimmed_right.starts_with("more")
                || trimmed_right.starts_with("个较早年份")
                || trimmed_right.starts_with("项")
                || left.ends_with("另有"))
        {
            return None;
        }
        if integer
            && (token.value - 100.0).abs() < 1e-9
            && (left.trim_end().ends_with('=') || left.ends_with("年="))
        {
            return None;
        }
        // An axis label: alone at the start of a chart's row.
        let alone_left = left.chars().all(|c| c == ' ' || c == '▌');
        let alone_right = !right
            .chars()
            .take(3)
            .any(|c| c.is_alphanumeric() || matches!(c, '%' | '.' | ','));
        if alone_left && alone_right && nice(token.value) {
            return None;
        }
        // A chart's legend ends with each series' latest value, in the axis' unit.
        // (The number ends a legend item: a legend glyph before it and no wide gap since.)
        let legend = ["⠤⠤ ", "·•· ", "⠤×⠤ "]
            .iter()
            .filter_map(|g| left.rfind(g).map(|i| &left[i + g.len()..]))
            .min_by_key(|rest| rest.len())
            .is_some_and(|rest| !rest.contains("   ") && !rest.is_empty());
        if legend {
            let unit = Self::axis_unit(screen, token);
            self.last_unit.set(unit);
            return (!self.value_explained(token, unit) && !self.quoted(screen, token))
                .then_some("no stored or derived figure of the axis' unit rounds to it");
        }
        // Its unit on its line, under it (a tile), or in its column's header.
        let unit = inline_unit(&left, &right)
            .or_else(|| {
                (right.trim().is_empty())
                    .then(|| Self::unit_below(screen, token))
                    .flatten()
            })
            .or_else(|| Self::unit_above(screen, token));
        if self.value_explained(token, unit) || self.quoted(screen, token) {
            return None;
        }
        self.last_unit.set(unit);
        Some(match unit {
            Some(_) => "no stored or derived figure of its kind rounds to it",
            None => "no stored or derived figure rounds to it",
        })
    }

    /// A chart's unit: the words that open the row above its plot ("trillion yuan", "≈billion
    /// US$ · no rate: 2024", "% of China", "index, …").
    fn axis_unit(screen: &Screen, token: &Token) -> Option<Unit> {
        for row in (0..token.row).rev().take(40) {
            let (from, to) = screen.segment(row, token.start);
            let text = screen.span(row, from, to);
            let text = text.trim_start_matches(['▌', ' ']);
            if text.starts_with("──") {
                return None;
            }
            let approx = text.starts_with('≈');
            let text = text.trim_start_matches('≈');
            if text.starts_with("index") || text.starts_with("指数") {
                return Some(Unit {
                    kind: Kind::Index,
                    scale: 1.0,
                    approx,
                });
            }
            let first = text.split_whitespace().next().unwrap_or("");
            if first.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            if let Some((kind, scale)) = unit_after(text) {
                return Some(Unit {
                    kind,
                    scale,
                    approx,
                });
            }
            if text.starts_with("% ") || text.starts_with("占全国%") || text.starts_with("比上年")
            {
                return Some(Unit {
                    kind: Kind::Percent,
                    scale: 1.0,
                    approx,
                });
            }
        }
        None
    }

    /// A tile's unit: the first words of the line under the number.
    fn unit_below(screen: &Screen, token: &Token) -> Option<Unit> {
        let below = token.row + 1;
        if below >= screen.rows.len() {
            return None;
        }
        let (from, to) = screen.segment(below, token.start);
        let text = screen.span(below, from, to);
        let (kind, scale) = unit_after(&text).or_else(|| {
            let t = text.trim_start();
            if t.starts_with("index") || t.starts_with("指数") {
                Some((Kind::Index, 1.0))
            } else if t.starts_with("of China") || t.starts_with("占全国") {
                Some((Kind::Share, 1.0))
            } else if let Some(rest) = t.strip_prefix("billion US$") {
                let _ = rest;
                Some((Kind::Usd, 1e9))
            } else if t.starts_with("trillion US$") {
                Some((Kind::Usd, 1e12))
            } else if t.starts_with("US$ per resident") {
                Some((Kind::PerResidentUsd, 1.0))
            } else {
                None
            }
        })?;
        Some(Unit {
            kind,
            scale,
            approx: token.text.starts_with('≈')
                || screen.span(token.row, token.start.saturating_sub(1), token.start) == "≈",
        })
    }

    /// A column's unit: the nearest line above with words over the number's columns (its
    /// header, or the title of its box).
    fn unit_above(screen: &Screen, token: &Token) -> Option<Unit> {
        let approx = screen.span(token.row, token.start.saturating_sub(1), token.start) == "≈";
        // Cells are right-aligned under their header: the header's words stand over the
        // number's own columns.
        let lo = token.start.saturating_sub(1);
        let hi = token.end + 1;
        for row in (0..token.row).rev() {
            let border = screen.border_at(row, token.start);
            let (from, to) = if border {
                // The box's title line: the whole of it.
                let (a, _) = screen.segment(token.row, token.start);
                let (_, b) = screen.segment(token.row, token.start);
                (a.saturating_sub(1), b + 1)
            } else {
                (lo, hi)
            };
            let window = screen.span(row, lo.min(from), hi.max(to).min(screen.rows[row].len()));
            let words = window
                .chars()
                .any(|c| (c.is_alphabetic() && c != '·') || matches!(c, '%' | '$'));
            // A section heading or the header row above: no column header here.
            if row == 0 || screen.span(row, 0, 3).starts_with("──") {
                return None;
            }
            if words || border {
                // Whole phrases of the row ("billion yuan", not the "yuan" of a cut window).
                let (a, b) = if border {
                    (from, to)
                } else {
                    (0, screen.rows[row].len())
                };
                let units = units_in(screen, row, a, b);
                let over = units
                    .into_iter()
                    .find(|&(a, b, ..)| a < hi && b > lo || border);
                return over.map(|(_, _, kind, scale, estimate)| Unit {
                    kind,
                    scale,
                    approx: approx || estimate || window.contains('≈'),
                });
            }
        }
        None
    }
}

/// Every distinct screen of every state the test walks in one language and currency, with a
/// name for each.
fn screens(
    ds: &Dataset,
    lang: Lang,
    currency: Currency,
    mut visit: impl FnMut(&str, &ratatui::buffer::Buffer),
) {
    let mut seen: HashSet<String> = HashSet::new();
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        for tab in 0..ds.tabs.len() {
            for target in 0..ds.tabs[tab].indicators.len() {
                let mut app = App::new(ds.clone());
                app.lang = lang;
                app.currency = currency;
                app.update(Action::SelectTab(tab));
                app.update(Action::Focus(target));
                let views = app.focused().map_or(1, |i| app.dataset.views_of(i).len());
                let years = app.ranking_years().len().max(1);
                for v in 0..views {
                    for y in 0..years {
                        for zoomed in [false, true] {
                            app.zoomed = zoomed;
                            let name = format!(
                                "{} target {target} view {v} year {y}{} {lang:?} {currency:?} {w}x{h}",
                                ds.tabs[tab].id,
                                if zoomed { " zoomed" } else { "" }
                            );
                            let buf = render(&app, w, h);
                            if seen.insert(jx_dash::export::to_text(&buf)) {
                                visit(&name, &buf);
                            }
                        }
                        app.zoomed = false;
                        if years > 1 {
                            app.update(Action::NextYear);
                        }
                    }
                    app.update(Action::NextView);
                }
            }
        }
    }
}

/// What one language and currency's screens gave: screens, numbers, the first failures.
struct Walked {
    screens: usize,
    numbers: usize,
    figures: usize,
    failures: Vec<String>,
}

fn walk(ds: &Dataset, lang: Lang, currency: Currency) -> Walked {
    let checker = Checker::new(ds);
    let mut failures: Vec<String> = Vec::new();
    let mut count = 0;
    screens(ds, lang, currency, |name, buf| {
        count += 1;
        let screen = Screen::new(buf);
        for token in screen.tokens() {
            if let Some(why) = checker.check(&screen, &token)
                && failures.len() < 12
            {
                let line = screen.span(token.row, 0, screen.rows[token.row].len());
                failures.push(format!(
                    "{name}: row {}, column {}: `{}`: {why} (read as {:?})\n  {}\n",
                    token.row,
                    token.start,
                    token.text,
                    checker.last_unit.get(),
                    line.trim_end()
                ));
                if failures.len() == 1 {
                    failures.push(format!("the screen:\n{}\n", screen.text()));
                }
            }
        }
    });
    Walked {
        screens: count,
        numbers: checker.numbers.get(),
        figures: checker.explained.count(),
        failures,
    }
}

#[test]
fn every_number_on_every_screen_is_explained() {
    let ds = load_embedded().unwrap();
    let ds = &ds;
    // One thread a language and currency: the machine's cores share the walk.
    let walked: Vec<Walked> = std::thread::scope(|scope| {
        let jobs: Vec<_> = [Lang::En, Lang::Zh]
            .into_iter()
            .flat_map(|lang| [Currency::Yuan, Currency::Usd].map(|c| (lang, c)))
            .map(|(lang, currency)| scope.spawn(move || walk(ds, lang, currency)))
            .collect();
        jobs.into_iter().map(|j| j.join().unwrap()).collect()
    });
    let screens: usize = walked.iter().map(|w| w.screens).sum();
    let numbers: usize = walked.iter().map(|w| w.numbers).sum();
    eprintln!(
        "screen truth: {screens} screens, {numbers} numbers checked against {} stored and derived figures",
        walked[0].figures
    );
    let failures: Vec<&String> = walked.iter().flat_map(|w| &w.failures).collect();
    assert!(
        failures.is_empty(),
        "unexplained numbers:\n{}",
        failures
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        screens > 2000,
        "the walk covers every screen: only {screens}"
    );
}

/// The test fails when a number is wrong: a screen of the dashboard with one figure altered.
#[test]
fn a_wrong_number_is_caught() {
    let ds = load_embedded().unwrap();
    let checker = Checker::new(&ds);
    let mut app = App::new(ds.clone());
    app.update(Action::SelectTab(0));
    let mut buf = render(&app, 80, 24);
    // Write "27% of China" where a share is, and a dollar label on a yuan figure.
    let y = 20;
    for (i, c) in " 27% of China  36,007 billion US$ ".chars().enumerate() {
        buf[(u16::try_from(i).unwrap(), y)].set_symbol(&c.to_string());
    }
    let screen = Screen::new(&buf);
    let wrong: Vec<String> = screen
        .tokens()
        .into_iter()
        .filter(|t| t.row == usize::from(y))
        .filter(|t| checker.check(&screen, t).is_some())
        .map(|t| t.text)
        .collect();
    assert_eq!(wrong, ["27", "36,007"], "{}", screen.text());
}

/// The sample agenda as the room sees it: each step's screen, with the footer naming the
/// step, in both languages and at both sizes; every number on them is explained too.
#[test]
fn every_agenda_step_screen_is_explained() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ds = load_embedded().unwrap();
    let text = include_str!("../agenda/talk.toml");
    let agenda = jx_dash::agenda::Agenda::parse("agenda/talk.toml", text, &ds).unwrap();
    let checker = Checker::new(&ds);
    let mut failures: Vec<String> = Vec::new();
    let mut screens = 0;
    for lang in [Lang::En, Lang::Zh] {
        let options = jx_dash::driver::Options {
            agenda: Some(std::sync::Arc::new(agenda.clone())),
            lang,
            ..Default::default()
        };
        let mut app = options.app(ds.clone()).unwrap();
        for step in 0..agenda.steps.len() {
            if step > 0 {
                let key = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
                let action = app.handle_key(key).unwrap();
                app.update(action);
            }
            assert_eq!(app.step, step);
            for (w, h) in [(80u16, 24u16), (120, 40)] {
                screens += 1;
                let screen = Screen::new(&render(&app, w, h));
                for token in screen.tokens() {
                    if let Some(why) = checker.check(&screen, &token) {
                        failures.push(format!(
                            "step {} {lang:?} {w}x{h}: `{}`: {why}\n{}",
                            step + 1,
                            token.text,
                            screen.text()
                        ));
                    }
                }
            }
        }
    }
    assert_eq!(screens, 44);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
