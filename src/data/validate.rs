//! Turning data files into a [`Dataset`], reporting every problem at once as
//! `path:line:col: message`. `check`, startup and hot reload all go through [`build`].
//!
//! Each kind of table has its own file: [`sources`] (`sources.toml`), [`tab`] (a tab file, its
//! `[tab]` and `[[event]]`s), [`indicator`] (an `[[indicator]]` and which figure it gives),
//! [`series`] (values with their quotes, bases, breaks, gaps and history), [`bounds`] (years
//! stated only as a bound), [`fact`] (single
//! facts, texts and breakdowns), [`regions`]; [`checks`] holds the small checks they share, and
//! [`references`] resolves ids across files once every file is read.

mod bounds;
mod checks;
mod fact;
mod indicator;
mod references;
mod regions;
mod series;
mod sources;
mod tab;

use std::collections::HashMap;

use toml::Spanned;
use toml::de::DeTable;

use super::diagnostic::{Diagnostic, LoadError, SourceText};
use super::load::{DataFile, SOURCES_FILE};
use super::model::Dataset;
use checks::Reference;

/// Problems reported at most, in all and as syntax errors per file: past that a file is not
/// worth reading line by line, and locating each error costs time.
const MAX_PROBLEMS: usize = 200;
const MAX_SYNTAX_ERRORS: usize = 20;

/// Years a series may hold.
pub const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

/// Builds a validated dataset from data files, or reports every problem found.
pub fn build(files: &[DataFile]) -> Result<Dataset, LoadError> {
    let (texts, mut problems) = texts_of(files);
    let parts = read_all(&texts);
    assemble(files, &texts, parts, &mut problems)
}

/// Loads again only what changed: each file's checked part is kept, and a reload reads the
/// files whose bytes differ, then merges every part and checks across files again. The result
/// is the same as [`build`]'s.
#[derive(Default)]
pub struct Loader {
    /// Each file's bytes and what they gave, by path.
    parts: HashMap<String, (Vec<u8>, Part)>,
}

impl Loader {
    pub fn build(&mut self, files: &[DataFile]) -> Result<Dataset, LoadError> {
        let (texts, mut problems) = texts_of(files);
        let changed: Vec<(&str, &str)> = texts
            .iter()
            .copied()
            .filter(|(path, text)| {
                self.parts
                    .get(*path)
                    .is_none_or(|(bytes, _)| bytes.as_slice() != text.as_bytes())
            })
            .collect();
        // The changed files are read while the kept parts are copied for the merge.
        let cached = &self.parts;
        let (fresh, mut parts) = std::thread::scope(|scope| {
            let fresh = scope.spawn(|| read_all(&changed));
            let kept: HashMap<&str, Part> = texts
                .iter()
                .filter(|(path, _)| !changed.iter().any(|(c, _)| c == path))
                .filter_map(|(path, _)| Some((*path, cached.get(*path)?.1.clone())))
                .collect();
            let fresh = fresh
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (fresh, kept)
        });
        for ((path, text), part) in changed.iter().zip(fresh) {
            parts.insert(path, part.clone());
            self.parts
                .insert((*path).to_string(), (text.as_bytes().to_vec(), part));
        }
        self.parts
            .retain(|path, _| texts.iter().any(|(p, _)| p == path));
        let parts = texts
            .iter()
            .filter_map(|(path, _)| parts.remove(path))
            .collect();
        assemble(files, &texts, parts, &mut problems)
    }
}

/// The files as text; one that is not UTF-8 is a problem.
fn texts_of(files: &[DataFile]) -> (Vec<(&str, &str)>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    for file in files {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => texts.push((file.path.as_str(), text)),
            Err(e) => {
                let valid = std::str::from_utf8(&file.bytes[..e.valid_up_to()]).unwrap_or("");
                let bad = file.bytes[e.valid_up_to()];
                problems.push(SourceText::new(&file.path, valid).at(
                    valid.len(),
                    format!("file is not valid UTF-8 (byte 0x{bad:02X})"),
                ));
            }
        }
    }
    (texts, problems)
}

