//! What a number on screen may be: a stored figure, or one derived from stored figures and
//! recomputed here, independently of the dashboard's own code (changes, indices, shares,
//! per resident, conversions at each year's rate, ranks), each of a kind.

use jx_dash::data::units::Kind as UnitKind;
use jx_dash::data::{Dataset, Indicator, Series, Shape};

/// What a number measures: what its unit words on screen say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Yuan,
    Usd,
    People,
    Tonnes,
    Hours,
    Count,
    Times,
    /// Yuan per US dollar.
    Rate,
    /// A percentage: a rate, a growth rate, a change, a share.
    Percent,
    /// A share of China's total (a subset of the percentages).
    Share,
    /// Percentage points.
    Points,
    Index,
    /// A per-resident amount in yuan.
    PerResident,
    /// A per-resident amount in US$ (published in dollars, or converted at the year's rate).
    PerResidentUsd,
    /// A rank among regions, or a fact's stated rank.
    Rank,
    /// How many regions a ranking has, with a figure or in all.
    Regions,
}

fn kind_of(unit: UnitKind) -> Kind {
    match unit {
        UnitKind::Yuan => Kind::Yuan,
        UnitKind::Usd => Kind::Usd,
        UnitKind::People => Kind::People,
        UnitKind::Percent => Kind::Percent,
        UnitKind::Hours => Kind::Hours,
        UnitKind::Tonnes => Kind::Tonnes,
        UnitKind::Count => Kind::Count,
        UnitKind::Times => Kind::Times,
        UnitKind::Rate => Kind::Rate,
    }
}

/// Every value a number of each kind may be, in the kind's base unit (yuan, people, …).
#[derive(Debug, Default)]
pub struct Explanations {
    values: std::collections::HashMap<Kind, Vec<f64>>,
}

impl Explanations {
    fn add(&mut self, kind: Kind, value: f64) {
        if value.is_finite() {
            self.values.entry(kind).or_default().push(value);
        }
    }

    /// The values of a kind.
    pub fn of(&self, kind: Kind) -> &[f64] {
        self.values.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Every value of every kind (a number shown without unit words).
    pub fn all(&self) -> impl Iterator<Item = (Kind, f64)> + '_ {
        self.values
            .iter()
            .flat_map(|(k, vs)| vs.iter().map(move |v| (*k, *v)))
    }

    pub fn count(&self) -> usize {
        self.values.values().map(Vec::len).sum()
    }
}

fn series(indicator: &Indicator) -> Option<&Series> {
    match &indicator.shape {
        Shape::Series(s) => Some(s),
        _ => None,
    }
}

/// The first year of the stretch `year` is in (the latest break at or before it).
fn stretch(series: &Series, year: u16) -> u16 {
    series
        .breaks
        .iter()
        .map(|b| b.year)
        .filter(|&b| b <= year)
        .max()
        .unwrap_or(0)
}

/// Everything the data explains, stored and derived.
/// A fact of one calendar year ("2023") converts at that year's rate.
fn fact_year(indicator: &jx_dash::data::Indicator) -> Option<u16> {
    indicator.period.as_ref()?.en.trim().parse::<u16>().ok()
}

