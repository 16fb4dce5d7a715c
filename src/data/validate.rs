//! Turning data files into a [`Dataset`], reporting every problem at once as
//! `path:line:col: message`. `check`, startup and hot reload all go through [`build`].

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::load::{DataFile, IndicatorSpec, SOURCES_FILE, SourceSpec, TabSpec, YearMap};
use super::model::{
    Dataset, Fact, Indicator, Location, Part, Point, Qualifier, Series, Shape, Source, Tab, Text,
};
use super::units::{self, Kind};

/// Problems reported at most, in all and as syntax errors per file: past that a file is not
/// worth reading line by line, and locating each error costs time.
const MAX_PROBLEMS: usize = 200;
const MAX_SYNTAX_ERRORS: usize = 20;

/// Years a series may hold.
pub const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

/// One problem in the data, located in its file (line and column are 1-based; 0 means the
/// problem concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            line: 0,
            col: 0,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.col, self.message
            )
        }
    }
}

/// Every problem found in a dataset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError(pub Vec<Diagnostic>);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Maps byte offsets of one file to line and column (columns count characters).
struct FileText<'a> {
    path: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> FileText<'a> {
    fn new(path: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path,
            text,
            line_starts,
        }
    }

    fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Diagnostic {
            path: self.path.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    fn span(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.at(span.start, message)
    }

    fn toml_error(&self, error: &toml::de::Error, fallback: &Range<usize>) -> Diagnostic {
        let span = error.span().unwrap_or_else(|| fallback.clone());
        let message = error
            .message()
            .trim_end()
            .replace("expected f64", "expected a number")
            .replace("expected i64", "expected an integer");
        // A type error points at the value; name the key it belongs to as well.
        let line_start = self.text[..span.start.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let before = self.text.get(line_start..span.start).unwrap_or("");
        match before.split_once('=') {
            Some((key, _))
                if message.starts_with("invalid") || message.starts_with("unknown variant") =>
            {
                self.span(&span, format!("`{}`: {message}", key.trim()))
            }
            _ => self.span(&span, message),
        }
    }
}

/// Builds a validated dataset from data files, or reports every problem found.
pub fn build(files: &[DataFile]) -> Result<Dataset, LoadError> {
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    for file in files {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => texts.push((file.path.as_str(), text)),
            Err(e) => {
                let valid = std::str::from_utf8(&file.bytes[..e.valid_up_to()]).unwrap_or("");
                let bad = file.bytes[e.valid_up_to()];
                problems.push(FileText::new(&file.path, valid).at(
                    valid.len(),
                    format!("file is not valid UTF-8 (byte 0x{bad:02X})"),
                ));
            }
        }
    }
    let mut builder = Builder::default();
    for (&(path, text), parsed) in texts.iter().zip(parse_all(&texts)) {
        builder.parse_file(&FileText::new(path, text), parsed, &mut problems);
    }
    if !texts.iter().any(|(p, _)| is_sources_file(p)) && problems.is_empty() {
        problems.push(Diagnostic::file(
            files.first().map_or("data", |f| f.path.as_str()),
            format!("no {SOURCES_FILE} among the data files"),
        ));
    }
    let dataset = builder.finish(files, &mut problems);
    problems.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Diagnostic::file(
            files.first().map_or("data", |f| f.path.as_str()),
            format!("... and {more} more problems"),
        ));
    }
    if problems.is_empty() {
        Ok(dataset)
    } else {
        Err(LoadError(problems))
    }
}

/// A file's parsed TOML and its syntax errors.
type Parsed<'i> = (Spanned<DeTable<'i>>, Vec<toml::de::Error>);

/// Parses the files' TOML, on as many threads as there are cores when there is enough of it to
/// be worth a thread (a large dataset spends half its load time here).
fn parse_all<'i>(texts: &[(&str, &'i str)]) -> Vec<Parsed<'i>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let total: usize = texts.iter().map(|(_, text)| text.len()).sum();
    if threads < 2 || texts.len() < 2 || total < 1 << 20 {
        return texts
            .iter()
            .map(|(_, text)| DeTable::parse_recoverable(text))
            .collect();
    }
    let per_thread = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = texts
            .chunks(per_thread)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(_, text)| DeTable::parse_recoverable(text))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// "an integer", "a string".
fn with_article(kind: &str) -> String {
    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind}")
}

