//! Figures computed from the data, never typed into it: changes, growth rates, multiples,
//! shares. Every function returns `None` rather than guess across a gap, and none compares two
//! years on either side of a break in a series (a change of statistical base).

use super::model::{Dataset, Indicator, Series, Shape, View};
use super::units::Kind;
use crate::text::Text;

/// Percentage change from `from` to `to` (`70 → 30` is −57.1 %).
pub fn pct_change(from: f64, to: f64) -> Option<f64> {
    (from != 0.0).then(|| (to / from - 1.0) * 100.0)
}

/// How many times `from` the value `to` is (`28,600 → 71,200` is 2.49).
pub fn multiple(from: f64, to: f64) -> Option<f64> {
    (from != 0.0).then(|| to / from)
}

/// Year-on-year change of a series at `year`; `None` when either year is a gap or the series
/// changes base at `year`.
pub fn yoy(series: &Series, year: u16) -> Option<f64> {
    if series.break_at(year).is_some() {
        return None;
    }
    pct_change(series.get(year.checked_sub(1)?)?, series.get(year)?)
}

/// Change of a rate at `year` from the year before, in percentage points.
pub fn pp_change(series: &Series, year: u16) -> Option<f64> {
    if series.break_at(year).is_some() {
        return None;
    }
    Some(series.get(year)? - series.get(year.checked_sub(1)?)?)
}

/// Compound annual growth rate in percent between two years of a series, within one base.
pub fn cagr(series: &Series, from: u16, to: u16) -> Option<f64> {
    let (a, b) = (series.get(from)?, series.get(to)?);
    if to <= from || a <= 0.0 || b <= 0.0 || series.break_between(from, to).is_some() {
        return None;
    }
    Some(((b / a).powf(1.0 / f64::from(to - from)) - 1.0) * 100.0)
}

/// The share in percent of `part` (in `part_scale` base units) of `total`.
pub fn share_pct(part: f64, part_scale: f64, total: f64, total_scale: f64) -> Option<f64> {
    let total = total * total_scale;
    (total != 0.0).then(|| part * part_scale / total * 100.0)
}

/// The home region's place in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1 + the regions with a larger figure (equal figures share a place).
    pub place: u32,
    /// Regions with a figure for the year, the home region included.
    pub of: u32,
    /// Regions compared, with a figure or not: "5th of 6" only when `of == regions`.
    pub regions: u32,
    /// Another region has the same figure.
    pub tied: bool,
}

impl Rank {
    /// Every region compared has a figure for the year.
    pub fn complete(&self) -> bool {
        self.of == self.regions
    }
}

/// The home region's place among the regions with a figure for `year`. A figure stated only
/// as a bound ("over 3.6 trillion") is not ranked, and does not count as a figure.
pub fn rank(indicator: &Indicator, year: u16) -> Option<Rank> {
    let Shape::Regions(regions) = &indicator.shape else {
        return None;
    };
    let home = regions.iter().find(|r| r.home)?;
    let value = home.series.get(year)?;
    let others: Vec<f64> = regions
        .iter()
        .filter(|r| !r.home)
        .filter_map(|r| r.series.get(year))
        .collect();
    let above = others.iter().filter(|v| **v > value).count();
    Some(Rank {
        place: u32::try_from(above + 1).ok()?,
        of: u32::try_from(others.len() + 1).ok()?,
        regions: u32::try_from(regions.len()).ok()?,
        tied: others.contains(&value),
    })
}

impl Dataset {
    /// Shares of the national total for every year both series have, for an amount that
    /// names its `national` total.
    pub fn shares(&self, indicator: &Indicator) -> Vec<(u16, f64)> {
        let Some(total) = self.national(indicator) else {
            return Vec::new();
        };
        let additive = matches!(indicator.unit.kind, Kind::Yuan | Kind::Usd | Kind::People);
        let (Shape::Series(part), Shape::Series(whole), true) =
            (&indicator.shape, &total.shape, additive)
        else {
            return Vec::new();
        };
        part.points
            .iter()
            .filter_map(|p| {
                let of = whole.point(p.year)?;
                // Never a share of two figures on different bases (a revised province over a
                // first-release China).
                if let (Some(a), Some(b)) = (&p.base, &of.base)
                    && a != b
                {
                    return None;
                }
                let share = share_pct(p.value, indicator.unit.scale, of.value, total.unit.scale)?;
                Some((p.year, share))
            })
            .collect()
    }

    /// Years both an amount and China's total have, whose figures are on different bases: no
    /// share is derived for them.
    pub fn share_base_mismatches(&self, indicator: &Indicator) -> Vec<u16> {
        let (Some(total), Shape::Series(part)) = (self.national(indicator), &indicator.shape)
        else {
            return Vec::new();
        };
        let Shape::Series(whole) = &total.shape else {
            return Vec::new();
        };
        part.points
            .iter()
            .filter(|p| {
                whole
                    .point(p.year)
                    .is_some_and(|of| matches!((&p.base, &of.base), (Some(a), Some(b)) if a != b))
            })
            .map(|p| p.year)
            .collect()
    }