pub fn explanations(ds: &Dataset) -> Explanations {
    let mut e = Explanations::default();
    let rates: Vec<(u16, f64)> = ds
        .indicators
        .iter()
        .filter(|i| i.unit.kind == UnitKind::Rate)
        .filter_map(series)
        .flat_map(|s| s.points.iter().map(|p| (p.year, p.value)))
        .collect();
    let rate = |year: u16| rates.iter().find(|(y, _)| *y == year).map(|(_, r)| *r);
    for indicator in &ds.indicators {
        let kind = kind_of(indicator.unit.kind);
        let base = |v: f64| v * indicator.unit.scale;
        let stored = |e: &mut Explanations, v: f64, year: Option<u16>| {
            e.add(kind, base(v));
            if kind == Kind::Yuan
                && let Some(r) = year.and_then(rate)
            {
                e.add(Kind::Usd, base(v) / r);
            }
            if kind == Kind::Percent {
                e.add(Kind::Share, v);
            }
        };
        match &indicator.shape {
            Shape::Series(s) => {
                for p in s.all_points() {
                    stored(&mut e, p.value, Some(p.year));
                }
                for b in &s.bounds {
                    stored(&mut e, b.value, Some(b.year));
                }
                derived(ds, indicator, s, &mut e, &rate);
            }
            Shape::Fact(f) => {
                if let Some(v) = f.value {
                    stored(&mut e, v, fact_year(indicator));
                }
                if let Some(v) = f.baseline {
                    stored(&mut e, v, None);
                }
                for v in [f.change_pct, f.share_pct].into_iter().flatten() {
                    e.add(Kind::Percent, v);
                    e.add(Kind::Share, v);
                }
                if let Some(r) = f.rank {
                    e.add(Kind::Rank, f64::from(r));
                }
            }
            Shape::Breakdown(parts) => {
                for p in parts {
                    stored(&mut e, p.value, None);
                    for v in [p.change_pct, p.share_pct].into_iter().flatten() {
                        e.add(Kind::Percent, v);
                    }
                }
            }
            Shape::Regions(regions) => {
                let mut years: Vec<u16> = regions
                    .iter()
                    .flat_map(|r| r.series.points.iter().map(|p| p.year))
                    .chain(
                        regions
                            .iter()
                            .flat_map(|r| r.series.bounds.iter().map(|b| b.year)),
                    )
                    .collect();
                years.sort_unstable();
                years.dedup();
                for r in regions {
                    for p in &r.series.points {
                        stored(&mut e, p.value, Some(p.year));
                    }
                    for b in &r.series.bounds {
                        stored(&mut e, b.value, Some(b.year));
                    }
                }
                // Ranks, recomputed: 1 + the regions with a larger exact figure.
                let counts = u32::try_from(regions.len()).unwrap_or(0);
                e.add(Kind::Regions, f64::from(counts));
                for year in years {
                    let figures: Vec<f64> =
                        regions.iter().filter_map(|r| r.series.get(year)).collect();
                    e.add(
                        Kind::Regions,
                        f64::from(u32::try_from(figures.len()).unwrap_or(0)),
                    );
                    if let Some(home) = regions
                        .iter()
                        .find(|r| r.home)
                        .and_then(|r| r.series.get(year))
                    {
                        let above = figures.iter().filter(|v| **v > home).count();
                        e.add(Kind::Rank, f64::from(u32::try_from(above + 1).unwrap_or(0)));
                    }
                }
            }
            Shape::Text(_) => {}
        }
    }
    e
}

/// Figures derived from a series, each within one stretch (never across a break).
fn derived(
    ds: &Dataset,
    indicator: &Indicator,
    s: &Series,
    e: &mut Explanations,
    rate: &dyn Fn(u16) -> Option<f64>,
) {
    let is_rate = indicator.unit.kind == UnitKind::Percent;
    let points: Vec<(u16, f64)> = s.points.iter().map(|p| (p.year, p.value)).collect();
    for (i, &(a_year, a)) in points.iter().enumerate() {
        for &(b_year, b) in &points[i + 1..] {
            if stretch(s, a_year) != stretch(s, b_year) {
                continue;
            }
            if is_rate {
                e.add(Kind::Points, b - a);
                continue;
            }
            if a != 0.0 {
                let change = (b / a - 1.0) * 100.0;
                e.add(Kind::Percent, change);
                e.add(Kind::Times, b / a);
                e.add(Kind::Index, b / a * 100.0);
                if a > 0.0 && b > 0.0 {
                    let years = f64::from(b_year - a_year);
                    e.add(Kind::Percent, ((b / a).powf(1.0 / years) - 1.0) * 100.0);
                }
            }
        }
    }
    if !is_rate {
        e.add(Kind::Index, 100.0);
    }
    // Shares of China's total, year by year.
    if let Some(total) = indicator
        .national
        .as_deref()
        .and_then(|id| ds.indicator(id))
        && let Some(t) = series(total)
    {
        for p in &s.points {
            // The same year, on the same base (or a base not named).
            let Some(whole) = t.point(p.year) else {
                continue;
            };
            if matches!((&p.base, &whole.base), (Some(a), Some(b)) if a != b) {
                continue;
            }
            let share = p.value * indicator.unit.scale / (whole.value * total.unit.scale) * 100.0;
            e.add(Kind::Share, share);
            e.add(Kind::Percent, share);
        }
    }
    // Per resident: only by the population of the same region, as the data names it.
    if let Some(pop) = indicator
        .population
        .as_deref()
        .and_then(|id| ds.indicator(id))
        && let Some(people) = series(pop)
    {
        for &(year, v) in &points {
            if let Some(n) = people.get(year) {
                let per = v * indicator.unit.scale / (n * pop.unit.scale);
                if indicator.unit.kind == UnitKind::Usd {
                    e.add(Kind::PerResidentUsd, per);
                    continue;
                }
                e.add(Kind::PerResident, per);
                e.add(Kind::PerResident, per.round());
                if let Some(r) = rate(year) {
                    e.add(Kind::PerResidentUsd, per.round() / r);
                }
            }
        }
    }
}
