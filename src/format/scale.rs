//! The scale a figure reads in, one plain form for every screen: amounts of a thousand billion
//! and more in trillions with two decimals ("3.42 trillion yuan", "3.42万亿元"), smaller ones
//! with at most two decimals ("482.3 billion yuan", "4,823亿元"), people in millions or 万
//! ("45.02 million people", "4,502.01万人", "48.7万人"). The exact figure, as the source wrote
//! it, is for the zoom view's table and the quote.

use crate::data::units::{Kind, Unit, exact, group};
use crate::text::Lang;

/// How numbers of one scale read: 1e12 base units are "trillion yuan" / "万亿元".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Base units (yuan, people, US$, tonnes) per unit of the number shown.
    pub factor: f64,
    /// For axes and headers: "trillion yuan", "万亿元".
    pub label: &'static str,
    /// Written before and after the number: "US$" … " billion".
    pub before: &'static str,
    pub after: &'static str,
}

const fn scale_of(
    factor: f64,
    label: &'static str,
    before: &'static str,
    after: &'static str,
) -> Scale {
    Scale {
        factor,
        label,
        before,
        after,
    }
}

const YUAN_EN: &[Scale] = &[
    scale_of(1e12, "trillion yuan", "", " trillion yuan"),
    scale_of(1e9, "billion yuan", "", " billion yuan"),
    scale_of(1e6, "million yuan", "", " million yuan"),
    scale_of(1.0, "yuan", "", " yuan"),
];
/// Below 亿 a yuan amount keeps its own unit (元 or 万元, as the source wrote it).
const YUAN_ZH: &[Scale] = &[
    scale_of(1e12, "万亿元", "", "万亿元"),
    scale_of(1e8, "亿元", "", "亿元"),
];
const USD_EN: &[Scale] = &[
    scale_of(1e12, "trillion US$", "US$", " trillion"),
    scale_of(1e9, "billion US$", "US$", " billion"),
    scale_of(1e6, "million US$", "US$", " million"),
    scale_of(1.0, "US$", "US$", ""),
];
const USD_ZH: &[Scale] = &[
    scale_of(1e12, "万亿美元", "", "万亿美元"),
    scale_of(1e8, "亿美元", "", "亿美元"),
    scale_of(1e4, "万美元", "", "万美元"),
    scale_of(1.0, "美元", "", "美元"),
];
const PEOPLE_EN: &[Scale] = &[
    scale_of(1e9, "billion people", "", " billion people"),
    scale_of(1e6, "million people", "", " million people"),
    scale_of(1.0, "people", "", " people"),
];
const PEOPLE_ZH: &[Scale] = &[
    scale_of(1e8, "亿人", "", "亿人"),
    scale_of(1e4, "万人", "", "万人"),
    scale_of(1.0, "人", "", "人"),
];
const TONNES_EN: &[Scale] = &[
    scale_of(1e6, "million t", "", " million t"),
    scale_of(1.0, "t", "", " t"),
];
const TONNES_ZH: &[Scale] = &[
    scale_of(1e8, "亿吨", "", "亿吨"),
    scale_of(1e4, "万吨", "", "万吨"),
    scale_of(1.0, "吨", "", "吨"),
];

/// The scales of a kind of quantity, largest first; `None` for a kind that reads in its own
/// unit only (percent, hours, counts, times, rates).
fn table(kind: Kind, lang: Lang) -> Option<&'static [Scale]> {
    Some(match (kind, lang) {
        (Kind::Yuan, Lang::En) => YUAN_EN,
        (Kind::Yuan, Lang::Zh) => YUAN_ZH,
        (Kind::Usd, Lang::En) => USD_EN,
        (Kind::Usd, Lang::Zh) => USD_ZH,
        (Kind::People, Lang::En) => PEOPLE_EN,
        (Kind::People, Lang::Zh) => PEOPLE_ZH,
        (Kind::Tonnes, Lang::En) => TONNES_EN,
        (Kind::Tonnes, Lang::Zh) => TONNES_ZH,
        _ => return None,
    })
}

