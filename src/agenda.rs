//! `--agenda FILE`: the dashboard as a deck. A TOML file lists steps; each is a view of the
//! dashboard (a view string, or its parts as fields) with a title and speaker notes in English
//! and Chinese. Loading checks every step against the data and reports `file:line:col`.
//!
//! ```toml
//! title = { en = "Jiangxi's open economy", zh = "江西开放型经济" }
//!
//! [[step]]
//! view = "trade/foreign-trade/zoom"          # or: tab = "trade", indicator = "…", zoom = true,
//! title = { en = "Trade", zh = "外贸" }       #     show = "share", year = 2024, currency = "usd"
//! notes = { en = "Say …", zh = "……" }
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::app::{Place, PlaceError};
use crate::data::diagnostic::SourceText;
use crate::data::{Dataset, Diagnostic, LoadError};
use crate::text::Text;

/// A loaded, checked agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub title: Option<Text>,
    pub steps: Vec<Step>,
}

/// One step of the agenda: where the dashboard goes, what the room sees it called, and what
/// the presenter says (notes are for the presenter's console only).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub place: Place,
    pub title: Text,
    pub notes: Text,
}

/// A text in the file: one string for both languages, or `{ en, zh }` (a missing language
/// falls back to the other).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TextSpec {
    Both(String),
    Pair {
        en: Option<String>,
        zh: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    title: Option<Spanned<TextSpec>>,
    #[serde(default)]
    step: Vec<Spanned<StepSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepSpec {
    /// The whole view as a view string.
    view: Option<Spanned<String>>,
    tab: Option<Spanned<String>>,
    indicator: Option<Spanned<String>>,
    zoom: Option<Spanned<bool>>,
    /// The `t` view: level, change, index, share, per-capita.
    show: Option<Spanned<String>>,
    year: Option<Spanned<u16>>,
    currency: Option<Spanned<String>>,
    title: Spanned<TextSpec>,
    notes: Option<Spanned<TextSpec>>,
}

impl TextSpec {
    /// The text, or why it is empty.
    fn text(self) -> Result<Text, &'static str> {
        match self {
            TextSpec::Both(s) if !s.trim().is_empty() => Ok(Text::new(s.clone(), s)),
            TextSpec::Pair { en, zh } => {
                let (en, zh) = (
                    en.filter(|s| !s.trim().is_empty()),
                    zh.filter(|s| !s.trim().is_empty()),
                );
                match (en, zh) {
                    (Some(en), Some(zh)) => Ok(Text::new(en, zh)),
                    (Some(one), None) | (None, Some(one)) => Ok(Text::new(one.clone(), one)),
                    (None, None) => Err("needs `en` or `zh`"),
                }
            }
            TextSpec::Both(_) => Err("is empty"),
        }
    }
}

impl Agenda {
    /// Reads and checks an agenda file's text against the data; `path` names it in errors.
    pub fn parse(path: &str, text: &str, dataset: &Dataset) -> Result<Self, LoadError> {
        let file = SourceText::new(path, text);
        let whole = 0..text.len();
        let spec: FileSpec =
            toml::from_str(text).map_err(|e| LoadError(vec![file.toml_error(&e, &whole)]))?;
        let mut problems = Vec::new();
        let title = spec.title.and_then(|t| {
            let span = t.span();
            t.into_inner()
                .text()
                .map_err(|why| problems.push(file.span(&span, format!("`title` {why}"))))
                .ok()
        });
        if spec.step.is_empty() {
            problems.push(Diagnostic::file(
                path,
                "no `[[step]]`: an agenda needs steps",
            ));
        }
        let mut steps = Vec::new();
        for step in spec.step {
            let span = step.span();
            match step_of(&file, &span, step.into_inner(), dataset) {
                Ok(step) => steps.push(step),
                Err(mut found) => problems.append(&mut found),
            }
        }
        if problems.is_empty() {
            Ok(Agenda { title, steps })
        } else {
            Err(LoadError(problems))
        }
    }

    /// Reads an agenda file and checks it against the data.
    pub fn load(path: &std::path::Path, dataset: &Dataset) -> Result<Self, LoadError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError(vec![Diagnostic::file(&name, format!("cannot read: {e}"))]))?;
        Self::parse(&name, &text, dataset)
    }

    /// The same steps without their speaker notes: what a session other than the presenter's
    /// holds (so no frame of it can show them).
    #[must_use]
    pub fn without_notes(&self) -> Agenda {
        Agenda {
            title: self.title.clone(),
            steps: self
                .steps
                .iter()
                .map(|s| Step {
                    notes: Text::default(),
                    ..s.clone()
                })
                .collect(),
        }
    }
}

