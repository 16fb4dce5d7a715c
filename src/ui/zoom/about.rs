//! What the zoom view says under its figures: the words the headline figure was read from,
//! its page, every other source by year, the history of releases, the gaps and the note. Each
//! item is whole: one that does not fit is left out, never cut mid-sentence.

use ratatui::text::Line;

use crate::data::model::Vintage;
use crate::data::{Dataset, Indicator, Series, Shape, Source};
use crate::format::wrap;
use crate::text::Lang;
use crate::ui::Ctx;

/// A paragraph of the about section, and its style.
pub struct Item {
    pub text: String,
    pub strong: bool,
}

/// "China Daily, 2024-05-20"; a reprint names what it reproduces: "Jiangxi Provincial Bureau
/// of Statistics, via an aggregator page (…), 2025".
fn cite(source: &Source, lang: Lang) -> String {
    // A page whose publisher is not known is named by its site: "via profilpelajar.com (…)".
    let page = match (
        source.publisher.en.strip_prefix("unknown"),
        crate::ui::footer::site(&source.url),
    ) {
        (Some(rest), Some(site)) => format!("{site}{rest}"),
        _ => source.publisher.en.clone(),
    };
    let publisher = match &source.cites {
        Some(original) => match lang {
            Lang::En => format!("{}, via {page}", original.en),
            Lang::Zh => format!("{}，转引自{}", original.zh, source.publisher.zh),
        },
        None => match lang {
            Lang::En => page,
            Lang::Zh => source.publisher.zh.clone(),
        },
    };
    format!("{publisher}{}{}", lang.pick(", ", "，"), source.date)
}

/// Years as ranges: "2013–2015, 2018, 2020–2022"; "2013—2015年、2018年".
fn ranges(years: &[u16], lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        out.push(match (i == j, lang) {
            (true, Lang::En) => years[i].to_string(),
            (true, Lang::Zh) => format!("{}年", years[i]),
            (false, Lang::En) => format!("{}–{}", years[i], years[j]),
            (false, Lang::Zh) => format!("{}—{}年", years[i], years[j]),
        });
        i = j + 1;
    }
    out.join(lang.pick(", ", "、"))
}

/// The items for an indicator, most important first (for a comparison, the figures of
/// `year`).
pub fn items(ctx: &Ctx, indicator: &Indicator, year: Option<u16>) -> Vec<Item> {
    let (ds, lang) = (ctx.dataset, ctx.lang());
    let mut items = Vec::new();
    if let Shape::Regions(regions) = &indicator.shape {
        items.extend(region_items(ds, indicator, regions, year, lang));
    }
    let source_of = |id: Option<&str>| ds.source(id.unwrap_or(&indicator.source));
    // The headline figure's own words and page.
    let (quote, source, year) = headline_quote(indicator);
    if let Some(source) =
        source_of(source).filter(|_| !matches!(indicator.shape, Shape::Regions(_)))
    {
        if !quote.is_empty() {
            let label = year.map_or_else(String::new, |y| match lang {
                Lang::En => format!("{y}: "),
                Lang::Zh => format!("{y}年："),
            });
            items.push(Item {
                text: format!("{label}“{quote}”"),
                strong: true,
            });
        }
        // A title in brackets describes a page whose own title is not known: not quoted.
        let title = if source.title.starts_with('(') {
            source.title.clone()
        } else {
            format!("“{}”", source.title)
        };
        items.push(Item {
            text: format!(
                "{}{} · {title} · {}",
                lang.pick("Source: ", "来源："),
                cite(source, lang),
                source.url
            ),
            strong: false,
        });
    }
    if let Shape::Series(series) = &indicator.shape {
        if let Some(others) = other_sources(ds, indicator, series, lang) {
            items.push(others);
        }
        for b in &series.breaks {
            items.push(Item {
                text: match lang {
                    Lang::En => format!("New base from {}: {}", b.year, b.reason.en),
                    Lang::Zh => format!("{}年起口径变化：{}", b.year, b.reason.zh),
                },
                strong: false,
            });
        }
        for vintage in &series.history {
            items.push(history(ctx, indicator, vintage));
        }
        if !series.gaps.is_empty() {
            items.push(Item {
                text: format!("{}{}", lang.pick("Missing: ", "缺："), gaps(series, lang)),
                strong: false,
            });
        }
    }
    if let Some(note) = &indicator.note {
        items.push(Item {
            text: note.get(lang).to_string(),
            strong: false,
        });
    }
    items
}

/// The missing years grouped by their reason, runs of years as ranges:
/// "2013–2014, 2016–2020 (not found); 2025 (published only as …)".
fn gaps(series: &Series, lang: Lang) -> String {
    let mut groups: Vec<(&str, Vec<u16>)> = Vec::new();
    for gap in &series.gaps {
        let reason = gap.reason.get(lang);
        match groups.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, years)) => years.push(gap.year),
            None => groups.push((reason, vec![gap.year])),
        }
    }
    groups
        .iter()
        .map(|(reason, years)| match lang {
            Lang::En => format!("{} ({reason})", ranges(years, lang)),
            Lang::Zh => format!("{}（{reason}）", ranges(years, lang)),
        })
        .collect::<Vec<_>>()
        .join(lang.pick("; ", "；"))
}