fn is_sources_file(path: &str) -> bool {
    std::path::Path::new(path)
        .file_name()
        .is_some_and(|n| n == SOURCES_FILE)
}

/// A cross-file reference to check once every file is read.
struct Reference {
    what: &'static str,
    id: String,
    at: Diagnostic,
}

#[derive(Default)]
struct Builder {
    dataset: Dataset,
    /// First definition of each id, for duplicate messages.
    tab_ids: HashMap<String, Diagnostic>,
    indicator_ids: HashMap<String, Diagnostic>,
    source_ids: HashMap<String, Diagnostic>,
    source_refs: Vec<Reference>,
    indicator_refs: Vec<Reference>,
    /// Per tab: its [tab] location, the `show` references (resolved in `finish`) and how many
    /// [[indicator]] tables its file declares (valid or not).
    tab_extras: Vec<(Diagnostic, Vec<Reference>, usize)>,
    /// `converts` pairs (the US$ indicator, the yuan indicator it converts), checked in `finish`.
    conversions: Vec<(String, Reference)>,
}

impl Builder {
    fn parse_file<'i>(
        &mut self,
        file: &FileText<'i>,
        (root, errors): Parsed<'i>,
        problems: &mut Vec<Diagnostic>,
    ) {
        if !errors.is_empty() {
            let whole = 0..file.text.len();
            problems.extend(
                errors
                    .iter()
                    .take(MAX_SYNTAX_ERRORS)
                    .map(|e| file.toml_error(e, &whole)),
            );
            if let Some(next) = errors.get(MAX_SYNTAX_ERRORS) {
                let more = errors.len() - MAX_SYNTAX_ERRORS;
                let at = next.span().map_or(0, |s| s.start);
                problems.push(file.at(at, format!("... and {more} more syntax errors from here")));
            }
            return;
        }
        let root = root.into_inner();
        if is_sources_file(file.path) {
            self.parse_sources(file, root, problems);
        } else {
            self.parse_tab_file(file, root, problems);
        }
    }

    fn parse_sources(&mut self, file: &FileText, root: DeTable, problems: &mut Vec<Diagnostic>) {
        let mut any = false;
        for (key, value) in root {
            if key.get_ref().as_ref() != "source" {
                problems.push(file.span(
                    &key.span(),
                    format!("unknown key `{}`, expected `source`", key.get_ref()),
                ));
                continue;
            }
            for item in array_items(file, value, "source", problems) {
                any = true;
                if let Some(spec) = deserialize::<SourceSpec>(file, item, problems) {
                    self.add_source(file, spec, problems);
                }
            }
        }
        if !any {
            problems.push(file.at(0, "no [[source]] entries"));
        }
    }

    fn add_source(&mut self, file: &FileText, spec: SourceSpec, problems: &mut Vec<Diagnostic>) {
        let id = spec.id.get_ref().clone();
        let here = file.span(&spec.id.span(), "");
        check_id(file, &spec.id, "source", &mut self.source_ids, problems);
        require_text(&here, "title", &spec.title, problems);
        require_text(&here, "publisher", &spec.publisher, problems);
        let date = spec.date.and_then(|date| {
            let (span, value) = (date.span(), date.into_inner());
            if let (Some(d), None) = (value.date, value.time) {
                Some(d.to_string())
            } else {
                problems.push(file.span(
                    &span,
                    format!("`date` must be a date such as 2024-05-20, not `{value}`"),
                ));
                None
            }
        });
        self.dataset.sources.push(Source {
            id,
            title: spec.title,
            publisher: spec.publisher,
            date,
            url: spec.url,
            vintage: spec.vintage,
        });
    }

    fn parse_tab_file(&mut self, file: &FileText, root: DeTable, problems: &mut Vec<Diagnostic>) {
        let mut tab_spec = None;
        let mut indicators = Vec::new();
        let mut declared = 0;
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "tab" => {
                    let at = file.span(&value.span(), "");
                    tab_spec = Some((at, deserialize::<TabSpec>(file, value, problems)));
                }
                "indicator" => {
                    for mut item in array_items(file, value, "indicator", problems) {
                        declared += 1;
                        let span = item.span();
                        let values = match item.get_mut() {
                            DeValue::Table(table) => table.remove("values"),
                            _ => None,
                        };
                        if let Some(spec) = deserialize::<IndicatorSpec>(file, item, problems) {
                            indicators.push((span, spec, values));
                        }
                    }
                }
                other => problems.push(file.span(
                    &key.span(),
                    format!("unknown key `{other}`, expected `tab` or `indicator`"),
                )),
            }
        }
        let Some((tab_at, tab_spec)) = tab_spec else {
            problems.push(file.at(0, "missing [tab] table (id, title, title_zh, order)"));
            return;
        };
        let Some(tab_spec) = tab_spec else { return };
        check_id(file, &tab_spec.id, "tab", &mut self.tab_ids, problems);
        require_text(&tab_at, "title", &tab_spec.title, problems);
        require_text(&tab_at, "title_zh", &tab_spec.title_zh, problems);
        let tab_index = self.dataset.tabs.len();
        let mut tab = Tab {
            id: tab_spec.id.get_ref().clone(),
            title: Text::new(tab_spec.title, tab_spec.title_zh),
            order: tab_spec.order,
            indicators: Vec::new(),
        };
        for (span, spec, values) in indicators {
            if let Some(indicator) = self.indicator(file, &span, spec, values, problems) {
                tab.indicators.push(self.dataset.indicators.len());
                self.dataset.indicators.push(indicator);
            }
        }
        let shows = tab_spec
            .show
            .iter()
            .map(|id| Reference {
                what: "indicator",
                id: id.get_ref().clone(),
                at: file.span(&id.span(), ""),
            })
            .collect();
        debug_assert_eq!(tab_index, self.tab_extras.len());
        self.tab_extras.push((tab_at, shows, declared));
        self.dataset.tabs.push(tab);
    }

    #[allow(clippy::too_many_lines)] // one arm per field of the schema reads best in one place
    fn indicator(
        &mut self,
        file: &FileText,
        span: &Range<usize>,
        mut spec: IndicatorSpec,
        values: Option<Spanned<DeValue>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Indicator> {
        let before = problems.len();
        let at = &file.span(span, "");
        let id = spec.id.get_ref().clone();
        check_id(
            file,
            &spec.id,
            "indicator",
            &mut self.indicator_ids,
            problems,
        );
        require_text(at, "name", &spec.name, problems);
        require_text(at, "name_zh", &spec.name_zh, problems);
        let unit = match &spec.unit {
            Some(name) => {
                let unit = units::unit(name.get_ref());
                if unit.is_none() {
                    problems.push(file.span(
                        &name.span(),
                        format!(
                            "unknown unit `{}`, expected one of: {}",
                            name.get_ref(),
                            units::unit_ids()
                        ),
                    ));
                }
                unit
            }
            None if spec.text.is_some() => units::unit("count"),
            None => {
                problems.push(Diagnostic {
                    message: format!("indicator `{id}` needs a `unit`"),
                    ..at.clone()
                });
                None
            }
        };
        self.source_ref(file, &spec.source);
        let period = bilingual(
            at,
            "period",
            spec.period.take(),
            spec.period_zh.take(),
            problems,
        );
        let note = spec.note.take().map(|en| {
            let zh = spec.note_zh.take().unwrap_or_else(|| en.clone());
            Text::new(en, zh)
        });
        let share_of = spec.share_of.as_ref().map(|r| self.indicator_ref(file, r));
        if let Some(converts) = &spec.converts {
            let reference = Reference {
                what: "indicator",
                id: converts.get_ref().clone(),
                at: file.span(&converts.span(), ""),
            };
            self.conversions.push((id.clone(), reference));
        }

        let fact_given = spec.value.is_some()
            || spec.rank.is_some()
            || spec.change_pct.is_some()
            || spec.share_pct.is_some();
        let given: Vec<&str> = [
            ("values", values.is_some()),
            ("part", spec.part.is_some()),
            ("text", spec.text.is_some()),
            ("value/rank/change_pct/share_pct", fact_given),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        let shape = match given.as_slice() {
            [] => {
                problems.push(file.span(
                    span,
                    format!(
                        "indicator `{id}` has no figure: give `values`, `part`, `text`, or a `value`, `rank`, `change_pct` or `share_pct`"
                    ),
                ));
                None
            }
            [_] => {
                if let Some(values) = values {
                    let sources = spec.source_by_year.take();
                    let marks = (spec.break_year.take(), spec.highlight.take());
                    self.series(file, values, sources, marks, problems)
                        .map(Shape::Series)
                } else if let Some(parts) = spec.part.take() {
                    parts_shape(file, parts, problems)
                } else if let Some(en) = spec.text.take() {
                    bilingual(at, "text", Some(en), spec.text_zh.take(), problems).map(Shape::Text)
                } else {
                    Some(Shape::Fact(fact(file, &spec, problems)))
                }
            }
            several => {
                problems.push(file.span(
                    span,
                    format!(
                        "indicator `{id}` mixes {}: an indicator is one series, breakdown, fact or text",
                        several.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" and ")
                    ),
                ));
                None
            }
        };
        let is_fact = given == ["value/rank/change_pct/share_pct"];
        let stray = [
            ("source_by_year", spec.source_by_year.is_some(), "`values`"),
            ("break_year", spec.break_year.is_some(), "`values`"),
            ("highlight", spec.highlight.is_some(), "`values`"),
            ("text_zh", spec.text_zh.is_some(), "`text`"),
            (
                "qualifier",
                !is_fact && spec.qualifier.is_some(),
                "a single fact",
            ),
            (
                "baseline",
                !is_fact && spec.baseline.is_some(),
                "a single fact",
            ),
            (
                "baseline_qualifier",
                !is_fact && spec.baseline_qualifier.is_some(),
                "a single fact",
            ),
            (
                "change_qualifier",
                !is_fact && spec.change_qualifier.is_some(),
                "a single fact",
            ),
        ];
        if given.len() == 1 {
            for (key, present, belongs) in stray {
                if present {
                    problems.push(Diagnostic {
                        message: format!("`{key}` only applies to {belongs}, which indicator `{id}` does not have"),
                        ..at.clone()
                    });
                }
            }
        }
        if problems.len() > before {
            return None;
        }
        Some(Indicator {
            id,
            name: Text::new(spec.name, spec.name_zh),
            unit: unit?,
            source: spec.source.into_inner(),
            view: spec.view,
            period,
            note,
            share_of,
            converts: spec.converts.map(Spanned::into_inner),
            shape: shape?,
            location: Location {
                path: at.path.clone(),
                line: at.line,
                col: at.col,
            },
        })
    }

    /// A series from the parsed `values` table, read directly: going through serde would
    /// allocate a `String` and a map entry per year, half of the time a large dataset takes.
    fn series(
        &mut self,
        file: &FileText,
        values: Spanned<DeValue>,
        sources: Option<YearMap<String>>,
        (break_year, highlight): (Option<Spanned<i64>>, Option<Spanned<i64>>),
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Series> {
        let (span, values) = (values.span(), values.into_inner());
        let DeValue::Table(values) = values else {
            problems.push(file.span(
                &span,
                format!(
                    "`values` must be a table of year = number, not {}",
                    with_article(values.type_str())
                ),
            ));
            return None;
        };
        if values.is_empty() {
            problems.push(file.span(&span, "empty series: `values` has no years"));
            return None;
        }
        let mut points = Vec::with_capacity(values.len());
        for (key, value) in values {
            let year = year_at(file, key.get_ref(), &key.span(), problems);
            let value_span = value.span();
            let value = match f64::deserialize(ValueDeserializer::from(value)) {
                Ok(v) => finite(file, &Spanned::new(value_span, v), problems),
                Err(e) => {
                    problems.push(file.toml_error(&e, &value_span));
                    None
                }
            };
            if let (Some(year), Some(value)) = (year, value) {
                points.push(Point {
                    year,
                    value,
                    source: None,
                });
            }
        }
        points.sort_by_key(|p| p.year);
        for (key, source) in sources.unwrap_or_default() {
            let Some(year) = year(file, &key, problems) else {
                continue;
            };
            match points.iter_mut().find(|p| p.year == year) {
                Some(point) => {
                    self.source_ref(file, &source);
                    point.source = Some(source.into_inner());
                }
                None => problems.push(file.span(
                    &key.span(),
                    format!("`source_by_year` names year `{year}`, which `values` does not have"),
                )),
            }
        }
        let break_year = break_year.and_then(|b| {
            let in_range = points
                .first()
                .is_some_and(|p| i64::from(p.year) < *b.get_ref())
                && points
                    .last()
                    .is_some_and(|p| i64::from(p.year) >= *b.get_ref());
            if in_range {
                u16::try_from(*b.get_ref()).ok()
            } else {
                problems.push(file.span(
                    &b.span(),
                    format!("`break_year` {} is not inside the series", b.get_ref()),
                ));
                None
            }
        });
        let highlight = highlight.and_then(|h| {
            let found = points.iter().find(|p| i64::from(p.year) == *h.get_ref());
            if found.is_none() {
                problems.push(file.span(
                    &h.span(),
                    format!("`highlight` {} is not a year of `values`", h.get_ref()),
                ));
            }
            found.map(|p| p.year)
        });
        Some(Series {
            points,
            break_year,
            highlight,
        })
    }

    fn source_ref(&mut self, file: &FileText, id: &Spanned<String>) {
        self.source_refs.push(Reference {
            what: "source",
            id: id.get_ref().clone(),
            at: file.span(&id.span(), ""),
        });
    }

    fn indicator_ref(&mut self, file: &FileText, id: &Spanned<String>) -> String {
        self.indicator_refs.push(Reference {
            what: "indicator",
            id: id.get_ref().clone(),
            at: file.span(&id.span(), ""),
        });
        id.get_ref().clone()
    }

    /// Resolves cross-file references, orders tabs, and returns the dataset.
    fn finish(mut self, files: &[DataFile], problems: &mut Vec<Diagnostic>) -> Dataset {
        let known_sources = !self.source_ids.is_empty();
        for r in &self.source_refs {
            if known_sources && !self.source_ids.contains_key(&r.id) {
                problems.push(unresolved(r, "sources.toml"));
            }
        }
        for r in &self.indicator_refs {
            if !self.indicator_ids.contains_key(&r.id) {
                problems.push(unresolved(r, "any data file"));
            }
        }
        for (usd_id, r) in &self.conversions {
            let Some(target) = self.dataset.indicator(&r.id) else {
                if !self.indicator_ids.contains_key(&r.id) {
                    problems.push(unresolved(r, "any data file"));
                }
                continue;
            };
            // An invalid US$ indicator has been reported already.
            let Some(usd) = self.dataset.indicator(usd_id) else {
                continue;
            };
            let wrong = match (usd.unit.kind, target.unit.kind) {
                (Kind::Usd, Kind::Yuan) => None,
                (Kind::Usd, _) => Some(format!("`{}` is in {}, not yuan", r.id, target.unit.id)),
                _ => Some(format!(
                    "`{usd_id}` itself is in {}, not US$ (usd-bn)",
                    usd.unit.id
                )),
            };
            if let Some(wrong) = wrong {
                problems.push(Diagnostic {
                    message: format!("`converts` links a US$ indicator to a yuan one: {wrong}"),
                    ..r.at.clone()
                });
            }
        }
        for (tab, (at, shows, declared)) in self.dataset.tabs.iter_mut().zip(&self.tab_extras) {
            for r in shows {
                match self.dataset.indicators.iter().position(|i| i.id == r.id) {
                    Some(index) if !tab.indicators.contains(&index) => tab.indicators.push(index),
                    Some(_) => {}
                    None if self.indicator_ids.contains_key(&r.id) => {}
                    None => problems.push(unresolved(r, "any data file")),
                }
            }
            if *declared == 0 && shows.is_empty() {
                problems.push(Diagnostic {
                    message: format!(
                        "tab `{}` has no indicators: add [[indicator]] tables or `show`",
                        tab.id
                    ),
                    ..at.clone()
                });
            }
        }
        if self.dataset.tabs.is_empty() && problems.is_empty() {
            let dir = files
                .first()
                .and_then(|f| std::path::Path::new(&f.path).parent())
                .map_or_else(|| "data".to_string(), |d| d.display().to_string());
            problems.push(Diagnostic::file(&dir, "no tab files, only sources.toml"));
        }
        self.dataset.tabs.sort_by_key(|t| t.order);
        self.dataset.files = files.len();
        self.dataset
    }
}

fn unresolved(r: &Reference, place: &str) -> Diagnostic {
    Diagnostic {
        message: format!("unknown {} id `{}`: not defined in {place}", r.what, r.id),
        ..r.at.clone()
    }
}

/// The elements of an array of tables such as `[[indicator]]`.
fn array_items<'i>(
    file: &FileText,
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

fn deserialize<'i, T: Deserialize<'i>>(
    file: &FileText,
    value: Spanned<DeValue<'i>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    let span = value.span();
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|e| problems.push(file.toml_error(&e, &span)))
        .ok()
}

