//! View strings: every view of the built-in data prints to a string that parses back to it.

use jx_dash::app::{App, Currency, Place, PlaceError};
use jx_dash::data::load_embedded;

/// Every place the keys can reach: each tab, focus target, zoom and chart series, each view
/// the focused figure offers, each rankings' year, in yuan and US$.
fn every_place(app: &App) -> Vec<Place> {
    let dataset = &app.dataset;
    let mut places = Vec::new();
    for (t, tab) in dataset.tabs.iter().enumerate() {
        let mut probe = App::new(dataset.clone());
        probe.tab = t;
        let years: Vec<Option<u16>> = std::iter::once(None)
            .chain(probe.ranking_years().into_iter().map(Some))
            .collect();
        for focus in 0..tab.indicators.len() {
            for zoomed in [false, true] {
                probe.go(&Place {
                    tab: t,
                    focus,
                    zoomed,
                    series: 0,
                    view: None,
                    year: None,
                    currency: Currency::Yuan,
                });
                let series = if zoomed {
                    probe.panel_series().len().max(1)
                } else {
                    1
                };
                for s in 0..series {
                    probe.set_series(s);
                    let figure = probe.focused().unwrap().clone();
                    for view in dataset.views_of(&figure) {
                        for &year in &years {
                            for currency in [Currency::Yuan, Currency::Usd] {
                                probe.go(&Place {
                                    tab: t,
                                    focus,
                                    zoomed,
                                    series: s,
                                    view: Some(view),
                                    year,
                                    currency,
                                });
                                places.push(probe.place());
                            }
                        }
                    }
                }
            }
        }
    }
    places
}

#[test]
fn every_view_string_parses_back_to_its_view() {
    let app = App::new(load_embedded().unwrap());
    let places = every_place(&app);
    assert!(places.len() > 500, "{} places", places.len());
    let mut strings = std::collections::BTreeSet::new();
    for place in &places {
        let text = app.place_string_of(place);
        let parsed = Place::parse(&text, &app.dataset)
            .unwrap_or_else(|e| panic!("`{text}` does not parse: {e}"));
        assert_eq!(&parsed, place, "`{text}`");
        assert_eq!(app.place_string_of(&parsed), text);
        strings.insert(text);
    }
    // Distinct views print distinct strings.
    let distinct: std::collections::BTreeSet<_> = places.iter().map(|p| format!("{p:?}")).collect();
    assert_eq!(strings.len(), distinct.len());
}

#[test]
fn a_view_string_goes_where_it_says() {
    let mut app = App::new(load_embedded().unwrap());
    let place = Place::parse("trade/foreign-trade/zoom/usd", &app.dataset).unwrap();
    app.go(&place);
    assert_eq!(app.dataset.tabs[app.tab].id, "trade");
    assert_eq!(app.focused().unwrap().id, "foreign-trade");
    assert!(app.zoomed);
    assert_eq!(app.currency, Currency::Usd);
    assert_eq!(app.place_string(), "trade/foreign-trade/zoom/usd");
    // A view named where it is the panel's own is the same place as without it.
    let own = Place::parse("trade/foreign-trade/level", &app.dataset).unwrap();
    let plain = Place::parse("trade/foreign-trade", &app.dataset).unwrap();
    app.go(&plain);
    let shown = app.focused_view();
    let named = Place::parse(
        &format!("trade/foreign-trade/{}", jx_dash::app::view_word(shown)),
        &app.dataset,
    )
    .unwrap();
    assert_eq!(named, plain);
    assert_ne!(own, plain, "the level is not this chart's own view");
    // A tab by number, and slashes around it, are accepted.
    let place = Place::parse("/3/", &app.dataset).unwrap();
    assert_eq!(app.place_string_of(&place), app.dataset.tabs[2].id);
}

#[test]
fn a_bad_view_string_says_what_is_wrong() {
    let dataset = load_embedded().unwrap();
    let error = |text: &str| Place::parse(text, &dataset).unwrap_err();
    assert_eq!(error(""), PlaceError::Empty);
    assert!(matches!(error("nope"), PlaceError::Tab { .. }));
    let message = error("trade/gdpp").to_string();
    assert!(
        message.starts_with("`gdpp` is not shown on tab `trade`; it shows "),
        "{message}"
    );
    assert!(matches!(error("trade/zoom/zoom"), PlaceError::Twice(_)));
    assert!(matches!(
        error("overview/2024"),
        PlaceError::NoRankings { .. }
    ));
    assert!(matches!(error("compare/1999"), PlaceError::Year { .. }));
    let message = error("overview/gdp/per-capita").to_string();
    assert!(
        message.starts_with("view `per-capita` does not apply to `gdp`"),
        "{message}"
    );
}

#[test]
#[ignore = "prints every view string"]
fn print_every_view_string() {
    let app = App::new(load_embedded().unwrap());
    for place in every_place(&app) {
        println!("{}", app.place_string_of(&place));
    }
}
