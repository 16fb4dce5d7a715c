//! Small checks shared by every kind of table.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeValue, ValueDeserializer};

use super::YEARS;
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::schema::DateSpec;
use crate::text::Text;

/// "an integer", "a string".
pub(super) fn with_article(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

/// The elements of an array of tables such as `[[indicator]]`.
pub(super) fn array_items<'i>(
    file: &SourceText,
    value: Spanned<DeValue<'i>>,
    key: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Spanned<DeValue<'i>>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Array(items) => items.into_iter().collect(),
        other => {
            problems.push(file.span(
                &span,
                format!(
                    "`{key}` must be an array of tables ([[{key}]]), not {}",
                    with_article(other.type_str())
                ),
            ));
            Vec::new()
        }
    }
}

/// A table deserialized into its spec type; a type error or unknown key is reported.
pub(super) fn deserialize<'i, T: Deserialize<'i>>(
    file: &SourceText,
    value: Spanned<DeValue<'i>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let span = value.span();
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|e| problems.push(file.toml_error(&e, &span)))
        .ok()
}

/// An id is ASCII letters, digits, `-` and `_`, and defined once.
pub(super) fn check_id(
    file: &SourceText,
    id: &Spanned<String>,
    what: &str,
    seen: &mut HashMap<String, Diagnostic>,
    problems: &mut Vec<Diagnostic>,
) {
    let here = file.span(&id.span(), "");
    let name = id.get_ref();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        problems.push(here.with(format!(
            "{what} id `{name}` must be non-empty ASCII letters, digits, - or _"
        )));
        return;
    }
    if let Some(first) = seen.get(name) {
        problems.push(here.with(format!(
            "duplicate {what} id `{name}` (first defined at {}:{}:{})",
            first.path, first.line, first.col
        )));
    } else {
        seen.insert(name.clone(), here);
    }
}

pub(super) fn require_text(
    at: &Diagnostic,
    key: &str,
    value: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if value.trim().is_empty() {
        problems.push(at.with(format!("`{key}` must not be empty")));
    }
}

/// An English text with its Chinese counterpart; the one requires the other.
pub(super) fn bilingual(
    at: &Diagnostic,
    key: &str,
    en: Option<String>,
    zh: Option<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Text> {
    match (en, zh) {
        (None, None) => None,
        (Some(en), Some(zh)) => {
            require_text(at, key, &en, problems);
            Some(Text::new(en, zh))
        }
        (Some(_), None) => {
            problems.push(at.with(format!("`{key}` needs `{key}_zh` too")));
            None
        }
        (None, Some(_)) => {
            problems.push(at.with(format!("`{key}_zh` needs `{key}` too")));
            None
        }
    }
}

pub(super) fn year(
    file: &SourceText,
    key: &Spanned<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<u16> {
    year_at(file, key.get_ref(), &key.span(), problems)
}

pub(super) fn year_at(
    file: &SourceText,
    text: &str,
    span: &Range<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Option<u16> {
    match text.parse::<u16>() {
        Ok(year) if YEARS.contains(&year) => Some(year),
        Ok(_) => {
            problems.push(file.span(
                span,
                format!("year `{text}` is outside {}–{}", YEARS.start(), YEARS.end()),
            ));
            None
        }
        Err(_) => {
            problems.push(file.span(
                span,
                format!("`{text}` is not a year (keys of `values` are years such as 2023)"),
            ));
            None
        }
    }
}

pub(super) fn finite(
    file: &SourceText,
    value: &Spanned<f64>,
    problems: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let v = *value.get_ref();
    if v.is_finite() {
        Some(v)
    } else {
        let slice = file.text.get(value.span()).unwrap_or("?");
        problems.push(file.span(
            &value.span(),
            format!("value `{slice}` is not a finite number"),
        ));
        None
    }
}

/// A date as precise as its page gives it, checked: `(year, month, "YYYY[-MM[-DD]]")`.
pub(super) fn date(
    file: &SourceText,
    date: Spanned<DateSpec>,
    problems: &mut Vec<Diagnostic>,
) -> Option<(u16, Option<u8>, String)> {
    let (span, date) = (date.span(), date.into_inner());
    let text = match date {
        DateSpec::Date(d) => {
            if let (Some(day), None) = (d.date, d.time) {
                day.to_string()
            } else {
                problems.push(file.span(
                    &span,
                    format!("`date` must be a date such as 2024-05-20, not `{d}`"),
                ));
                return None;
            }
        }
        DateSpec::Text(t) => t,
    };
    let mut parts = text.split('-');
    let year = parts.next().and_then(|y| y.parse::<u16>().ok());
    let month = parts
        .next()
        .map(|m| m.parse::<u8>().ok().filter(|m| (1..=12).contains(m)));
    let day = parts
        .next()
        .map(|d| d.parse::<u8>().ok().filter(|d| (1..=31).contains(d)));
    match (year, month, day, parts.next()) {
        (Some(y), None | Some(Some(_)), None | Some(Some(_)), None) if YEARS.contains(&y) => {
            Some((y, month.flatten(), text))
        }
        _ => {
            problems.push(file.span(
                &span,
                format!("`date` must be a date (2024-05-20), or \"2024-05\" or \"2024\" when the page gives no more; not `{text}`"),
            ));
            None
        }
    }
}

/// A cross-file reference to check once every file is read.
#[derive(Clone)]
pub(super) struct Reference {
    what: &'static str,
    pub id: String,
    pub at: Diagnostic,
}

impl Reference {
    pub fn new(what: &'static str, file: &SourceText, id: &Spanned<String>) -> Self {
        Self {
            what,
            id: id.get_ref().clone(),
            at: file.span(&id.span(), ""),
        }
    }

    pub fn unresolved(&self, place: &str) -> Diagnostic {
        self.at.with(format!(
            "unknown {} id `{}`: not defined in {place}",
            self.what, self.id
        ))
    }
}
