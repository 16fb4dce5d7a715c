//! The data behind the screen as one tidy long table: a row per stored number (and per gap),
//! each with its indicator, year, unit, statistical stretch, release and source, and the words
//! it was read from. `jx-dash export` writes it as CSV or JSON. Nothing here is derived: a
//! share, a per-resident figure or a US$ conversion is the screen's, not the data's.

use serde::Serialize;

use super::model::{Bound, Dataset, Fact, Indicator, Part, Point, Qualifier, Series, Shape};

/// One stored number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub indicator: String,
    pub name_en: String,
    pub name_zh: String,
    /// The region (of a comparison) or the part (of a breakdown) the number is for; empty
    /// for the indicator itself.
    pub item_en: String,
    pub item_zh: String,
    /// `value`, or for a stated fact `change_pct`, `share_pct`, `rank` or `baseline`.
    pub measure: &'static str,
    pub year: Option<u16>,
    /// The period in words where there is no year ("January–April 2024").
    pub period: String,
    /// Empty for a gap: the year is known to be missing (see `note`). Written as the data
    /// has it: `36000`, `12948.5`.
    #[serde(serialize_with = "as_written")]
    pub value: Option<f64>,
    /// `exact`, or as the source states it: `about`, `over`, `under`, `nearly`.
    pub qualifier: &'static str,
    /// The unit's id in the data files (`100m-yuan`, `pct`, …); `pct` for changes and shares.
    pub unit: String,
    /// The first year of the comparable stretch the year belongs to (no derived figure
    /// crosses into another stretch).
    pub stretch_from: Option<u16>,
    /// The statistical base the data names for the figure (`4th-census`), if any.
    pub base: String,
    /// `current`, or the label of an earlier release (`first release`).
    pub release: String,
    pub source: String,
    pub source_title: String,
    pub publisher: String,
    /// The original publisher a reprint cites.
    pub cites: String,
    pub date: String,
    pub url: String,
    pub quote: String,
    /// Why a gap is a gap.
    pub note: String,
}

/// Every stored number of the indicators named (all of them when `ids` is empty), in the
/// order of the data: indicator by indicator, year by year.
pub fn rows(dataset: &Dataset, ids: &[String]) -> Vec<Row> {
    let mut rows = Vec::new();
    for indicator in &dataset.indicators {
        if ids.is_empty() || ids.contains(&indicator.id) {
            Rows {
                dataset,
                indicator,
                out: &mut rows,
            }
            .indicator();
        }
    }
    rows
}

/// A whole number without a decimal point (`36000`, not `36000.0`), else the shortest
/// decimal that reads back to the same number.
#[allow(clippy::ref_option)] // serde's `serialize_with` hands over `&Option<f64>`
fn as_written<S: serde::Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact
    match *value {
        #[allow(clippy::cast_possible_truncation)]
        Some(v) if v.fract() == 0.0 && v.abs() < EXACT => serializer.serialize_i64(v as i64),
        Some(v) => serializer.serialize_f64(v),
        None => serializer.serialize_none(),
    }
}

/// The first year of the stretch `year` is in: after the last break up to it, else the
/// series' first year.
fn stretch_from(series: &Series, year: u16) -> u16 {
    match series.stretch_start(year) {
        0 => series.first().map_or(year, |p| p.year.min(year)),
        start => start,
    }
}

/// The rows as RFC 4180 CSV, with a header line.
pub fn to_csv(rows: &[Row]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The rows as a JSON array of objects, one per row.
pub fn to_json(rows: &[Row]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(rows)
}

fn qualifier(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::About => "about",
        Qualifier::Over => "over",
        Qualifier::Under => "under",
        Qualifier::Nearly => "nearly",
    }
}

/// The rows of one indicator, as they are collected.
struct Rows<'a> {
    dataset: &'a Dataset,
    indicator: &'a Indicator,
    out: &'a mut Vec<Row>,
}