/// The unit's own reading as a scale ("billion yuan" for 亿元 in English).
fn own(unit: &Unit, lang: Lang) -> Scale {
    let reading = unit.reading(lang);
    scale_of(
        unit.scale / 10f64.powi(reading.shift),
        reading.label,
        reading.before,
        reading.after,
    )
}

/// Whether figures of this unit are rescaled and rounded (amounts), or shown with the digits
/// the source gave (percentages, hours, counts, rates).
pub fn rescaled(unit: &Unit) -> bool {
    table(unit.kind, Lang::En).is_some()
}

/// The scale for figures of `unit` up to `largest` (in the unit itself).
pub fn scale(unit: &Unit, largest: f64, lang: Lang) -> Scale {
    scale_of_kind(unit.kind, unit.to_base(largest.abs()), lang).unwrap_or_else(|| own(unit, lang))
}

/// The scale for base amounts of `kind` up to `largest` (`None`: below the kind's scales, or a
/// kind without any).
pub fn scale_of_kind(kind: Kind, largest: f64, lang: Lang) -> Option<Scale> {
    table(kind, lang)?
        .iter()
        .find(|s| largest >= s.factor)
        .copied()
}

/// A figure in its plain form: rescaled and rounded to at most two decimals for an amount,
/// as the source wrote it otherwise. `3.42 trillion yuan`, `45.02 million people`, `5.1%`.
pub fn plain(unit: &Unit, value: f64, lang: Lang) -> String {
    if !rescaled(unit) {
        return unit.format(value, lang);
    }
    let scale = scale(unit, value, lang);
    format!(
        "{}{}{}",
        scale.before,
        group(unit.to_base(value) / scale.factor, 2),
        scale.after
    )
}

/// An amount in base units of `kind` (a conversion, a per-resident figure), plain, to
/// `significant` digits: `US$480 billion`, `75,972 yuan`.
pub fn plain_base(kind: Kind, base: f64, lang: Lang, significant: Option<i32>) -> String {
    let scale = scale_of_kind(kind, base.abs(), lang).unwrap_or_else(|| smallest(kind, lang));
    let n = base / scale.factor;
    let number = significant.map_or_else(|| group(n, 2), |digits| round_significant(n, digits));
    format!("{}{number}{}", scale.before, scale.after)
}

/// The smallest scale of a kind (yuan, 元): for amounts below every other.
pub fn smallest(kind: Kind, lang: Lang) -> Scale {
    match (kind, lang) {
        (Kind::Yuan, Lang::Zh) => scale_of(1.0, "元", "", "元"),
        _ => table(kind, lang)
            .and_then(|t| t.last().copied())
            .unwrap_or(scale_of(1.0, "", "", "")),
    }
}

/// Digits before the decimal point of a number's whole part (at least one).
fn whole_digits(n: f64) -> i32 {
    let whole = n.abs().trunc();
    if whole < 1.0 {
        1
    } else {
        // A number of digits: small.
        #[allow(clippy::cast_possible_truncation)]
        let digits = whole.log10().floor() as i32 + 1;
        digits
    }
}

/// Decimals a column of rescaled figures shows, fixed for the column: two for trillions,
/// else as many as keep four significant digits of its largest figure, at most two.
pub fn column_decimals(scale: &Scale, largest: f64) -> usize {
    if scale.factor >= 1e12 {
        return 2;
    }
    usize::try_from((4 - whole_digits(largest)).clamp(0, 2)).unwrap_or(0)
}

/// How many decimals a stored number has as `unit` writes it in `lang`.
pub fn stored_decimals(unit: &Unit, value: f64, lang: Lang) -> usize {
    exact(value, unit.reading(lang).shift)
        .split_once('.')
        .map_or(0, |(_, frac)| frac.len())
}

