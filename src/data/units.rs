//! Units of measure and how numbers read in English and Chinese.
//!
//! The data keeps each figure in the unit its source used (亿元, 万人, …). Each unit says how
//! its values read in each language: 亿元 read "billion yuan" in English (the number shifted
//! one place: 34,202.5亿元 is 3,420.25 billion yuan) and stay 亿元 in Chinese. A shift moves
//! the decimal point of the number as written, so no figure gains or loses a digit.

use crate::text::Lang;

/// What a unit measures; values of one kind can be compared after scaling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Yuan,
    Usd,
    People,
    Percent,
    Hours,
    Tonnes,
    Count,
    Times,
    /// Yuan per US dollar.
    Rate,
}

/// How a unit's values read in one language.
#[derive(Debug, PartialEq)]
pub struct Reading {
    /// Powers of ten the stored number moves by (−1: 亿 → billion).
    pub shift: i32,
    /// The unit for axes and table headers: "billion yuan", "亿元".
    pub label: &'static str,
    /// Written before and after the number: "US$" … " billion".
    pub before: &'static str,
    pub after: &'static str,
}

#[derive(Debug, PartialEq)]
pub struct Unit {
    /// The id used in data files.
    pub id: &'static str,
    pub kind: Kind,
    /// Multiply a value in this unit by `scale` to get the kind's base unit (yuan, people, ...).
    pub scale: f64,
    pub en: Reading,
    pub zh: Reading,
}

const fn reading(
    shift: i32,
    label: &'static str,
    before: &'static str,
    after: &'static str,
) -> Reading {
    Reading {
        shift,
        label,
        before,
        after,
    }
}

pub const UNITS: &[Unit] = &[
    Unit {
        id: "yuan",
        kind: Kind::Yuan,
        scale: 1.0,
        en: reading(0, "yuan", "", " yuan"),
        zh: reading(0, "元", "", "元"),
    },
    Unit {
        id: "10k-yuan",
        kind: Kind::Yuan,
        scale: 1e4,
        en: reading(4, "yuan", "", " yuan"),
        zh: reading(0, "万元", "", "万元"),
    },
    Unit {
        id: "100m-yuan",
        kind: Kind::Yuan,
        scale: 1e8,
        en: reading(-1, "billion yuan", "", " billion yuan"),
        zh: reading(0, "亿元", "", "亿元"),
    },
    Unit {
        id: "trillion-yuan",
        kind: Kind::Yuan,
        scale: 1e12,
        en: reading(0, "trillion yuan", "", " trillion yuan"),
        zh: reading(0, "万亿元", "", "万亿元"),
    },
    Unit {
        id: "usd-bn",
        kind: Kind::Usd,
        scale: 1e9,
        en: reading(0, "billion US$", "US$", " billion"),
        zh: reading(1, "亿美元", "", "亿美元"),
    },
    Unit {
        id: "100m-usd",
        kind: Kind::Usd,
        scale: 1e8,
        en: reading(-1, "billion US$", "US$", " billion"),
        zh: reading(0, "亿美元", "", "亿美元"),
    },
    Unit {
        id: "people",
        kind: Kind::People,
        scale: 1.0,
        en: reading(0, "people", "", " people"),
        zh: reading(0, "人", "", "人"),
    },
    Unit {
        id: "10k-people",
        kind: Kind::People,
        scale: 1e4,
        en: reading(-2, "million people", "", " million people"),
        zh: reading(0, "万人", "", "万人"),
    },
    Unit {
        id: "pct",
        kind: Kind::Percent,
        scale: 1.0,
        en: reading(0, "%", "", "%"),
        zh: reading(0, "%", "", "%"),
    },
    Unit {
        id: "hours",
        kind: Kind::Hours,
        scale: 1.0,
        en: reading(0, "hours", "", " hours"),
        zh: reading(0, "小时", "", "小时"),
    },
    Unit {
        id: "t",
        kind: Kind::Tonnes,
        scale: 1.0,
        en: reading(0, "t", "", " t"),
        zh: reading(0, "吨", "", "吨"),
    },
    Unit {
        id: "10k-t",
        kind: Kind::Tonnes,
        scale: 1e4,
        en: reading(-2, "million t", "", " million t"),
        zh: reading(0, "万吨", "", "万吨"),
    },
    Unit {
        id: "count",
        kind: Kind::Count,
        scale: 1.0,
        en: reading(0, "", "", ""),
        zh: reading(0, "个", "", "个"),
    },
    Unit {
        id: "times",
        kind: Kind::Times,
        scale: 1.0,
        en: reading(0, "×", "×", ""),
        zh: reading(0, "倍", "", "倍"),
    },
    Unit {
        id: "yuan-per-usd",
        kind: Kind::Rate,
        scale: 1.0,
        en: reading(0, "yuan per US$", "", " yuan per US$"),
        zh: reading(0, "元/美元", "", "元/美元"),
    },
];

