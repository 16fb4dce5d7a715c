//! The data layer: fixtures, the embedded dataset, every seed figure, and robustness.
#![allow(clippy::float_cmp)] // figures are compared exactly as parsed from the files, not computed

use std::path::{Path, PathBuf};

use jx_dash::data::derive::{cagr, multiple, pct_change};
use jx_dash::data::{self, DataFile, Dataset, Qualifier, Series, Shape, load_embedded};
use jx_dash::text::Lang;
use proptest::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn every_invalid_fixture_fails_with_its_expected_messages() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "only {} invalid fixtures", cases.len());
    for case in cases {
        let expected = std::fs::read_to_string(case.join("expected.txt"))
            .unwrap_or_else(|e| panic!("{}: expected.txt: {e}", case.display()));
        let error = data::load_dir(&case).expect_err(&case.display().to_string());
        let prefix = format!("{}/", case.display());
        let got: Vec<String> = error
            .0
            .iter()
            .map(|d| d.to_string().replace(&prefix, ""))
            .collect();
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "fixture {}", case.display());
    }
}

#[test]
fn missing_directory_is_one_clear_error() {
    let error = data::load_dir(Path::new("/no/such/dir")).unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with("/no/such/dir: cannot read data directory"),
        "{text}"
    );
}

#[test]
fn directory_without_toml_files_is_an_error() {
    let error = data::load_dir(&fixtures().join("invalid")).unwrap_err();
    assert!(error.to_string().contains("no *.toml files"), "{error}");
}

#[test]
fn valid_fixture_loads_every_shape() {
    let ds = data::load_dir(&fixtures().join("valid/minimal")).unwrap();
    assert_eq!(ds.files, 3);
    let ids: Vec<_> = ds.tabs.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["first", "shapes"], "tabs sorted by order");
    assert_eq!(
        ds.tabs[0].indicators.len(),
        1,
        "`show` borrows an indicator"
    );

    let series = ds.indicator("series").unwrap();
    let Shape::Series(s) = &series.shape else {
        panic!("series")
    };
    assert_eq!(
        s.points.iter().map(|p| p.year).collect::<Vec<_>>(),
        [2018, 2019, 2021]
    );
    assert_eq!(s.breaks.len(), 1);
    assert_eq!(
        (s.breaks[0].year, s.breaks[0].reason.en.as_str()),
        (2020, "a census")
    );
    assert_eq!(s.points[2].source.as_deref(), Some("t"));
    assert_eq!(s.points[1].quote, "the page says 1.15 billion yuan");
    assert_eq!(
        s.with_gaps(),
        [
            (2018, Some(10.0)),
            (2019, Some(11.5)),
            (2020, None),
            (2021, Some(13.0))
        ],
        "a gap stays a gap"
    );
    assert_eq!(s.gaps[0].reason.get(Lang::Zh), "未公布");
    assert_eq!(s.history[0].label.en, "First release");
    assert_eq!(s.history[0].points[0].value, 9.5);
    assert_eq!(series.unit.id, "100m-yuan");
    assert_eq!(series.national.as_deref(), Some("national"));

    let Shape::Breakdown(parts) = &ds.indicator("breakdown").unwrap().shape else {
        panic!()
    };
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1].name.get(Lang::Zh), "二");
    assert_eq!(parts[1].change_pct, Some(-3.0));
    assert_eq!(parts[1].qualifier, Qualifier::Over);
    assert_eq!(parts[1].share_pct, Some(29.4));
    assert_eq!(parts[1].source.as_deref(), Some("t"));

    let Shape::Fact(fact) = &ds.indicator("fact").unwrap().shape else {
        panic!()
    };
    assert_eq!((fact.value, fact.qualifier), (Some(30.0), Qualifier::Under));
    assert_eq!(
        (fact.baseline, fact.baseline_qualifier),
        (Some(70.0), Qualifier::About)
    );
    assert_eq!(fact.rank, Some(5));
    assert_eq!(fact.rank_words.as_ref().unwrap().zh, "居全国第5位");
    assert_eq!(fact.change_label.as_ref().unwrap().en, "y/y");
    assert_eq!((fact.change_pct, fact.share_pct), (Some(73.0), Some(4.3)));

    let words = ds.indicator("words").unwrap();
    let Shape::Text(text) = &words.shape else {
        panic!()
    };
    assert_eq!(text.text.get(Lang::En), "Approved");
    assert_eq!(words.period.as_ref().unwrap().get(Lang::Zh), "2020年4月");

    let Shape::Regions(regions) = &ds.indicator("regions").unwrap().shape else {
        panic!()
    };
    assert_eq!(regions.len(), 3, "a region without a figure is kept");
    assert!(regions[0].home && !regions[1].home);
    assert_eq!(regions[1].series.get(2025), Some(5.5));
    assert!(regions[2].series.points.is_empty());
    let Shape::Series(series) = &ds.indicator("series").unwrap().shape else {
        panic!()
    };
    let bound = series.bound(2022).expect("a stated bound");
    assert_eq!(
        (bound.value, bound.qualifier),
        (14.0, jx_dash::data::Qualifier::Over)
    );
    assert_eq!(series.get(2022), None, "a bound is never a point");
    assert_eq!(series.headline_bound().map(|b| b.year), Some(2022));

    assert_eq!(ds.events.len(), 1);
    assert_eq!((ds.events[0].year, ds.events[0].month), (2020, Some(4)));
    let source = ds.source("s").unwrap();
    assert_eq!(source.date, "2024-05-20");
    assert_eq!(ds.source("t").unwrap().date, "2024-05");
    assert_eq!(source.publisher.zh, "某人");
}

