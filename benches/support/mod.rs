//! A synthetic dataset of any size, valid per the schema in the README, built in memory (no
//! checked-in blob). Shared by the benches and `tests/robustness.rs` (through `#[path]`).

use std::fmt::Write as _;

use jx_dash::data::DataFile;

/// Sources every generated indicator may name.
const SOURCES: [&str; 4] = ["gen-a", "gen-b", "gen-c", "gen-d"];
const UNITS: [&str; 6] = ["100m-yuan", "10k-people", "pct", "yuan", "t", "count"];

/// `sources.toml` plus `tabs` tab files of `per_tab` yearly series each, every series `points`
/// years long starting at 1970 (50 points: 1970–2019), each point with the words it was "read
/// from". Every tenth series names a per-year source and every twentieth a national
/// counterpart, so the cross-reference passes have work to do too.
pub fn dataset(tabs: usize, per_tab: usize, points: usize) -> Vec<DataFile> {
    assert!(points <= 131, "years run from 1970 to at most 2100");
    let mut files = vec![DataFile::new("gen/sources.toml", sources())];
    for t in 0..tabs {
        files.push(DataFile::new(
            format!("gen/tab{t:02}.toml"),
            tab_file(t, per_tab, points),
        ));
    }
    files
}

fn sources() -> Vec<u8> {
    let mut out = String::new();
    for (i, id) in SOURCES.iter().enumerate() {
        let _ = write!(
            out,
            "[[source]]\nid = \"{id}\"\ntitle = \"Generated source {i}\"\npublisher = \"Bench\"\n\
             publisher_zh = \"基准\"\n\
             date = 2024-05-{:02}\nurl = \"https://example.org/{id}\"\n\n",
            i + 1
        );
    }
    out.into_bytes()
}

/// One tab file, about 110 bytes per indicator plus about 40 per point.
pub fn tab_file(t: usize, per_tab: usize, points: usize) -> Vec<u8> {
    let mut out = String::with_capacity(per_tab * (120 + points * 40));
    let _ = write!(
        out,
        "[tab]\nid = \"tab{t}\"\ntitle = \"Tab {t}\"\ntitle_zh = \"标签{t}\"\norder = {t}\n"
    );
    for i in 0..per_tab {
        let id = format!("t{t}-i{i}");
        let unit = UNITS[i % UNITS.len()];
        let source = SOURCES[i % SOURCES.len()];
        let _ = write!(
            out,
            "\n[[indicator]]\nid = \"{id}\"\nname = \"Indicator {i} of tab {t}\"\n\
             name_zh = \"指标{i}\"\nunit = \"{unit}\"\nsource = \"{source}\"\n"
        );
        if i % 20 == 19 {
            // The tab's first series in the same unit as its national counterpart.
            let _ = writeln!(out, "national = \"t{t}-i{}\"", i % UNITS.len());
        }
        let mut values = String::from("[indicator.values]\n");
        let mut quotes = String::from("[indicator.quotes]\n");
        let mut value = 100.0 + f64::from(small(i % 97));
        for year in 1970..1970 + points {
            let _ = writeln!(values, "{year} = {value:.1}");
            let _ = writeln!(quotes, "{year} = \"{year}年为{value:.1}\"");
            value *= 1.0 + f64::from(small((year * 7 + i) % 13)) / 100.0;
        }
        out.push_str(&values);
        out.push_str(&quotes);
        if i % 10 == 9 {
            let _ = write!(
                out,
                "[indicator.source_by_year]\n{} = \"gen-d\"\n",
                1970 + points - 1
            );
        }
    }
    out.into_bytes()
}

fn small(n: usize) -> u32 {
    u32::try_from(n).expect("a small number")
}