    /// Years where a series in `view` starts a new stretch: its own breaks, and for a ratio
    /// those of the other series too (the population's for per resident, China's for a share).
    pub fn view_breaks(&self, indicator: &Indicator, series: &Series, view: View) -> Vec<u16> {
        let other = match view {
            View::PerCapita => self.population_of(indicator).map(|(_, s)| s),
            View::Share => self.national(indicator).and_then(|n| match &n.shape {
                Shape::Series(s) => Some(s),
                _ => None,
            }),
            _ => None,
        };
        let mut years: Vec<u16> = series
            .breaks
            .iter()
            .chain(other.into_iter().flat_map(|s| s.breaks.iter()))
            .map(|b| b.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The national counterpart of an indicator (China's GDP for Jiangxi's), if it names one.
    pub fn national(&self, indicator: &Indicator) -> Option<&Indicator> {
        self.indicator(indicator.national.as_deref()?)
    }

    /// The official annual average yuan-per-dollar rates: the series in `yuan-per-usd`.
    pub fn usd_rates(&self) -> Option<&Series> {
        self.indicators
            .iter()
            .filter(|i| i.unit.kind == Kind::Rate)
            .find_map(|i| match &i.shape {
                Shape::Series(s) => Some(s),
                _ => None,
            })
    }
}

/// A series as one of its [`View`]s: a value per year, or a blank with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub view: View,
    pub points: Vec<(u16, f64)>,
    /// Years with a value in the series but none in this view, and why ("base change").
    pub blanks: Vec<(u16, Text)>,
    /// Years whose value is a published figure (a stated growth rate), not computed.
    pub published: Vec<u16>,
}

impl Derived {
    /// The figure a headline of this view shows: at the series' headline year, or the latest
    /// the view has.
    pub fn shown(&self, series: &Series) -> Option<(u16, f64)> {
        let head = series.headline().map_or(0, |p| p.year);
        self.get(head)
            .map(|v| (head, v))
            .or_else(|| self.points.last().copied())
    }

    pub fn get(&self, year: u16) -> Option<f64> {
        self.points
            .iter()
            .find(|(y, _)| *y == year)
            .map(|&(_, v)| v)
    }

    /// Only the stretch of the headline year (from the last change of base before it), so
    /// that a sparkline never sets figures of two bases side by side.
    #[must_use]
    pub fn headline_stretch(mut self, series: &Series) -> Self {
        if let Some(head) = series.headline() {
            let start = series.stretch_start(head.year);
            self.points.retain(|(y, _)| *y >= start);
            self.blanks.retain(|(y, _)| *y >= start);
        }
        self
    }
}

/// A percentage, whose change is in percentage points (every other unit changes in percent).
pub fn in_points(indicator: &Indicator) -> bool {
    indicator.unit.kind == Kind::Percent
}

/// Whether the indicator's amounts add up (yuan, dollars, people): shares and per-capita
/// figures make sense for them.
pub fn is_amount(indicator: &Indicator) -> bool {
    matches!(indicator.unit.kind, Kind::Yuan | Kind::Usd | Kind::People)
}

impl Dataset {
    /// The views a series has, in the order `t` cycles through them.
    pub fn views_of(&self, indicator: &Indicator) -> Vec<View> {
        self.view_options(indicator)
            .into_iter()
            .filter_map(|(view, refused)| refused.is_none().then_some(view))
            .collect()
    }

    /// The views `t` does not offer for an amount, and why ("per resident: China's population
    /// is not in the data"). A rate has no share or per-resident view to explain.
    pub fn views_refused(&self, indicator: &Indicator) -> Vec<(View, Text)> {
        if !is_amount(indicator) {
            return Vec::new();
        }
        self.view_options(indicator)
            .into_iter()
            .filter_map(|(view, refused)| Some((view, refused?)))
            .filter(|(view, _)| matches!(view, View::Share | View::PerCapita))
            .collect()
    }