fn embedded() -> Dataset {
    load_embedded().expect("embedded dataset validates")
}

fn series<'a>(ds: &'a Dataset, id: &str) -> &'a Series {
    match &ds.indicator(id).unwrap_or_else(|| panic!("{id}")).shape {
        Shape::Series(s) => s,
        _ => panic!("{id} is not a series"),
    }
}

fn series_value(ds: &Dataset, id: &str, year: u16) -> f64 {
    series(ds, id)
        .get(year)
        .unwrap_or_else(|| panic!("{id} {year}"))
}

fn fact(ds: &Dataset, id: &str) -> jx_dash::data::Fact {
    match &ds.indicator(id).unwrap_or_else(|| panic!("{id}")).shape {
        Shape::Fact(f) => f.clone(),
        _ => panic!("{id} is not a fact"),
    }
}

fn text(ds: &Dataset, id: &str) -> String {
    match &ds.indicator(id).unwrap_or_else(|| panic!("{id}")).shape {
        Shape::Text(t) => t.text.en.clone(),
        _ => panic!("{id} is not text"),
    }
}

#[test]
fn embedded_dataset_has_the_six_tabs_in_order() {
    let ds = embedded();
    let ids: Vec<_> = ds.tabs.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "overview",
            "growth",
            "trade",
            "innovation",
            "livelihood",
            "compare"
        ]
    );
    assert!(ds.tabs.iter().all(|t| !t.indicators.is_empty()));
}