/// Every file's part merged in order, then what is checked across files.
fn assemble(
    files: &[DataFile],
    texts: &[(&str, &str)],
    parts: Vec<Part>,
    problems: &mut Vec<Diagnostic>,
) -> Result<Dataset, LoadError> {
    let mut builder = Builder::default();
    for (part, mut found) in parts {
        builder.absorb(part, problems);
        problems.append(&mut found);
    }
    if !texts.iter().any(|(p, _)| is_sources_file(p)) && problems.is_empty() {
        problems.push(Diagnostic::file(
            files.first().map_or("data", |f| f.path.as_str()),
            format!("no {SOURCES_FILE} among the data files"),
        ));
    }
    let dataset = builder.finish(files, problems);
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
        Err(LoadError(std::mem::take(problems)))
    }
}

/// A file's parsed TOML and its syntax errors.
type Parsed<'i> = (Spanned<DeTable<'i>>, Vec<toml::de::Error>);

/// What one file gives, read on its own: its part of the dataset and its problems.
type Part = (Builder, Vec<Diagnostic>);

/// Parses and checks each file on its own (ids across files, references and tabs are checked
/// once they are merged), on as many threads as there are cores when there is enough TOML to
/// be worth a thread: a large dataset spends most of its load time here.
fn read_all(texts: &[(&str, &str)]) -> Vec<Part> {
    let read = |(path, text): &(&str, &str)| {
        let mut part = Builder::default();
        let mut problems = Vec::new();
        let parsed: Parsed = DeTable::parse_recoverable(text);
        part.parse_file(&SourceText::new(path, text), parsed, &mut problems);
        (part, problems)
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let total: usize = texts.iter().map(|(_, text)| text.len()).sum();
    if threads < 2 || texts.len() < 2 || total < 1 << 20 {
        return texts.iter().map(read).collect();
    }
    let per_thread = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = texts
            .chunks(per_thread)
            .map(|chunk| scope.spawn(move || chunk.iter().map(read).collect::<Vec<_>>()))
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

fn is_sources_file(path: &str) -> bool {
    std::path::Path::new(path)
        .file_name()
        .is_some_and(|n| n == SOURCES_FILE)
}

/// The dataset under construction, and what must be checked once every file is read.
#[derive(Default, Clone)]
struct Builder {
    dataset: Dataset,
    /// First definition of each id, for duplicate messages.
    tab_ids: HashMap<String, Diagnostic>,
    indicator_ids: HashMap<String, Diagnostic>,
    source_ids: HashMap<String, Diagnostic>,
    source_refs: Vec<Reference>,
    indicator_refs: Vec<Reference>,
    /// Per tab, in `dataset.tabs` order: what [`references`] checks about it.
    tab_extras: Vec<tab::TabExtras>,
    /// `converts` pairs (the US$ indicator, the yuan indicator it converts).
    conversions: Vec<(String, Reference)>,
    /// `population` pairs (the indicator, the population series it is divided by).
    populations: Vec<(String, Reference)>,
}

impl Builder {
    /// Takes in a file read on its own: its tabs (their indicators renumbered), sources and
    /// events follow what is there; an id it shares with an earlier file is a duplicate.
    fn absorb(&mut self, part: Builder, problems: &mut Vec<Diagnostic>) {
        let offset = self.dataset.indicators.len();
        for mut tab in part.dataset.tabs {
            for i in &mut tab.indicators {
                *i += offset;
            }
            self.dataset.tabs.push(tab);
        }
        self.dataset.indicators.extend(part.dataset.indicators);
        self.dataset.sources.extend(part.dataset.sources);
        self.dataset.events.extend(part.dataset.events);
        for (what, mine, theirs) in [
            ("tab", &mut self.tab_ids, part.tab_ids),
            ("indicator", &mut self.indicator_ids, part.indicator_ids),
            ("source", &mut self.source_ids, part.source_ids),
        ] {
            for (id, here) in theirs {
                match mine.get(&id) {
                    Some(first) => problems.push(here.with(format!(
                        "duplicate {what} id `{id}` (first defined at {}:{}:{})",
                        first.path, first.line, first.col
                    ))),
                    None => {
                        mine.insert(id, here);
                    }
                }
            }
        }
        self.source_refs.extend(part.source_refs);
        self.indicator_refs.extend(part.indicator_refs);
        self.tab_extras.extend(part.tab_extras);
        self.conversions.extend(part.conversions);
        self.populations.extend(part.populations);
    }

    fn parse_file<'i>(
        &mut self,
        file: &SourceText<'i>,
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
}
