//! Figures computed from the data, never typed into it: changes, growth rates, multiples,
//! shares and exchange rates. Every function returns `None` rather than guess across a gap.

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

/// Year-on-year change of a series at `year`; `None` when either year is a gap.
pub fn yoy(series: &Series, year: u16) -> Option<f64> {
    pct_change(series.get(year.checked_sub(1)?)?, series.get(year)?)
}

/// Compound annual growth rate in percent between two years of a series.
pub fn cagr(series: &Series, from: u16, to: u16) -> Option<f64> {
    let (a, b) = (series.get(from)?, series.get(to)?);
    if to <= from || a <= 0.0 || b <= 0.0 {
        return None;
    }
    Some(((b / a).powf(1.0 / f64::from(to - from)) - 1.0) * 100.0)
}

/// The share in percent of `part` (in `part_scale` base units) of `total`.
pub fn share_pct(part: f64, part_scale: f64, total: f64, total_scale: f64) -> Option<f64> {
    let total = total * total_scale;
    (total != 0.0).then(|| part * part_scale / total * 100.0)
}

/// Yuan per US dollar implied by the same amount stated in both currencies.
pub fn implied_rate(yuan: f64, usd: f64) -> Option<f64> {
    (usd != 0.0).then(|| yuan / usd)
}

impl Dataset {
    /// Shares of the national total for every year both series have, for an indicator that
    /// declares `share_of`.
    pub fn shares(&self, indicator: &Indicator) -> Vec<(u16, f64)> {
        let Some(total) = indicator
            .share_of
            .as_deref()
            .and_then(|id| self.indicator(id))
        else {
            return Vec::new();
        };
        let (Shape::Series(part), Shape::Series(whole)) = (&indicator.shape, &total.shape) else {
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

    /// Yuan per US dollar for each year where an amount is stated in both currencies
    /// (an indicator in US$ that declares `converts`).
    pub fn exchange_rates(&self) -> Vec<(u16, f64)> {
        let mut rates: Vec<(u16, f64)> = self
            .indicators
            .iter()
            .filter(|i| i.unit.kind == Kind::Usd)
            .filter_map(|usd| Some((usd, self.indicator(usd.converts.as_deref()?)?)))
            .filter_map(|(usd, yuan)| match (&usd.shape, &yuan.shape) {
                (Shape::Series(u), Shape::Series(y)) => Some((usd, u, yuan, y)),
                _ => None,
            })
            .flat_map(|(usd, u, yuan, y)| {
                u.points.iter().filter_map(move |p| {
                    let rate =
                        implied_rate(yuan.unit.to_base(y.get(p.year)?), usd.unit.to_base(p.value))?;
                    Some((p.year, rate))
                })
            })
            .collect();
        rates.sort_by_key(|&(year, _)| year);
        rates.dedup_by_key(|&mut (year, _)| year);
        rates
    }

    /// The latest yuan-per-dollar rate the data implies, with its year.
    pub fn latest_exchange_rate(&self) -> Option<(u16, f64)> {
        self.exchange_rates().last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Point;

    fn series(points: &[(u16, f64)]) -> Series {
        Series {
            points: points
                .iter()
                .map(|&(year, value)| Point {
                    year,
                    value,
                    source: None,
                })
                .collect(),
            break_year: None,
            highlight: None,
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
    fn yoy_needs_both_years() {
        let s = series(&[(2020, 100.0), (2021, 123.7), (2023, 130.0)]);
        assert!(close(yoy(&s, 2021).unwrap(), 23.7));
        assert!(yoy(&s, 2023).is_none());
        assert!(yoy(&s, 2020).is_none());
        assert!(yoy(&s, 0).is_none());
    }

    #[test]
    fn share_and_rate() {
        // 5,690 亿元 of 41.76 trillion yuan
        let share = share_pct(5690.0, 1e8, 41.76, 1e12).unwrap();
        assert!(close(share, 1.36), "{share}");
        let rate = implied_rate(569e9, 78.9e9).unwrap();
        assert!(close(rate, 7.21), "{rate}");
        assert!(implied_rate(1.0, 0.0).is_none());
    }
}
