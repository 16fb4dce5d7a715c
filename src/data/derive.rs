//! Figures computed from the data, never typed into it: changes, growth rates, multiples,
//! shares. Every function returns `None` rather than guess across a gap, and none compares two
//! years on either side of a break in a series (a change of statistical base).

use super::model::{Dataset, Indicator, Series, Shape};
use super::units::Kind;

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
                let share = share_pct(
                    p.value,
                    indicator.unit.scale,
                    whole.get(p.year)?,
                    total.unit.scale,
                )?;
                Some((p.year, share))
            })
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{Break, Point};
    use crate::text::Text;

    fn series(points: &[(u16, f64)]) -> Series {
        Series {
            points: points
                .iter()
                .map(|&(year, value)| Point {
                    year,
                    value,
                    source: None,
                    quote: String::new(),
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
