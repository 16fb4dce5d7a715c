//! `jx-dash export`: the stored figures as a tidy table. Every stored number is a row with
//! its own quote and source, a gap is a row without a value, and the CSV and JSON read back
//! to the same rows.

use std::collections::BTreeMap;
use std::process::Command;

use jx_dash::data::model::Shape;
use jx_dash::data::table::{rows, to_csv, to_json};
use jx_dash::data::{Dataset, load_embedded};

/// A row read back from the CSV: its columns by name.
type Record = BTreeMap<String, String>;

fn read_csv(text: &str) -> Vec<Record> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader.deserialize().map(Result::unwrap).collect()
}

/// Every point of every series, as (indicator, region, year, value, quote, release).
fn stored_points(dataset: &Dataset) -> Vec<(String, String, u16, f64, String, String)> {
    let mut points = Vec::new();
    for indicator in &dataset.indicators {
        let series = match &indicator.shape {
            Shape::Series(s) => vec![(String::new(), s)],
            Shape::Regions(regions) => regions
                .iter()
                .map(|r| (r.name.en.clone(), &r.series))
                .collect(),
            _ => Vec::new(),
        };
        for (region, series) in series {
            for p in &series.points {
                let row = (region.clone(), p.year, p.value, p.quote.clone());
                points.push((
                    indicator.id.clone(),
                    row.0,
                    row.1,
                    row.2,
                    row.3,
                    "current".into(),
                ));
            }
            for vintage in &series.history {
                for p in &vintage.points {
                    points.push((
                        indicator.id.clone(),
                        region.clone(),
                        p.year,
                        p.value,
                        p.quote.clone(),
                        vintage.label.en.clone(),
                    ));
                }
            }
        }
    }
    points
}

#[test]
fn every_stored_point_is_one_row_with_its_quote_and_page() {
    let dataset = load_embedded().unwrap();
    let records = read_csv(&to_csv(&rows(&dataset, &[])).unwrap());
    let points = stored_points(&dataset);
    assert!(points.len() > 250, "{}", points.len());
    for (indicator, region, year, value, quote, release) in &points {
        let found: Vec<&Record> = records
            .iter()
            .filter(|r| {
                r["indicator"] == *indicator
                    && r["item_en"] == *region
                    && r["year"] == year.to_string()
                    && r["release"] == *release
                    && r["measure"] == "value"
            })
            .collect();
        assert_eq!(found.len(), 1, "{indicator} {region} {year} {release}");
        let row = found[0];
        // Exactly the stored number, not a rounding of it.
        let read: f64 = row["value"].parse().unwrap();
        assert_eq!(read.to_bits(), value.to_bits(), "{row:?}");
        assert_eq!(
            row["quote"], *quote,
            "the words, read back through CSV quoting"
        );
        assert!(row["url"].starts_with("http"), "{row:?}");
        assert!(!row["date"].is_empty() && !row["publisher"].is_empty());
    }
    // A number is never without its words, and a row without a number says why.
    for row in &records {
        if row["value"].is_empty() {
            assert!(row["note"].starts_with("gap: "), "{row:?}");
        } else {
            assert!(!row["quote"].is_empty(), "{row:?}");
        }
    }
    let gaps = records.iter().filter(|r| r["value"].is_empty()).count();
    assert!(gaps > 50, "the gaps are rows too: {gaps}");
}

#[test]
fn bounds_facts_and_parts_keep_their_qualifiers_and_measures() {
    let dataset = load_embedded().unwrap();
    let records = read_csv(&to_csv(&rows(&dataset, &[])).unwrap());
    // GDP 2025 is stated only as "over 3.6 trillion yuan".
    let bound = records
        .iter()
        .find(|r| r["indicator"] == "gdp" && r["year"] == "2025")
        .unwrap();
    assert_eq!(
        (bound["qualifier"].as_str(), bound["value"].as_str()),
        ("over", "36000")
    );
    assert!(bound["note"].contains("bound"));
    let measures: std::collections::BTreeSet<&str> =
        records.iter().map(|r| r["measure"].as_str()).collect();
    assert_eq!(
        measures.into_iter().collect::<Vec<_>>(),
        ["baseline", "change_pct", "rank", "share_pct", "value"]
    );
    for row in records.iter().filter(|r| r["measure"].ends_with("_pct")) {
        assert_eq!(row["unit"], "pct", "{row:?}");
    }
}

#[test]
fn csv_and_json_hold_the_same_rows_and_an_indicator_can_be_chosen() {
    let dataset = load_embedded().unwrap();
    let all = rows(&dataset, &[]);
    let json: Vec<serde_json::Value> = serde_json::from_str(&to_json(&all).unwrap()).unwrap();
    let csv = read_csv(&to_csv(&all).unwrap());
    assert_eq!(json.len(), csv.len());
    for (j, c) in json.iter().zip(&csv) {
        assert_eq!(j["indicator"].as_str().unwrap(), c["indicator"]);
        assert_eq!(j["quote"].as_str().unwrap(), c["quote"]);
    }
    let chosen = rows(&dataset, &["gdp".into(), "exports".into()]);
    assert!(
        chosen
            .iter()
            .all(|r| r.indicator == "gdp" || r.indicator == "exports")
    );
    assert!(chosen.iter().any(|r| r.indicator == "exports"));
}

#[test]
fn the_command_writes_csv_or_json_and_refuses_an_unknown_id() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jx-dash"))
            .arg("export")
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--indicator", "fdi"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("indicator,name_en,name_zh,item_en,item_zh,measure,year,"));
    assert!(read_csv(&text).iter().all(|r| r["indicator"] == "fdi"));
    let out = run(&["--format", "json", "--indicator", "gdp"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.as_array().unwrap().len() > 10);
    let out = run(&["--indicator", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown indicator `nope`"));
}