/// Each region's words and page for the year ranked, the home region first.
fn region_items(
    ds: &Dataset,
    indicator: &Indicator,
    regions: &[crate::data::Region],
    year: Option<u16>,
    lang: Lang,
) -> Vec<Item> {
    let Some(year) = year.or_else(|| crate::ui::ranking::latest_year(indicator)) else {
        return Vec::new();
    };
    let mut ordered: Vec<&crate::data::Region> = regions.iter().collect();
    ordered.sort_by_key(|r| !r.home);
    ordered
        .into_iter()
        .filter_map(|r| {
            let (quote, source) = match (r.series.point(year), r.series.bound(year)) {
                (Some(p), _) => (&p.quote, p.source.as_deref()),
                (None, Some(b)) => (&b.quote, b.source.as_deref()),
                (None, None) => return None,
            };
            let source = ds.source(source.unwrap_or(&indicator.source))?;
            Some(Item {
                text: match lang {
                    Lang::En => format!(
                        "{} {year}: “{quote}” · {} · {}",
                        r.name.en,
                        cite(source, lang),
                        source.url
                    ),
                    Lang::Zh => format!(
                        "{}{year}年：“{quote}” · {} · {}",
                        r.name.zh,
                        cite(source, lang),
                        source.url
                    ),
                },
                strong: r.home,
            })
        })
        .collect()
}

/// The headline figure's quote, its source id (when it differs) and year: a bound stated for
/// a later year than any figure, else the headline point.
fn headline_quote(indicator: &Indicator) -> (String, Option<&str>, Option<u16>) {
    match &indicator.shape {
        Shape::Series(s) => {
            if let Some(b) = s.headline_bound() {
                return (b.quote.clone(), b.source.as_deref(), Some(b.year));
            }
            s.headline().map_or((String::new(), None, None), |p| {
                (p.quote.clone(), p.source.as_deref(), Some(p.year))
            })
        }
        Shape::Fact(f) => (f.quote.clone(), None, None),
        Shape::Text(w) => (w.quote.clone(), None, None),
        Shape::Breakdown(parts) => {
            let mut quotes: Vec<&str> = parts.iter().map(|p| p.quote.as_str()).collect();
            quotes.dedup();
            (
                quotes.join(" … "),
                parts.first().and_then(|p| p.source.as_deref()),
                None,
            )
        }
        Shape::Regions(_) => (String::new(), None, None),
    }
}

/// Every source of a series other than the headline's, with the years it gives.
fn other_sources(ds: &Dataset, indicator: &Indicator, series: &Series, lang: Lang) -> Option<Item> {
    let head = series
        .headline()?
        .source
        .as_deref()
        .unwrap_or(&indicator.source);
    let mut by_source: Vec<(&str, Vec<u16>)> = Vec::new();
    for p in &series.points {
        let id = p.source.as_deref().unwrap_or(&indicator.source);
        if id == head {
            continue;
        }
        match by_source.iter_mut().find(|(s, _)| *s == id) {
            Some((_, years)) => years.push(p.year),
            None => by_source.push((id, vec![p.year])),
        }
    }
    if by_source.is_empty() {
        return None;
    }
    let parts: Vec<String> = by_source
        .iter()
        .filter_map(|(id, years)| {
            let source = ds.source(id)?;
            Some(match lang {
                Lang::En => format!(
                    "{}: {} ({})",
                    ranges(years, lang),
                    cite(source, lang),
                    source.url
                ),
                Lang::Zh => format!(
                    "{}：{} · {}",
                    ranges(years, lang),
                    cite(source, lang),
                    source.url
                ),
            })
        })
        .collect();
    Some(Item {
        text: format!(
            "{}{}",
            lang.pick("Other years: ", "其他年份："),
            parts.join(lang.pick("; ", "；"))
        ),
        strong: false,
    })
}

/// An earlier release, labelled: "First release: 2014 15,708.6 · 2015 16,723.8 …".
fn history(ctx: &Ctx, indicator: &Indicator, vintage: &Vintage) -> Item {
    let values: Vec<String> = vintage
        .points
        .iter()
        .map(|p| format!("{} {}", p.year, ctx.numbers.exact(indicator.unit, p.value)))
        .collect();
    Item {
        text: format!(
            "{}{}{}",
            vintage.label.get(ctx.lang()),
            ctx.lang().pick(": ", "："),
            values.join(" · ")
        ),
        strong: false,
    }
}

/// The items wrapped to `width`, whole items only, as many as `rows` hold.
pub fn lines(ctx: &Ctx, items: &[Item], width: u16, rows: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for item in items {
        let wrapped = wrap(&item.text, usize::from(width));
        if out.len() + wrapped.len() > usize::from(rows) {
            continue;
        }
        let style = if item.strong {
            ctx.theme.text
        } else {
            ctx.theme.muted
        };
        out.extend(wrapped.into_iter().map(|l| Line::styled(l, style)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Lang, ranges};

    #[test]
    fn years_read_as_ranges() {
        assert_eq!(
            ranges(&[2013, 2014, 2015, 2018, 2020, 2021], Lang::En),
            "2013–2015, 2018, 2020–2021"
        );
        assert_eq!(ranges(&[], Lang::En), "");
        assert_eq!(ranges(&[2013, 2014, 2018], Lang::Zh), "2013—2014年、2018年");
    }
}