#[test]
fn embedded_dataset_contains_every_seed_figure() {
    let ds = embedded();
    // Foreign trade 2023: 569 billion yuan ($78.9 billion).
    assert_eq!(series_value(&ds, "foreign-trade", 2023), 5690.0);
    assert_eq!(series_value(&ds, "foreign-trade-usd", 2023), 78.9);
    // "New three": +73 %, 4.3 % of national exports, 6th.
    let f = fact(&ds, "new-three-exports");
    assert_eq!(
        (f.change_pct, f.share_pct, f.rank),
        (Some(73.0), Some(4.3), Some(6))
    );
    // Yichun lithium: over 9 million t; over 20 mines; 40 % of national reserves (the province's).
    let f = fact(&ds, "lithium-reserves");
    assert_eq!((f.value, f.qualifier), (Some(900.0), Qualifier::Over));
    let f = fact(&ds, "lithium-mica-mines");
    assert_eq!((f.value, f.qualifier), (Some(20.0), Qualifier::Over));
    assert_eq!(fact(&ds, "lithium-share-national").share_pct, Some(40.0));
    // Transport time: an average of 70 h to under 30 h; clearance efficiency 5th.
    let f = fact(&ds, "clearance-time");
    assert_eq!(
        (f.baseline, f.baseline_qualifier, f.value, f.qualifier),
        (Some(70.0), Qualifier::Exact, Some(30.0), Qualifier::Under)
    );
    assert_eq!(fact(&ds, "export-clearance-rank").rank, Some(5));
    // Cross-border e-commerce: 463 billion yuan as published, 6th.
    let f = fact(&ds, "cross-border-ecommerce");
    assert_eq!((f.value, f.rank), (Some(4630.0), Some(6)));
    // Pilot zone approved April 2020.
    assert!(text(&ds, "pilot-zone").contains("State Council"));
    // GDP 1.28 → 3.22 trillion yuan; per capita 28,600 → 71,200 yuan (2.86 → 7.12万元).
    assert_eq!(series_value(&ds, "gdp-seed", 2012), 1.28);
    assert_eq!(series_value(&ds, "gdp-seed", 2023), 3.22);
    assert_eq!(series_value(&ds, "gdp-per-capita-seed", 2012), 2.86);
    assert_eq!(series_value(&ds, "gdp-per-capita-seed", 2023), 7.12);
    // Innovation: SMEs +73.8 %, contracts nearly tripled, breakthroughs.
    assert_eq!(fact(&ds, "tech-smes").change_pct, Some(73.8));
    let f = fact(&ds, "tech-contracts");
    assert_eq!((f.value, f.qualifier), (Some(3.0), Qualifier::Nearly));
    let b = text(&ds, "breakthroughs");
    assert!(
        b.contains("helicopters") && b.contains("light-emitting"),
        "{b}"
    );
    // Livelihood: over 5 trillion; over 220 billion loans, 1st; 487,000 HPV; over 1,000 childcare.
    assert_eq!(fact(&ds, "livelihood-spending").value, Some(50_000.0));
    let f = fact(&ds, "guarantee-loans");
    assert_eq!((f.value, f.rank), (Some(2200.0), Some(1)));
    assert_eq!(fact(&ds, "hpv-vaccinations").value, Some(487_000.0));
    assert_eq!(fact(&ds, "childcare").value, Some(1000.0));
    let s = text(&ds, "new-services");
    assert!(s.contains("disabled") && s.contains("meal"), "{s}");
}

#[test]
fn every_figure_carries_its_quote_and_a_dated_page() {
    let ds = embedded();
    let (figures, quoted) = ds.figure_count();
    assert_eq!(figures, quoted, "every figure carries its quote");
    assert!(figures > 250, "{figures}");
    for source in &ds.sources {
        assert!(
            source.url.starts_with("http"),
            "{}: {}",
            source.id,
            source.url
        );
        assert!(source.date.len() >= 4, "{}: date", source.id);
        assert!(!source.publisher.zh.is_empty(), "{}", source.id);
        assert!(
            !source.publisher.en.contains("reference table"),
            "our own notes are no source: {}",
            source.id
        );
    }
    for indicator in &ds.indicators {
        assert!(ds.source(&indicator.source).is_some(), "{}", indicator.id);
        if let Shape::Series(s) = &indicator.shape {
            for p in s.all_points() {
                let source = p.source.as_deref().unwrap_or(&indicator.source);
                assert!(ds.source(source).is_some(), "{} {}", indicator.id, p.year);
            }
        }
    }
}

