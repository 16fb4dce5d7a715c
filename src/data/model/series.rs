//! A yearly series: its points (each with its quote), the breaks where its base changes, its
//! gaps, the years stated only as bounds, and earlier releases.

use super::Qualifier;
use crate::text::Text;

/// A yearly series; missing years are gaps and stay gaps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Sorted by year, no duplicates.
    pub points: Vec<Point>,
    /// Years where the series is not comparable with the year before (a census revision, a
    /// new base), sorted by year. No derived figure crosses one.
    pub breaks: Vec<Break>,
    /// The year shown as the headline figure; `None` means the latest point.
    pub highlight: Option<u16>,
    /// Earlier releases of the same figures (first releases, revisions), kept and labelled.
    pub history: Vec<Vintage>,
    /// Years known to be missing, with the reason.
    pub gaps: Vec<Gap>,
    /// Years the source states only as a bound ("over 3.6 trillion yuan"), by year. Never
    /// part of a derived figure: they are not points.
    pub bounds: Vec<Bound>,
}

/// A figure stated only as a bound or a round number: "突破3.6万亿元" is over 36,000亿元.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub year: u16,
    pub value: f64,
    /// Never [`Qualifier::Exact`].
    pub qualifier: Qualifier,
    pub source: Option<String>,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub year: u16,
    pub value: f64,
    /// Source of this point when it differs from the indicator's.
    pub source: Option<String>,
    /// The sentence or table row the value was read from.
    pub quote: String,
    /// The statistical base the data names for it (`4th-census`), if any: a share of China
    /// is derived only where both figures are on the same one.
    pub base: Option<String>,
}

/// Where a series stops being comparable with its past.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    /// The first year of the new stretch.
    pub year: u16,
    pub reason: Text,
}

/// An earlier release of a series' figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Vintage {
    pub label: Text,
    pub points: Vec<Point>,
}

/// A year a series does not have, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub year: u16,
    pub reason: Text,
}

impl Series {
    pub fn get(&self, year: u16) -> Option<f64> {
        self.point(year).map(|p| p.value)
    }

    pub fn point(&self, year: u16) -> Option<&Point> {
        self.points
            .binary_search_by_key(&year, |p| p.year)
            .ok()
            .map(|i| &self.points[i])
    }

    /// The bound stated for `year`, if the year has one.
    pub fn bound(&self, year: u16) -> Option<&Bound> {
        self.bounds.iter().find(|b| b.year == year)
    }

    /// The bound to show as the headline instead of the latest point: one stated for a later
    /// year than any point (2025's "over 3.6 trillion yuan" after 2024's figure), unless a
    /// year is highlighted.
    pub fn headline_bound(&self) -> Option<&Bound> {
        if self.highlight.is_some() {
            return None;
        }
        let last = self.points.last().map_or(0, |p| p.year);
        self.bounds
            .iter()
            .filter(|b| b.year > last)
            .max_by_key(|b| b.year)
    }

    /// The headline point: the highlighted year, else the latest.
    pub fn headline(&self) -> Option<&Point> {
        self.highlight
            .and_then(|y| self.point(y))
            .or_else(|| self.points.last())
    }

    pub fn first(&self) -> Option<&Point> {
        self.points.first()
    }

    pub fn last(&self) -> Option<&Point> {
        self.points.last()
    }

    /// Every year from the first to the last point, `None` where the series has a gap.
    pub fn with_gaps(&self) -> Vec<(u16, Option<f64>)> {
        let (Some(first), Some(last)) = (self.first(), self.last()) else {
            return Vec::new();
        };
        (first.year..=last.year).map(|y| (y, self.get(y))).collect()
    }

    /// The break at `year`, if the series changes base there.
    pub fn break_at(&self, year: u16) -> Option<&Break> {
        self.breaks.iter().find(|b| b.year == year)
    }

    /// The break between two years, if any (`from < to`): derived figures stop there.
    pub fn break_between(&self, from: u16, to: u16) -> Option<&Break> {
        self.breaks.iter().find(|b| from < b.year && b.year <= to)
    }

    /// The first year of the comparable stretch `year` belongs to.
    pub fn stretch_start(&self, year: u16) -> u16 {
        self.breaks
            .iter()
            .map(|b| b.year)
            .filter(|&b| b <= year)
            .max()
            .unwrap_or(0)
    }

    /// The year an index of `year` is 100 at: the first figure of its stretch.
    pub fn index_base(&self, year: u16) -> Option<&Point> {
        let start = self.stretch_start(year);
        self.points.iter().find(|p| p.year >= start)
    }
}

impl Series {
    /// Every point, of the current series and of its history.
    pub fn all_points(&self) -> impl Iterator<Item = &Point> {
        self.points
            .iter()
            .chain(self.history.iter().flat_map(|v| v.points.iter()))
    }
}