fn check_id(
    file: &FileText,
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
        problems.push(Diagnostic {
            message: format!("{what} id `{name}` must be non-empty ASCII letters, digits, - or _"),
            ..here
        });
        return;
    }
    if let Some(first) = seen.get(name) {
        problems.push(Diagnostic {
            message: format!(
                "duplicate {what} id `{name}` (first defined at {}:{}:{})",
                first.path, first.line, first.col
            ),
            ..here
        });
    } else {
        seen.insert(name.clone(), here);
    }
}

fn require_text(at: &Diagnostic, key: &str, value: &str, problems: &mut Vec<Diagnostic>) {
    if value.trim().is_empty() {
        problems.push(Diagnostic {
            message: format!("`{key}` must not be empty"),
            ..at.clone()
        });
    }
}

/// An English text with its Chinese counterpart; the one requires the other.
fn bilingual(
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
            problems.push(Diagnostic {
                message: format!("`{key}` needs `{key}_zh` too"),
                ..at.clone()
            });
            None
        }
        (None, Some(_)) => {
            problems.push(Diagnostic {
                message: format!("`{key}_zh` needs `{key}` too"),
                ..at.clone()
            });
            None
        }
    }
}

fn year(file: &FileText, key: &Spanned<String>, problems: &mut Vec<Diagnostic>) -> Option<u16> {
    year_at(file, key.get_ref(), &key.span(), problems)
}