/// One step, checked; its problems located at the field they concern.
fn step_of(
    file: &SourceText,
    span: &Range<usize>,
    spec: StepSpec,
    dataset: &Dataset,
) -> Result<Step, Vec<Diagnostic>> {
    let alone = spec.indicator.is_none()
        && spec.show.is_none()
        && spec.currency.is_none()
        && spec.zoom.is_none()
        && spec.year.is_none();
    let place = match (&spec.view, &spec.tab) {
        (Some(view), None) if alone => {
            Place::parse(view.get_ref(), dataset)
                .map_err(|e| file.span(&view.span(), format!("`view`: {e}")))
        }
        (Some(view), _) => Err(file.span(
            &view.span(),
            "`view` gives the whole view: leave out `tab`, `indicator`, `zoom`, `show`, `year` and `currency`",
        )),
        (None, Some(tab)) => from_fields(file, tab, &spec, dataset),
        (None, None) => Err(file.span(span, "a step needs `view` (a view string) or `tab`")),
    };
    let mut problems = Vec::new();
    let title_span = spec.title.span();
    let title = spec
        .title
        .into_inner()
        .text()
        .map_err(|why| problems.push(file.span(&title_span, format!("`title` {why}"))))
        .unwrap_or_default();
    if let Some(number) = [&title.en, &title.zh]
        .into_iter()
        .find_map(|t| figure_in(t))
    {
        problems.push(file.span(
            &title_span,
            format!(
                "`title`: `{number}` is a number the room would read without a source; a title \
                 may name years, figures belong on the dashboard"
            ),
        ));
    }
    let notes = match spec.notes {
        None => Text::default(),
        Some(notes) => {
            let notes_span = notes.span();
            notes
                .into_inner()
                .text()
                .map_err(|why| problems.push(file.span(&notes_span, format!("`notes` {why}"))))
                .unwrap_or_default()
        }
    };
    match place {
        Ok(place) if problems.is_empty() => Ok(Step {
            place,
            title,
            notes,
        }),
        Ok(_) => Err(problems),
        Err(problem) => {
            problems.insert(0, problem);
            Err(problems)
        }
    }
}

/// The first number in a step's title that is not a year (a run of digits, with its points
/// and commas), if any: a title is on every follower's screen, where each number must come
/// from the data.
fn figure_in(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(tail.len());
        let run = tail[..len].trim_end_matches(['.', ',']);
        let year = run.len() == 4 && run.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y));
        if !year {
            return Some(run);
        }
        rest = &tail[len..];
    }
    None
}

/// A step written as fields: the view string they make, each problem at its own field.
fn from_fields(
    file: &SourceText,
    tab: &Spanned<String>,
    spec: &StepSpec,
    dataset: &Dataset,
) -> Result<Place, Diagnostic> {
    let mut parts = vec![tab.get_ref().clone()];
    parts.extend(spec.indicator.as_ref().map(|i| i.get_ref().clone()));
    if spec.zoom.as_ref().is_some_and(|z| *z.get_ref()) {
        parts.push("zoom".into());
    }
    parts.extend(spec.show.as_ref().map(|s| s.get_ref().clone()));
    parts.extend(spec.year.as_ref().map(|y| y.get_ref().to_string()));
    if let Some(currency) = &spec.currency {
        match currency.get_ref().as_str() {
            "usd" => parts.push("usd".into()),
            "yuan" => {}
            other => {
                return Err(file.span(
                    &currency.span(),
                    format!("`currency`: `{other}` is neither `yuan` nor `usd`"),
                ));
            }
        }
    }
    if let Some(show) = &spec.show
        && !crate::app::VIEW_WORDS.contains(&show.get_ref().as_str())
    {
        return Err(file.span(
            &show.span(),
            format!(
                "`show`: unknown view `{}`; expected one of {}",
                show.get_ref(),
                crate::app::VIEW_WORDS.join(", ")
            ),
        ));
    }
    Place::parse(&parts.join("/"), dataset).map_err(|error| {
        let (key, span) = match &error {
            PlaceError::Indicator { .. } => {
                ("indicator", spec.indicator.as_ref().map(Spanned::span))
            }
            PlaceError::View { .. } => ("show", spec.show.as_ref().map(Spanned::span)),
            PlaceError::NoRankings { .. } | PlaceError::Year { .. } => {
                ("year", spec.year.as_ref().map(Spanned::span))
            }
            PlaceError::NoRates => ("currency", spec.currency.as_ref().map(Spanned::span)),
            PlaceError::Tab { .. } | PlaceError::Empty | PlaceError::Twice(_) => ("tab", None),
        };
        let span = span.unwrap_or_else(|| tab.span());
        file.span(&span, format!("`{key}`: {error}"))
    })
}