/// Looks a unit up by its data-file id.
pub fn unit(id: &str) -> Option<&'static Unit> {
    UNITS.iter().find(|u| u.id == id)
}

/// The list of valid unit ids, for error messages.
pub fn unit_ids() -> String {
    UNITS.iter().map(|u| u.id).collect::<Vec<_>>().join(", ")
}

impl Unit {
    /// Money (yuan or dollars): its changes are nominal, at current prices.
    pub fn is_money(&self) -> bool {
        matches!(self.kind, Kind::Yuan | Kind::Usd)
    }

    /// The value in the kind's base unit (yuan, people, US$, ...).
    pub fn to_base(&self, value: f64) -> f64 {
        value * self.scale
    }

    pub fn reading(&self, lang: Lang) -> &Reading {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// The unit for axes and table headers: "billion yuan", "亿元".
    pub fn label(&self, lang: Lang) -> &'static str {
        self.reading(lang).label
    }

    /// A stored value as a reader expects it, to the digits it was stored with:
    /// `3,420.25 billion yuan`, `34,202.5亿元`, `US$78.9 billion`, `45.02 million people`.
    pub fn format(&self, value: f64, lang: Lang) -> String {
        let reading = self.reading(lang);
        format!(
            "{}{}{}",
            reading.before,
            exact(value, reading.shift),
            reading.after
        )
    }

    /// The number alone, shifted as [`Unit::format`] shifts it: `3,420.25` / `34,202.5`.
    pub fn number(&self, value: f64, lang: Lang) -> String {
        exact(value, self.reading(lang).shift)
    }
}

