//! Reading data files: the default dataset compiled into the binary, or a directory.

use std::borrow::Cow;
use std::path::Path;

use super::diagnostic::Diagnostic;

/// The name of the file that lists sources; every other `*.toml` file is one tab.
pub const SOURCES_FILE: &str = "sources.toml";

/// One data file's name and raw bytes (not yet known to be UTF-8).
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

impl DataFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Cow<'static, [u8]>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name)))),*]
    };
}

/// The default dataset, compiled into the binary so `jx-dash` works from any directory.
const EMBEDDED: &[(&str, &[u8])] = embedded!(
    "sources.toml",
    "overview.toml",
    "growth.toml",
    "trade.toml",
    "innovation.toml",
    "livelihood.toml",
    "compare.toml",
);

pub fn embedded_files() -> Vec<DataFile> {
    EMBEDDED
        .iter()
        .map(|&(name, bytes)| DataFile::new(format!("data/{name}"), bytes))
        .collect()
}

/// A directory's `*.toml` files, read, and a warning for each `*.toml` entry that is not a
/// regular file (a directory, a FIFO, a device), which is skipped.
pub struct DirFiles {
    pub files: Vec<DataFile>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads every `*.toml` file of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<DirFiles, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![Diagnostic::file(
            &shown,
            format!("cannot read data directory: {e}"),
        )]
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        // Reading a FIFO would block; only regular files (or links to them) are read.
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {}
            Ok(meta) => {
                let kind = kind_of(meta.file_type());
                warnings.push(Diagnostic::file(
                    &shown,
                    format!("skipped: {kind}, not a regular file"),
                ));
                continue;
            }
            Err(e) => {
                warnings.push(Diagnostic::file(&shown, format!("skipped: {e}")));
                continue;
            }
        }
        match std::fs::read(&path) {
            Ok(bytes) => files.push(DataFile::new(shown, bytes)),
            Err(e) => problems.push(Diagnostic::file(&shown, format!("cannot read file: {e}"))),
        }
    }
    if problems.is_empty() {
        Ok(DirFiles { files, warnings })
    } else {
        Err(problems)
    }
}

/// What a directory entry is, in words.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}
