//! The data layer: TOML files → a validated [`Dataset`]. No UI types here.
//!
//! [`load`] reads files, [`schema`] is their TOML shape, [`validate`] checks them into the
//! [`model`], [`derive`] computes figures from it and [`units`] says them in words.

pub mod derive;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod quote;
pub(crate) mod schema;
pub mod table;
pub mod units;
pub mod validate;

use std::path::Path;

pub use diagnostic::{Diagnostic, LoadError};
pub use load::{DataFile, embedded_files};
pub use model::{
    Dataset, Event, Fact, Indicator, Part, Point, Qualifier, Region, Series, Shape, Source, Tab,
};

/// Loads and validates the dataset compiled into the binary.
pub fn load_embedded() -> Result<Dataset, LoadError> {
    validate::build(&embedded_files())
}

/// Loads and validates every `*.toml` file of a directory.
pub fn load_dir(dir: &Path) -> Result<Dataset, LoadError> {
    let load::DirFiles { files, warnings } = load::read_dir(dir).map_err(LoadError)?;
    if files.is_empty() {
        let mut problems = warnings;
        problems.push(Diagnostic::file(
            &dir.display().to_string(),
            "no *.toml files in the data directory",
        ));
        return Err(LoadError(problems));
    }
    let mut dataset = validate::build(&files)?;
    dataset.warnings = warnings;
    Ok(dataset)
}

/// Loads `dir` again through `loader`, which reads only the files that changed since its last
/// load (the embedded dataset when there is no directory).
pub fn reload(loader: &mut validate::Loader, dir: Option<&Path>) -> Result<Dataset, LoadError> {
    let Some(dir) = dir else {
        return load_embedded();
    };
    let load::DirFiles { files, warnings } = load::read_dir(dir).map_err(LoadError)?;
    if files.is_empty() {
        return load_dir(dir);
    }
    let mut dataset = loader.build(&files)?;
    dataset.warnings = warnings;
    Ok(dataset)
}

/// Loads `dir` when given, else the embedded dataset.
pub fn load(dir: Option<&Path>) -> Result<Dataset, LoadError> {
    dir.map_or_else(load_embedded, load_dir)
}