    /// Every view, with the reason it does not apply to this indicator (`None`: it applies).
    fn view_options(&self, indicator: &Indicator) -> Vec<(View, Option<Text>)> {
        let Shape::Series(series) = &indicator.shape else {
            return vec![(View::Level, None)];
        };
        let amount = is_amount(indicator);
        let several = series.points.len() > 1;
        let change = (!several).then(|| Text::new("only one year", "只有一年数据"));
        let index = if amount {
            change.clone()
        } else {
            Some(Text::new("not an amount", "不是总量"))
        };
        let share = if !amount {
            Some(Text::new("not an amount", "不是总量"))
        } else if self.national(indicator).is_none() {
            Some(Text::new(
                "no national total in the data",
                "数据中无全国总量",
            ))
        } else if self.shares(indicator).is_empty() {
            Some(Text::new(
                "no year in common with China's",
                "与全国数据无共同年份",
            ))
        } else {
            None
        };
        // Per resident: a total of money divided by the people of the same region.
        let per_capita = if !indicator.unit.is_money() {
            Some(Text::new("not a total of money", "不是金额总量"))
        } else if indicator.per_capita.is_some() {
            Some(Text::new(
                "the official per-capita figure is its own series",
                "官方人均数另有序列",
            ))
        } else if self.population_of(indicator).is_some() {
            None
        } else if self.is_national(indicator) {
            Some(Text::new(
                "China's population is not in the data",
                "数据中无全国人口",
            ))
        } else {
            Some(Text::new(
                "no population of its region in the data",
                "数据中无该地区人口",
            ))
        };
        vec![
            (View::Level, None),
            (View::Change, change),
            (View::Index, index),
            (View::Share, share),
            (View::PerCapita, per_capita),
        ]
    }

    /// Whether another indicator names this one as its national total (it is China's).
    pub fn is_national(&self, indicator: &Indicator) -> bool {
        self.indicators
            .iter()
            .any(|i| i.national.as_deref() == Some(indicator.id.as_str()))
    }

    /// The year-end population of the indicator's own region, when it names one.
    pub fn population_of(&self, indicator: &Indicator) -> Option<(&Indicator, &Series)> {
        let population = self.indicator(indicator.population.as_deref()?)?;
        match &population.shape {
            Shape::Series(s) => Some((population, s)),
            _ => None,
        }
    }

    /// A series in `view`, derived year by year, never across a break.
    pub fn derive(&self, indicator: &Indicator, series: &Series, view: View) -> Derived {
        let mut points = Vec::new();
        let mut blanks = Vec::new();
        let mut published = Vec::new();
        let base_change = |year: u16| {
            series.break_at(year).map_or_else(
                || Text::new("no figure for the year before", "缺上年数据"),
                |b| b.reason.clone(),
            )
        };
        match view {
            View::Level => points = series.points.iter().map(|p| (p.year, p.value)).collect(),
            View::Change => {
                // A published nominal growth of the same series is the change itself: stated
                // figures first, computed ones where none is published.
                let stated = self.stated_growth(indicator);
                let mut years: Vec<u16> = series.points.iter().map(|p| p.year).collect();
                years.extend(stated.iter().flat_map(|s| s.points.iter().map(|p| p.year)));
                years.sort_unstable();
                years.dedup();
                for year in years {
                    if let Some(v) = stated.and_then(|s| s.get(year)) {
                        points.push((year, v));
                        published.push(year);
                        continue;
                    }
                    let change = if in_points(indicator) {
                        pp_change(series, year)
                    } else {
                        yoy(series, year)
                    };
                    match change {
                        Some(c) => points.push((year, c)),
                        None if series.get(year).is_some() && year > series.points[0].year => {
                            blanks.push((year, base_change(year)));
                        }
                        None => {}
                    }
                }
            }
            View::Index => {
                for p in &series.points {
                    let first = series.index_base(p.year);
                    if let Some(index) = first.and_then(|f| multiple(f.value, p.value)) {
                        points.push((p.year, index * 100.0));
                    }
                }
            }
            View::Share => {
                points = self.shares(indicator);
                for year in self.share_base_mismatches(indicator) {
                    blanks.push((
                        year,
                        Text::new(
                            "the province and China on different statistical bases",
                            "本省与全国数据统计口径不同",
                        ),
                    ));
                }
            }
            View::PerCapita => {
                if let Some((pop_indicator, pop)) = self.population_of(indicator) {
                    for p in &series.points {
                        match pop.get(p.year) {
                            Some(people) => points.push((
                                p.year,
                                indicator.unit.to_base(p.value)
                                    / pop_indicator.unit.to_base(people),
                            )),
                            None => blanks.push((
                                p.year,
                                Text::new("no population figure for the year", "缺当年人口数"),
                            )),
                        }
                    }
                }
            }
        }
        Derived {
            view,
            points,
            blanks,
            published,
        }
    }