impl Rows<'_> {
    fn indicator(&mut self) {
        match &self.indicator.shape {
            Shape::Series(series) => self.series(series, ("", "")),
            Shape::Regions(regions) => {
                for region in regions {
                    self.series(&region.series, (&region.name.en, &region.name.zh));
                }
            }
            Shape::Breakdown(parts) => {
                for part in parts {
                    self.part(part);
                }
            }
            Shape::Fact(fact) => self.fact(fact),
            // Words state no number.
            Shape::Text(_) => {}
        }
    }

    /// A row of the indicator with its source filled in (`source`: the point's own, else the
    /// indicator's).
    fn row(&self, item: (&str, &str), source: Option<&str>, quote: &str) -> Row {
        let indicator = self.indicator;
        let source_id = source.unwrap_or(&indicator.source);
        let source = self.dataset.source(source_id);
        Row {
            indicator: indicator.id.clone(),
            name_en: indicator.name.en.clone(),
            name_zh: indicator.name.zh.clone(),
            item_en: item.0.to_string(),
            item_zh: item.1.to_string(),
            measure: "value",
            year: None,
            period: indicator
                .period
                .as_ref()
                .map(|p| p.en.clone())
                .unwrap_or_default(),
            value: None,
            qualifier: "exact",
            unit: indicator.unit.id.to_string(),
            stretch_from: None,
            base: String::new(),
            release: "current".into(),
            source: source_id.to_string(),
            source_title: source.map(|s| s.title.clone()).unwrap_or_default(),
            publisher: source.map(|s| s.publisher.en.clone()).unwrap_or_default(),
            cites: source
                .and_then(|s| s.cites.as_ref())
                .map(|c| c.en.clone())
                .unwrap_or_default(),
            date: source.map(|s| s.date.clone()).unwrap_or_default(),
            url: source.map(|s| s.url.clone()).unwrap_or_default(),
            quote: quote.to_string(),
            note: String::new(),
        }
    }

    fn point(&self, series: &Series, item: (&str, &str), point: &Point, release: &str) -> Row {
        Row {
            year: Some(point.year),
            period: String::new(),
            value: Some(point.value),
            stretch_from: Some(stretch_from(series, point.year)),
            base: point.base.clone().unwrap_or_default(),
            release: release.to_string(),
            ..self.row(item, point.source.as_deref(), &point.quote)
        }
    }

    /// Points, bounds and gaps year by year, then the earlier releases.
    fn series(&mut self, series: &Series, item: (&str, &str)) {
        let mut current: Vec<Row> = series
            .points
            .iter()
            .map(|p| self.point(series, item, p, "current"))
            .collect();
        current.extend(series.bounds.iter().map(|b| self.bound(series, item, b)));
        current.extend(series.gaps.iter().map(|gap| Row {
            year: Some(gap.year),
            period: String::new(),
            stretch_from: Some(stretch_from(series, gap.year)),
            note: format!("gap: {}", gap.reason.en),
            ..self.row(item, None, "")
        }));
        current.sort_by_key(|r| r.year);
        self.out.append(&mut current);
        for vintage in &series.history {
            for point in &vintage.points {
                let row = self.point(series, item, point, &vintage.label.en);
                self.out.push(row);
            }
        }
    }

    fn bound(&self, series: &Series, item: (&str, &str), bound: &Bound) -> Row {
        Row {
            year: Some(bound.year),
            period: String::new(),
            value: Some(bound.value),
            qualifier: qualifier(bound.qualifier),
            stretch_from: Some(stretch_from(series, bound.year)),
            note: "stated as a bound: never used in a derived figure".into(),
            ..self.row(item, bound.source.as_deref(), &bound.quote)
        }
    }

    fn part(&mut self, part: &Part) {
        let item = (part.name.en.as_str(), part.name.zh.as_str());
        let base = self.row(item, part.source.as_deref(), &part.quote);
        self.out.push(Row {
            value: Some(part.value),
            qualifier: qualifier(part.qualifier),
            ..base.clone()
        });
        for (measure, value) in [
            ("change_pct", part.change_pct),
            ("share_pct", part.share_pct),
        ] {
            if let Some(value) = value {
                self.out.push(Row {
                    measure,
                    value: Some(value),
                    unit: "pct".into(),
                    ..base.clone()
                });
            }
        }
    }

    fn fact(&mut self, fact: &Fact) {
        let base = self.row(("", ""), None, &fact.quote);
        let measures = [
            ("value", fact.value, fact.qualifier, None),
            ("baseline", fact.baseline, fact.baseline_qualifier, None),
            (
                "change_pct",
                fact.change_pct,
                fact.change_qualifier,
                Some("pct"),
            ),
            (
                "share_pct",
                fact.share_pct,
                fact.share_qualifier,
                Some("pct"),
            ),
            (
                "rank",
                fact.rank.map(f64::from),
                Qualifier::Exact,
                Some("rank"),
            ),
        ];
        for (measure, value, q, unit) in measures {
            if let Some(value) = value {
                self.out.push(Row {
                    measure,
                    value: Some(value),
                    qualifier: qualifier(q),
                    unit: unit.map_or_else(|| base.unit.clone(), str::to_string),
                    ..base.clone()
                });
            }
        }
    }
}