/// The core series of the data issue, each year 2012–2025 present or a listed gap.
#[test]
fn every_core_series_covers_2012_to_2025_except_listed_gaps() {
    let ds = embedded();
    let core = [
        "gdp",
        "gdp-growth",
        "gdp-per-capita",
        "population",
        "foreign-trade",
        "fdi",
        "income-all",
        "income-urban",
        "income-rural",
        "rd-spending",
        "rd-intensity",
        "china-gdp",
        "china-gdp-growth",
        "china-trade",
        "cny-usd",
    ];
    let mut table = Vec::new();
    for id in core {
        let s = series(&ds, id);
        let missing: Vec<u16> = (2012..=2025).filter(|&y| s.get(y).is_none()).collect();
        for year in &missing {
            assert!(
                s.gaps.iter().any(|g| g.year == *year) || s.bound(*year).is_some(),
                "{id}: {year} is neither a value, a stated bound nor a listed gap"
            );
        }
        table.push(format!(
            "{id}: {} present, missing {missing:?}",
            14 - missing.len()
        ));
    }
    // The figures that must be there: the latest published years.
    assert_eq!(series_value(&ds, "gdp-growth", 2025), 5.2);
    assert_eq!(series_value(&ds, "china-gdp-growth", 2025), 5.0);
    assert_eq!(series_value(&ds, "foreign-trade", 2025), 4823.0);
    assert_eq!(series_value(&ds, "gdp", 2024), 34202.5);
    eprintln!("{}", table.join("\n"));
}

#[test]
fn gdp_keeps_one_base_per_stretch_and_its_first_releases() {
    let ds = embedded();
    let gdp = series(&ds, "gdp");
    let breaks: Vec<u16> = gdp.breaks.iter().map(|b| b.year).collect();
    assert_eq!(breaks, [2013, 2023]);
    assert_eq!(gdp.get(2023), Some(32677.1), "the 5th-census revision");
    // The first release of 2023 is history, labelled.
    let first = &gdp.history[0];
    assert!(first.label.en.starts_with("First release"));
    assert!(
        first
            .points
            .iter()
            .any(|p| p.year == 2023 && p.value == 32200.1)
    );
    // No derived figure crosses a base: 2023 over 2022 is blank, 2024 over 2023 is not.
    assert_eq!(jx_dash::data::derive::yoy(gdp, 2023), None);
    assert!(jx_dash::data::derive::yoy(gdp, 2024).is_some());
    assert_eq!(cagr(gdp, 2012, 2024), None);
    let pop = series(&ds, "population");
    assert_eq!(pop.breaks[0].year, 2020);
}

#[test]
fn derived_figures_of_the_embedded_dataset() {
    let ds = embedded();
    // The article's 2012 and 2023 GDP stand on different census bases: no rate spans them.
    let gdp = series(&ds, "gdp-seed");
    assert_eq!(
        cagr(gdp, 2012, 2023),
        None,
        "no derived figure crosses a change of base"
    );
    let pc = series(&ds, "gdp-per-capita-seed");
    assert_eq!(pc.break_at(2023).map(|b| b.year), Some(2023));
    // Within one base it is derived: GDP on the 4th-census series, 2013 to 2022.
    let revised = series(&ds, "gdp");
    let m = multiple(revised.get(2013).unwrap(), revised.get(2022).unwrap()).unwrap();
    assert!((m - 2.243).abs() < 0.001, "GDP 2013 to 2022 multiple {m}");
    let f = fact(&ds, "clearance-time");
    let cut = pct_change(f.baseline.unwrap(), f.value.unwrap()).unwrap();
    assert!((cut + 57.1).abs() < 0.05, "clearance time {cut}");
    // Share of national trade 2023: 0.569 / 41.76 trillion.
    let shares = ds.shares(ds.indicator("foreign-trade").unwrap());
    let (_, share) = shares.iter().find(|(y, _)| *y == 2023).unwrap();
    assert!((share - 1.36).abs() < 0.005, "trade share {share}");
    // The official 2023 rate, not the article's 569 / 78.9 = 7.21.
    let rates = ds.usd_rates().unwrap();
    assert_eq!(rates.get(2023), Some(7.0467));
    assert!(multiple(0.0, 1.0).is_none());
}