    /// The published nominal growth of an amount, when it names one (`growth`, not real):
    /// its change view shows those figures rather than ones computed from the levels.
    pub fn stated_growth(&self, indicator: &Indicator) -> Option<&Series> {
        if in_points(indicator) {
            return None;
        }
        let growth = self.indicator(indicator.growth.as_deref()?)?;
        match &growth.shape {
            Shape::Series(s) if !growth.real => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{Break, Point};

    fn series(points: &[(u16, f64)]) -> Series {
        Series {
            points: points
                .iter()
                .map(|&(year, value)| Point {
                    year,
                    value,
                    source: None,
                    quote: String::new(),
                    base: None,
                })
                .collect(),
            ..Series::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    #[test]
    fn seed_gdp_cagr_is_about_8_7_percent() {
        let gdp = series(&[(2012, 12_800.0), (2023, 32_200.0)]);
        let rate = cagr(&gdp, 2012, 2023).unwrap();
        assert!((8.7..8.8).contains(&rate), "{rate}");
        assert!(cagr(&gdp, 2023, 2012).is_none());
        assert!(
            cagr(&gdp, 2012, 2013).is_none(),
            "a gap is not interpolated"
        );
    }

    #[test]
    fn per_capita_multiple_and_change() {
        assert!(close(multiple(28_600.0, 71_200.0).unwrap(), 2.49));
        assert!(close(pct_change(70.0, 30.0).unwrap(), -57.14));
        assert!(pct_change(0.0, 1.0).is_none());
    }

    #[test]
    fn yoy_needs_both_years_on_one_base() {
        let mut s = series(&[(2020, 100.0), (2021, 123.7), (2022, 125.0), (2023, 130.0)]);
        assert!(close(yoy(&s, 2021).unwrap(), 23.7));
        assert!(yoy(&s, 2020).is_none());
        assert!(yoy(&s, 0).is_none());
        s.breaks.push(Break {
            year: 2023,
            reason: Text::new("5th economic census", "第五次经济普查"),
        });
        assert!(yoy(&s, 2023).is_none(), "not across a change of base");
        assert!(pp_change(&s, 2023).is_none());
        assert!(close(pp_change(&s, 2022).unwrap(), 1.3));
        assert!(cagr(&s, 2020, 2023).is_none());
        assert!(cagr(&s, 2020, 2022).is_some());
    }

    #[test]
    fn shares() {
        // 5,690 亿元 of 41.76 trillion yuan
        let share = share_pct(5690.0, 1e8, 41.76, 1e12).unwrap();
        assert!(close(share, 1.36), "{share}");
    }
}

#[cfg(test)]
mod view_tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn a_ratio_breaks_where_either_series_does() {
        let ds = load_embedded().unwrap();
        let fdi = ds.indicator("fdi").unwrap();
        let Shape::Series(series) = &fdi.shape else {
            panic!("fdi is a series")
        };
        assert_eq!(ds.view_breaks(fdi, series, View::Level), [2022]);
        let per_resident = ds.view_breaks(fdi, series, View::PerCapita);
        assert!(
            per_resident.contains(&2020),
            "the population's census break: {per_resident:?}"
        );
        assert!(per_resident.contains(&2022));
    }

    #[test]
    fn views_never_cross_a_break_and_say_why() {
        let ds = load_embedded().unwrap();
        let gdp = ds.indicator("gdp").unwrap();
        let Shape::Series(series) = &gdp.shape else {
            panic!()
        };
        assert_eq!(
            ds.views_of(gdp),
            [View::Level, View::Change, View::Index, View::Share]
        );
        // GDP per capita is an official series (on the average population): no per-resident
        // view of GDP by the year-end population contradicts it.
        assert!(
            ds.views_refused(gdp)
                .iter()
                .any(|(v, why)| *v == View::PerCapita && why.en.contains("official per-capita"))
        );
        // China's totals have no per-resident view: its population is not in the data.
        let china = ds.indicator("china-gdp").unwrap();
        assert!(!ds.views_of(china).contains(&View::PerCapita));
        assert!(
            ds.views_refused(china)
                .iter()
                .any(|(v, why)| *v == View::PerCapita && why.en.contains("China's population"))
        );
        let change = ds.derive(gdp, series, View::Change);
        assert_eq!(change.get(2023), None, "2023 is on a new base");
        assert!(
            change
                .blanks
                .iter()
                .any(|(y, r)| *y == 2023 && r.en.contains("5th economic census"))
        );
        assert!(change.get(2024).is_some());
        let index = ds.derive(gdp, series, View::Index);
        assert_eq!(index.get(2013), Some(100.0), "each stretch starts at 100");
        assert_eq!(index.get(2023), Some(100.0));
        let growth = ds.indicator("gdp-growth").unwrap();
        let Shape::Series(g) = &growth.shape else {
            panic!()
        };
        let pp = ds.derive(growth, g, View::Change);
        assert!(
            (pp.get(2021).unwrap() - 5.0).abs() < 1e-9,
            "a rate changes in points: 3.8 to 8.8"
        );
        let trade = ds.indicator("foreign-trade").unwrap();
        assert!(ds.views_of(trade).contains(&View::Share));
    }
}
