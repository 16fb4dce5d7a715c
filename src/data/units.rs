//! Units of measure and how numbers read in English and Chinese.
//!
//! The data keeps each figure in the unit its source used (亿元, 万人, trillion yuan, ...);
//! formatting converts to the words a reader expects: "3.22 trillion yuan" in English,
//! "3.22万亿元" in Chinese.

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
}

#[derive(Debug, PartialEq)]
pub struct Unit {
    /// The id used in data files.
    pub id: &'static str,
    pub kind: Kind,
    /// Multiply a value in this unit by `scale` to get the kind's base unit (yuan, people, ...).
    pub scale: f64,
    /// Short label of the unit itself, for axes and tables.
    pub en: &'static str,
    pub zh: &'static str,
}

pub const UNITS: &[Unit] = &[
    Unit {
        id: "yuan",
        kind: Kind::Yuan,
        scale: 1.0,
        en: "yuan",
        zh: "元",
    },
    Unit {
        id: "10k-yuan",
        kind: Kind::Yuan,
        scale: 1e4,
        en: "10k yuan",
        zh: "万元",
    },
    Unit {
        id: "100m-yuan",
        kind: Kind::Yuan,
        scale: 1e8,
        en: "100m yuan",
        zh: "亿元",
    },
    Unit {
        id: "trillion-yuan",
        kind: Kind::Yuan,
        scale: 1e12,
        en: "trillion yuan",
        zh: "万亿元",
    },
    Unit {
        id: "usd-bn",
        kind: Kind::Usd,
        scale: 1e9,
        en: "billion US$",
        zh: "亿美元",
    },
    Unit {
        id: "people",
        kind: Kind::People,
        scale: 1.0,
        en: "people",
        zh: "人",
    },
    Unit {
        id: "10k-people",
        kind: Kind::People,
        scale: 1e4,
        en: "10k people",
        zh: "万人",
    },
    Unit {
        id: "pct",
        kind: Kind::Percent,
        scale: 1.0,
        en: "%",
        zh: "%",
    },
    Unit {
        id: "hours",
        kind: Kind::Hours,
        scale: 1.0,
        en: "hours",
        zh: "小时",
    },
    Unit {
        id: "t",
        kind: Kind::Tonnes,
        scale: 1.0,
        en: "t",
        zh: "吨",
    },
    Unit {
        id: "count",
        kind: Kind::Count,
        scale: 1.0,
        en: "",
        zh: "个",
    },
    Unit {
        id: "times",
        kind: Kind::Times,
        scale: 1.0,
        en: "×",
        zh: "倍",
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
    /// The value in the kind's base unit (yuan, people, US$, ...).
    pub fn to_base(&self, value: f64) -> f64 {
        value * self.scale
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// A value in this unit as a reader expects it: `3.22 trillion yuan`, `3.22万亿元`,
    /// `71,200 yuan`, `487,000 people`, `8.7%`.
    pub fn format(&self, value: f64, lang: Lang) -> String {
        let base = self.to_base(value);
        match (self.kind, lang) {
            (Kind::Percent, _) => format!("{}%", group(value, 2)),
            (Kind::Times, Lang::En) => format!("×{}", group(value, 2)),
            (Kind::Times, Lang::Zh) => format!("{}倍", group(value, 2)),
            (Kind::Hours, Lang::En) => format!("{} h", group(value, 1)),
            (Kind::Yuan, Lang::En) => format!("{} yuan", en_words(base)),
            (Kind::Usd, Lang::En) => format!("US${}", en_words(base)),
            (Kind::People, Lang::En) => format!("{} people", en_words(base)),
            (Kind::Tonnes, Lang::En) => format!("{} t", en_words(base)),
            (Kind::Count, Lang::En) => en_words(base),
            (Kind::Yuan, Lang::Zh) => format!("{}元", zh_words(base)),
            (Kind::Usd, Lang::Zh) => format!("{}美元", zh_words(base)),
            (Kind::People, Lang::Zh) => format!("{}人", zh_words(base)),
            (Kind::Tonnes, Lang::Zh) => format!("{}吨", zh_words(base)),
            (Kind::Count | Kind::Hours, Lang::Zh) => format!("{}{}", zh_words(base), self.zh),
        }
    }
}

/// English large-number words: 3.22 trillion, 569 billion, 9 million, 71,200.
pub fn en_words(base: f64) -> String {
    let abs = base.abs();
    for (limit, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if abs >= limit {
            return format!("{} {word}", group(base / limit, 2));
        }
    }
    group(base, 2)
}

/// Chinese large-number units: 3.22万亿, 5,690亿, 48.7万, 9,000.
pub fn zh_words(base: f64) -> String {
    let abs = base.abs();
    for (limit, word) in [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")] {
        if abs >= limit {
            return format!("{}{word}", group(base / limit, 2));
        }
    }
    group(base, 2)
}

/// A number with thousands separators and at most `decimals` decimals, trailing zeros
/// trimmed: `32200.1` → `32,200.1`, `3.2200` → `3.22`, `-17.2` → `-17.2`.
pub fn group(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    let rounds_to_zero = int.bytes().all(|b| b == b'0') && frac.is_empty();
    if value < 0.0 && !rounds_to_zero {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
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
    fn money_reads_naturally_in_both_languages() {
        let yi = unit("100m-yuan").unwrap();
        assert_eq!(yi.format(32200.0, Lang::En), "3.22 trillion yuan");
        assert_eq!(yi.format(5690.0, Lang::En), "569 billion yuan");
        assert_eq!(yi.format(32200.0, Lang::Zh), "3.22万亿元");
        assert_eq!(yi.format(5690.0, Lang::Zh), "5,690亿元");
        let yuan = unit("yuan").unwrap();
        assert_eq!(yuan.format(71200.0, Lang::En), "71,200 yuan");
        assert_eq!(yuan.format(71200.0, Lang::Zh), "7.12万元");
        let tn = unit("trillion-yuan").unwrap();
        assert_eq!(tn.format(126.06, Lang::En), "126.06 trillion yuan");
        assert_eq!(tn.format(126.06, Lang::Zh), "126.06万亿元");
        let usd = unit("usd-bn").unwrap();
        assert_eq!(usd.format(78.9, Lang::En), "US$78.9 billion");
        assert_eq!(usd.format(78.9, Lang::Zh), "789亿美元");
    }

    #[test]
    fn other_units() {
        assert_eq!(unit("pct").unwrap().format(4.3, Lang::En), "4.3%");
        assert_eq!(unit("hours").unwrap().format(70.0, Lang::En), "70 h");
        assert_eq!(unit("hours").unwrap().format(70.0, Lang::Zh), "70小时");
        assert_eq!(unit("t").unwrap().format(9e6, Lang::En), "9 million t");
        assert_eq!(unit("t").unwrap().format(9e6, Lang::Zh), "900万吨");
        assert_eq!(
            unit("people").unwrap().format(487_000.0, Lang::En),
            "487,000 people"
        );
        assert_eq!(
            unit("people").unwrap().format(487_000.0, Lang::Zh),
            "48.7万人"
        );
        assert_eq!(
            unit("10k-people").unwrap().format(4515.01, Lang::En),
            "45.15 million people"
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