#[test]
fn gaps_in_the_embedded_series_stay_gaps() {
    let ds = embedded();
    let trade = series(&ds, "foreign-trade");
    assert_eq!(trade.get(2022), None);
    assert_eq!(trade.with_gaps().len(), 14);
}

fn build(files: Vec<(&str, Vec<u8>)>) -> Result<Dataset, data::LoadError> {
    let files: Vec<DataFile> = files
        .into_iter()
        .map(|(p, b)| DataFile::new(p, b))
        .collect();
    data::validate::build(&files)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let sources = data::embedded_files()[0].bytes.to_vec();
        let _ = build(vec![("sources.toml", sources), ("t.toml", bytes)]);
    }

    #[test]
    fn arbitrary_toml_like_text_never_panics(text in "(\\[\\[?(tab|indicator|indicator\\.values|source)\\]\\]?\n|[a-z_]{1,8} = (\"[^\"\n]{0,6}\"|-?[0-9]{1,5}(\\.[0-9])?|nan|inf|\\[\\]|[0-9]{4}-0[1-9]-1[0-9])\n|[0-9]{4} = [0-9.]{1,4}\n){0,24}") {
        let sources = data::embedded_files()[0].bytes.to_vec();
        let _ = build(vec![("sources.toml", sources.clone()), ("t.toml", text.clone().into_bytes())]);
        let _ = build(vec![("sources.toml", text.into_bytes())]);
    }

    #[test]
    fn mutated_embedded_files_never_panic(file in 0usize..7, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut files = data::embedded_files();
        let bytes = files[file].bytes.to_mut();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = data::validate::build(&files);
    }
}

/// A reload reads only the files that changed, and gives exactly what a full load gives: after
/// an edit, a broken file, its repair, a file removed and a file added.
#[test]
fn an_incremental_reload_gives_what_a_full_load_gives() {
    use jx_dash::data::validate::{Loader, build};
    let original = data::embedded_files();
    let edit = |files: &[DataFile], path_part: &str, edit: &dyn Fn(&str) -> String| {
        files
            .iter()
            .map(|f| {
                let text = std::str::from_utf8(&f.bytes).unwrap();
                let text = if f.path.contains(path_part) {
                    edit(text)
                } else {
                    text.to_string()
                };
                DataFile::new(f.path.clone(), text.into_bytes())
            })
            .collect::<Vec<_>>()
    };
    let renamed = edit(&original, "trade", &|t| {
        t.replacen("name = \"", "name = \"Renamed ", 1)
    });
    let broken = edit(&renamed, "growth", &|t| format!("{t}\n[[[ broken"));
    let mut fewer = renamed.clone();
    let removed = fewer
        .iter()
        .position(|f| f.path.contains("livelihood"))
        .unwrap();
    fewer.remove(removed);
    let mut more = renamed.clone();
    let copy = renamed
        .iter()
        .find(|f| f.path.contains("innovation"))
        .unwrap();
    more.push(DataFile::new("extra.toml", copy.bytes.clone()));
    let mut loader = Loader::default();
    for (what, files) in [
        ("the first load", &original),
        ("the same files", &original),
        ("one name changed", &renamed),
        ("a broken file", &broken),
        ("the file repaired", &renamed),
        ("a file removed", &fewer),
        ("a file added (its ids are duplicates)", &more),
        ("back to the start", &original),
    ] {
        let full = build(files);
        assert_eq!(loader.build(files), full, "{what}");
        if what == "one name changed" {
            let renamed = full.as_ref().unwrap();
            assert!(
                renamed
                    .indicators
                    .iter()
                    .any(|i| i.name.en.starts_with("Renamed "))
            );
        }
        if what.starts_with("a broken") || what.starts_with("a file added") {
            assert!(full.is_err(), "{what}");
        }
    }
}
