//! The handout: one self-contained HTML file with each view the room saw, in order, rendered
//! as the snapshot export renders it, then an appendix of every figure shown with its words,
//! its page, its date and a citation line. Printed, each view takes a page.

use std::fmt::Write as _;
use std::path::Path;

use super::cells::push_escaped;
use crate::app::App;
use crate::data::model::{Dataset, Indicator, Shape, View};
use crate::format::citation;
use crate::text::Lang;

/// A view the room saw.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    title: String,
    /// Its view string, which `--view` opens again.
    place: String,
    /// Outside a zoom, the tab, step, currency and year: moving the focus on the same tab
    /// updates the view rather than adding one.
    stay: Option<String>,
    cols: u16,
    /// The inside of its `<pre>`.
    html: String,
    figures: Vec<Figure>,
}

/// A figure of a view, cited.
#[derive(Debug, Clone, PartialEq)]
struct Figure {
    /// The figure as shown, its words and its page, on one line.
    citation: String,
    /// Every page its other figures came from, with their years.
    pages: Vec<String>,
}

/// The views of a meeting (or of an agenda), in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Handout {
    title: String,
    lang: Lang,
    views: Vec<Shown>,
}

impl Handout {
    pub fn new(title: &str, lang: Lang) -> Self {
        Self {
            title: title.to_string(),
            lang,
            views: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.views.len()
    }

    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// Adds what `app` shows on a screen of `size`, titled `title`, unless it is the view
    /// added last (a frame that changed only its notice, say); a move of the focus on the same
    /// tab, outside a zoom, updates the last view instead.
    pub fn add(&mut self, app: &App, size: (u16, u16), title: &str) {
        let place = app.place_string();
        let last = self.views.last();
        if last.is_some_and(|v| v.place == place && v.title == title) {
            return;
        }
        let stay = (!app.zoomed).then(|| {
            format!(
                "{}|{}|{:?}|{:?}|{title}",
                app.tab, app.step, app.currency, app.year
            )
        });
        let buffer = super::render(app, size.0, size.1);
        let shown = Shown {
            title: title.to_string(),
            place,
            stay,
            cols: size.0,
            html: super::rows_html(&buffer),
            figures: figures(app),
        };
        match self.views.last_mut() {
            Some(last) if last.stay.is_some() && last.stay == shown.stay => *last = shown,
            _ => self.views.push(shown),
        }
    }

    /// The whole file.
    pub fn to_html(&self) -> String {
        let lang = self.lang;
        let mut out = String::from("<!DOCTYPE html>\n");
        let _ = write!(
            out,
            "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            lang.pick("en", "zh")
        );
        push_escaped(&mut out, &self.title);
        out.push_str("</title>\n<style>\n");
        out.push_str(&super::page_style());
        out.push_str(STYLE);
        out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>");
        push_escaped(&mut out, &self.title);
        out.push_str("</h1>\n<p>");
        let count = self.views.len();
        let _ = match lang {
            Lang::En => write!(
                out,
                "{count} views as shown, then every figure with its words and its page. Each view's string opens it again: <code>jx-dash --view STRING</code>."
            ),
            Lang::Zh => write!(
                out,
                "共{count}个视图，其后列出每个数字的原文与出处。每个视图的字符串可再次打开：<code>jx-dash --view 字符串</code>。"
            ),
        };
        out.push_str("</p>\n</header>\n");
        for (i, view) in self.views.iter().enumerate() {
            let _ = write!(
                out,
                "<section class=\"view\" style=\"--cols: {}\">\n<h2>",
                view.cols
            );
            let _ = write!(out, "{}. ", i + 1);
            push_escaped(&mut out, &view.title);
            out.push_str(" <code>");
            push_escaped(&mut out, &view.place);
            out.push_str("</code></h2>\n<pre>");
            out.push_str(&view.html);
            out.push_str("</pre>\n</section>\n");
        }
        self.appendix(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    /// Every figure shown, once, in the order first shown.
    fn appendix(&self, out: &mut String) {
        let lang = self.lang;
        out.push_str("<section class=\"appendix\">\n<h2>");
        out.push_str(lang.pick("The figures and their sources", "数字与出处"));
        out.push_str("</h2>\n<ol>\n");
        let mut seen: Vec<&Figure> = Vec::new();
        for figure in self.views.iter().flat_map(|v| &v.figures) {
            if seen.contains(&figure) {
                continue;
            }
            seen.push(figure);
            out.push_str("<li><p class=\"cite\">");
            push_escaped(out, &figure.citation);
            out.push_str("</p>");
            if !figure.pages.is_empty() {
                out.push_str("<ul>");
                for page in &figure.pages {
                    out.push_str("<li>");
                    push_escaped(out, page);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
}

/// The page around the views: light prose, a view to a printed page, screens across it.
const STYLE: &str = "\
body { background: #fff; color: #222; font-family: sans-serif; }
header, .appendix { padding: 8px 16px; }
h1 { font-size: 20px; margin: 8px 0; }
h2 { font-size: 15px; margin: 16px 8px 4px; }
code { font-family: monospace; color: #555; }
.view pre { overflow-x: auto; }
.appendix { font-size: 13px; line-height: 1.45; }
.appendix .cite { margin: 0.6em 0 0.2em; }
.appendix ul { margin: 0 0 0.4em; padding-left: 1.2em; color: #555; }
@media print {
  @page { size: landscape; margin: 8mm; }
  body, pre { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .view { break-after: page; }
  .view pre { overflow: hidden; font-size: calc((100vw - 20px) / (var(--cols) * 0.602)); line-height: 1.143; }
}
";

/// The figures a screen shows, cited: in a zoom, the zoomed one; else every indicator of the
/// tab (a paged tab shows them one page at a time, all of them over the talk).
fn figures(app: &App) -> Vec<Figure> {
    let dataset = &app.dataset;
    let indicators: Vec<usize> = if app.zoomed {
        app.focused()
            .and_then(|f| dataset.indicators.iter().position(|i| i.id == f.id))
            .into_iter()
            .collect()
    } else {
        let mut all: Vec<usize> = app
            .current_panels()
            .flat_map(|p| p.indicators.iter().copied())
            .collect();
        let mut seen = Vec::new();
        all.retain(|i| {
            let new = !seen.contains(i);
            seen.push(*i);
            new
        });
        all
    };
    indicators
        .into_iter()
        .filter_map(|i| dataset.indicators.get(i))
        .map(|indicator| {
            let view = app.views.get(&indicator.id).copied().unwrap_or(View::Level);
            Figure {
                citation: citation::citation(
                    dataset,
                    app.numbers(),
                    indicator,
                    view,
                    app.ranking_year(),
                ),
                pages: pages(dataset, indicator, app.lang),
            }
        })
        .collect()
}

/// Each page an indicator's figures came from, with the years read from it.
fn pages<'a>(dataset: &Dataset, indicator: &'a Indicator, lang: Lang) -> Vec<String> {
    let mut by_source: Vec<(&'a str, Vec<u16>)> = Vec::new();
    let mut add = |source: Option<&'a str>, year: Option<u16>| {
        let id = source.unwrap_or(&indicator.source);
        match by_source.iter_mut().find(|(s, _)| *s == id) {
            Some((_, years)) => years.extend(year),
            None => by_source.push((id, year.into_iter().collect())),
        }
    };
    let series: Vec<&crate::data::model::Series> = match &indicator.shape {
        Shape::Series(s) => vec![s],
        Shape::Regions(regions) => regions.iter().map(|r| &r.series).collect(),
        Shape::Breakdown(parts) => {
            for part in parts {
                add(part.source.as_deref(), None);
            }
            Vec::new()
        }
        Shape::Fact(_) | Shape::Text(_) => {
            add(None, None);
            Vec::new()
        }
    };
    for s in series {
        for p in s.all_points() {
            add(p.source.as_deref(), Some(p.year));
        }
        for b in &s.bounds {
            add(b.source.as_deref(), Some(b.year));
        }
    }
    by_source
        .into_iter()
        .filter_map(|(id, mut years)| {
            let source = dataset.source(id)?;
            years.sort_unstable();
            years.dedup();
            let years: Vec<String> = years.iter().map(u16::to_string).collect();
            let page = citation::page(source, lang);
            Some(if years.is_empty() {
                page
            } else {
                format!("{}{}{page}", years.join(", "), lang.pick(": ", "："))
            })
        })
        .collect()
}

/// What to call the view `app` shows: its agenda step's title when it is on one, else the
/// tab's (and the zoomed figure's) name.
pub fn view_title(app: &App) -> String {
    let lang = app.lang;
    if let Some(step) = app.agenda.as_ref().and_then(|a| a.steps.get(app.step))
        && step.place == app.place()
    {
        return step.title.get(lang).to_string();
    }
    let tab = app
        .dataset
        .tabs
        .get(app.tab)
        .map(|t| t.title.get(lang).to_string())
        .unwrap_or_default();
    match app.focused().filter(|_| app.zoomed) {
        Some(indicator) => format!("{tab} · {}", indicator.name.get(lang)),
        None => tab,
    }
}

/// Writes `text` to `path` whole or not at all: a temporary file beside it, then a rename, so
/// a crash never leaves half a handout.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    #[test]
    fn focus_moves_on_a_tab_update_the_view_and_a_zoom_or_a_tab_adds_one() {
        let mut app = App::new(crate::data::load_embedded().unwrap());
        let mut handout = Handout::new("t", Lang::En);
        let mut add = |app: &App| handout.add(app, (100, 30), &view_title(app));
        add(&app);
        for target in [1, 2, 3] {
            app.update(Action::Focus(target));
            add(&app);
        }
        app.update(Action::Zoom);
        add(&app);
        app.update(Action::Back);
        add(&app);
        app.update(Action::NextTab);
        add(&app);
        let places: Vec<&str> = handout.views.iter().map(|v| v.place.as_str()).collect();
        assert_eq!(
            places,
            [
                "overview/income-all",
                "overview/income-all/zoom",
                "overview/income-all",
                "growth"
            ]
        );
        assert_eq!(
            handout.views[1].title,
            "Overview · Disposable income per capita, all residents"
        );
    }
}