/// A stored number with its decimal point moved `shift` places, thousands grouped, written
/// with exactly the digits it has: `exact(34202.5, -1)` is `3,420.25`.
pub fn exact(value: f64, shift: i32) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    // The shortest text that reads back as the same number: the digits as stored.
    let text = format!("{}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: String = format!("{int}{frac}");
    let mut point = i64::try_from(int.len()).unwrap_or(0) + i64::from(shift);
    if point <= 0 {
        let zeros = usize::try_from(-point).unwrap_or(0) + 1;
        digits.insert_str(0, &"0".repeat(zeros));
        point = 1;
    }
    let point = usize::try_from(point).unwrap_or(0);
    if digits.len() < point {
        digits.push_str(&"0".repeat(point - digits.len()));
    }
    let (int, frac) = digits.split_at(point);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if value < 0.0 && !(int == "0" && frac.is_empty()) {
        out.push('-');
    }
    out.push_str(&thousands(int));
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn thousands(int: &str) -> String {
    let mut out = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A computed number with thousands separators and at most `decimals` decimals, trailing
/// zeros trimmed: `32200.1` → `32,200.1`, `3.2200` → `3.22`, `-17.2` → `-17.2`.
pub fn group(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, half_up(value.abs()));
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    let rounds_to_zero = int.bytes().all(|b| b == b'0') && frac.is_empty();
    if value < 0.0 && !rounds_to_zero {
        out.push('-');
    }
    out.push_str(&thousands(int));
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A magnitude nudged up by a few units in the last place, so that formatting rounds a half
/// up as people do (8,648.5 → 8,649, 864.85 → 864.9) rather than to even, whatever the binary
/// representation of the tie.
pub fn half_up(magnitude: f64) -> f64 {
    magnitude * (1.0 + 4.0 * f64::EPSILON)
}

/// A signed percentage such as `+73%` or `-17.2%`.
pub fn signed_pct(value: f64) -> String {
    let sign = if value > 0.0 { "+" } else { "" };
    format!("{sign}{}%", group(value, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_up_in_both_languages_forms() {
        // 8648.5亿元 and 864.85 billion yuan are the same figure: both round up.
        assert_eq!(group(8648.5, 0), "8,649");
        assert_eq!(group(864.85, 1), "864.9");
        assert_eq!(group(4707.5, 0), "4,708");
        assert_eq!(group(0.125, 2), "0.13");
        assert_eq!(group(-2.5, 0), "-3");
        assert_eq!(group(2.4999, 0), "2");
    }

    #[test]
    fn groups_thousands_and_trims_zeros() {
        assert_eq!(group(32200.1, 2), "32,200.1");
        assert_eq!(group(3.22, 2), "3.22");
        assert_eq!(group(1_000_000.0, 2), "1,000,000");
        assert_eq!(group(-17.2, 1), "-17.2");
        assert_eq!(group(-0.001, 2), "0");
        assert_eq!(group(f64::NAN, 2), "–");
        assert_eq!(group(999.999, 2), "1,000");
    }

    #[test]
    fn shifting_keeps_every_digit_and_adds_none() {
        assert_eq!(exact(34202.5, -1), "3,420.25");
        assert_eq!(exact(3671.8, -1), "367.18");
        assert_eq!(exact(32200.0, -1), "3,220");
        assert_eq!(exact(5.0, -1), "0.5");
        assert_eq!(exact(0.05, -2), "0.0005");
        assert_eq!(exact(78.9, 1), "789");
        assert_eq!(exact(4502.01, -2), "45.0201");
        assert_eq!(exact(-17.2, 0), "-17.2");
        assert_eq!(exact(604.1, 0), "604.1");
    }

    #[test]
    fn money_reads_naturally_in_both_languages() {
        let yi = unit("100m-yuan").unwrap();
        assert_eq!(yi.format(34202.5, Lang::En), "3,420.25 billion yuan");
        assert_eq!(yi.format(5690.0, Lang::En), "569 billion yuan");
        assert_eq!(yi.format(34202.5, Lang::Zh), "34,202.5亿元");
        let usd = unit("usd-bn").unwrap();
        assert_eq!(usd.format(78.9, Lang::En), "US$78.9 billion");
        assert_eq!(usd.format(78.9, Lang::Zh), "789亿美元");
        let usd = unit("100m-usd").unwrap();
        assert_eq!(usd.format(68.24, Lang::En), "US$6.824 billion");
    }

    #[test]
    fn other_units() {
        assert_eq!(unit("pct").unwrap().format(4.3, Lang::En), "4.3%");
        assert_eq!(unit("hours").unwrap().format(70.0, Lang::En), "70 hours");
        assert_eq!(unit("hours").unwrap().format(70.0, Lang::Zh), "70小时");
        assert_eq!(
            unit("10k-t").unwrap().format(900.0, Lang::En),
            "9 million t"
        );
        assert_eq!(unit("10k-t").unwrap().format(900.0, Lang::Zh), "900万吨");
        assert_eq!(
            unit("10k-people").unwrap().format(4515.01, Lang::En),
            "45.1501 million people"
        );
        assert_eq!(unit("count").unwrap().format(1000.0, Lang::Zh), "1,000个");
        assert_eq!(unit("times").unwrap().format(3.0, Lang::En), "×3");
        assert_eq!(signed_pct(73.0), "+73%");
        assert_eq!(signed_pct(-17.2), "-17.2%");
    }

    #[test]
    fn unknown_unit_is_none() {
        assert!(unit("furlongs").is_none());
        assert!(unit_ids().contains("100m-yuan"));
    }
}