/// A number with exactly `decimals` decimals, thousands grouped: `6.00`, `4,707.5`.
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, crate::data::units::half_up(value.abs()));
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let zero = text.bytes().all(|b| matches!(b, b'0' | b'.'));
    let sign = if value < 0.0 && !zero { "-" } else { "" };
    let grouped = group(int.parse::<f64>().unwrap_or(0.0), 0);
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A computed number to `digits` significant digits: 480.27 → 480, 6.8242 → 6.82.
pub fn round_significant(value: f64, digits: i32) -> String {
    if value == 0.0 || !value.is_finite() {
        return group(value, 0);
    }
    let magnitude = whole_digits(value);
    let magnitude = if value.abs() < 1.0 {
        // 0.0123: the first significant digit is after the point.
        #[allow(clippy::cast_possible_truncation)]
        let m = value.abs().log10().floor() as i32 + 1;
        m
    } else {
        magnitude
    };
    let decimals = usize::try_from((digits - magnitude).max(0)).unwrap_or(0);
    let factor = 10f64.powi(digits - magnitude);
    group((value * factor).round() / factor, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::units::unit;

    #[test]
    fn amounts_read_in_one_plain_form() {
        let yi = unit("100m-yuan").unwrap();
        assert_eq!(plain(yi, 34202.5, Lang::En), "3.42 trillion yuan");
        assert_eq!(plain(yi, 34202.5, Lang::Zh), "3.42万亿元");
        assert_eq!(plain(yi, 4823.0, Lang::En), "482.3 billion yuan");
        assert_eq!(plain(yi, 4823.0, Lang::Zh), "4,823亿元");
        assert_eq!(plain(yi, 3097.82, Lang::En), "309.78 billion yuan");
        assert_eq!(plain(yi, 50000.0, Lang::Zh), "5万亿元");
        assert_eq!(plain(yi, 1_401_879.0, Lang::Zh), "140.19万亿元");
        let trillion = unit("trillion-yuan").unwrap();
        assert_eq!(plain(trillion, 3.22, Lang::En), "3.22 trillion yuan");
        let wan = unit("10k-yuan").unwrap();
        assert_eq!(plain(wan, 7.12, Lang::En), "71,200 yuan");
        assert_eq!(plain(wan, 7.12, Lang::Zh), "7.12万元");
        let yuan = unit("yuan").unwrap();
        assert_eq!(plain(yuan, 36007.0, Lang::Zh), "36,007元");
        let people = unit("10k-people").unwrap();
        assert_eq!(plain(people, 4502.01, Lang::En), "45.02 million people");
        assert_eq!(plain(people, 4502.01, Lang::Zh), "4,502.01万人");
        let persons = unit("people").unwrap();
        assert_eq!(plain(persons, 487_000.0, Lang::Zh), "48.7万人");
        assert_eq!(plain(persons, 487_000.0, Lang::En), "487,000 people");
        let usd = unit("100m-usd").unwrap();
        assert_eq!(plain(usd, 21.66, Lang::En), "US$2.17 billion");
        assert_eq!(plain(usd, 21.66, Lang::Zh), "21.66亿美元");
        let pct = unit("pct").unwrap();
        assert_eq!(plain(pct, 1.88, Lang::En), "1.88%");
        let rate = unit("yuan-per-usd").unwrap();
        assert_eq!(plain(rate, 7.0467, Lang::En), "7.0467 yuan per US$");
    }

    #[test]
    fn columns_fix_their_decimals() {
        let yi = unit("100m-yuan").unwrap();
        let trillions = scale(yi, 63589.99, Lang::En);
        assert_eq!(trillions.label, "trillion yuan");
        assert_eq!(column_decimals(&trillions, 6.36), 2);
        assert_eq!(fixed(60012.97 * 1e8 / trillions.factor, 2), "6.00");
        let billions = scale(yi, 8648.5, Lang::En);
        assert_eq!(column_decimals(&billions, 864.85), 1);
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(4707.5, 1), "4,707.5");
        assert_eq!(round_significant(480.27, 3), "480");
        assert_eq!(round_significant(6.8242, 3), "6.82");
        assert_eq!(round_significant(10_504.24, 3), "10,500");
        assert_eq!(round_significant(0.01234, 3), "0.0123");
    }
}
