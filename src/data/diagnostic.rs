//! Problems found in data files, each located as `path:line:col`.

use std::fmt;
use std::ops::Range;

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

    /// The same place with another message.
    #[must_use]
    pub fn with(&self, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            ..self.clone()
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

/// One file's text, mapping byte offsets to line and column (columns count characters).
pub(crate) struct SourceText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path,
            text,
            line_starts,
        }
    }

    pub fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
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

    pub fn span(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.at(span.start, message)
    }

    /// A TOML parse or type error, with `f64`/`i64` said in words and, for a type error, the
    /// key the bad value belongs to.
    pub fn toml_error(&self, error: &toml::de::Error, fallback: &Range<usize>) -> Diagnostic {
        let span = error.span().unwrap_or_else(|| fallback.clone());
        let message = error
            .message()
            .trim_end()
            .replace("expected f64", "expected a number")
            .replace("expected i64", "expected an integer")
            .replace(
                "data did not match any variant of untagged enum DateSpec",
                "`date` must be a date (2024-05-20), or \"2024-05\" or \"2024\" when the page gives no more",
            );
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