fn year_at(
    file: &FileText,
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

fn finite(file: &FileText, value: &Spanned<f64>, problems: &mut Vec<Diagnostic>) -> Option<f64> {
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

fn parts_shape(
    file: &FileText,
    parts: Spanned<Vec<super::load::PartSpec>>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Shape> {
    let (span, parts) = (parts.span(), parts.into_inner());
    if parts.is_empty() {
        problems.push(file.span(&span, "empty breakdown: `part` has no entries"));
        return None;
    }
    let before = problems.len();
    let parts: Vec<Part> = parts
        .into_iter()
        .map(|p| {
            let value = finite(file, &p.value, problems).unwrap_or_default();
            let change_pct = p
                .change_pct
                .as_ref()
                .and_then(|c| finite(file, c, problems));
            let share_pct = p.share_pct.as_ref().and_then(|c| finite(file, c, problems));
            Part {
                name: Text::new(p.name, p.name_zh),
                value,
                qualifier: p.qualifier.unwrap_or_default(),
                change_pct,
                share_pct,
            }
        })
        .collect();
    (problems.len() == before).then_some(Shape::Breakdown(parts))
}

fn fact(file: &FileText, spec: &IndicatorSpec, problems: &mut Vec<Diagnostic>) -> Fact {
    let num = |v: &Option<Spanned<f64>>, problems: &mut Vec<Diagnostic>| {
        v.as_ref().and_then(|v| finite(file, v, problems))
    };
    let rank = |v: &Option<Spanned<i64>>, key: &str, problems: &mut Vec<Diagnostic>| {
        v.as_ref().and_then(|r| match u32::try_from(*r.get_ref()) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                problems.push(file.span(
                    &r.span(),
                    format!(
                        "`{key}` must be a positive whole number, not {}",
                        r.get_ref()
                    ),
                ));
                None
            }
        })
    };
    let fact = Fact {
        value: num(&spec.value, problems),
        qualifier: spec.qualifier.unwrap_or_default(),
        baseline: num(&spec.baseline, problems),
        baseline_qualifier: spec.baseline_qualifier.unwrap_or(Qualifier::Exact),
        rank: rank(&spec.rank, "rank", problems),
        rank_of: rank(&spec.rank_of, "rank_of", problems),
        change_pct: num(&spec.change_pct, problems),
        change_qualifier: spec.change_qualifier.unwrap_or_default(),
        share_pct: num(&spec.share_pct, problems),
    };
    if let (Some(rank), Some(of), Some(span)) = (fact.rank, fact.rank_of, &spec.rank)
        && rank > of
    {
        problems.push(file.span(
            &span.span(),
            format!("`rank` {rank} is greater than `rank_of` {of}"),
        ));
    }
    if let (Some(share), Some(span)) = (fact.share_pct, &spec.share_pct)
        && !(0.0..=100.0).contains(&share)
    {
        problems.push(file.span(
            &span.span(),
            format!("`share_pct` {share} is not between 0 and 100"),
        ));
    }
    if let (Some(r), None) = (&spec.rank_of, &spec.rank) {
        problems.push(file.span(&r.span(), "`rank_of` without `rank`"));
    }
    fact
}
