use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use jx_dash::cli::{Cli, Command};
use jx_dash::data::{self, Dataset};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { data }) => check(data.data.or(cli.data.data).as_deref()),
        None => check(cli.data.data.as_deref()),
    }
}

/// Validates the data; prints a summary on stdout or every problem on stderr.
fn check(dir: Option<&std::path::Path>) -> ExitCode {
    let started = Instant::now();
    match data::load(dir) {
        Ok(dataset) => {
            println!("{}", summary(&dataset, dir, started.elapsed()));
            ExitCode::SUCCESS
        }
        Err(error) => {
            for problem in &error.0 {
                eprintln!("jx-dash: {problem}");
            }
            eprintln!("jx-dash: {} problem(s); data is invalid", error.0.len());
            ExitCode::from(1)
        }
    }
}

fn summary(dataset: &Dataset, dir: Option<&std::path::Path>, took: std::time::Duration) -> String {
    let origin = dir.map_or_else(|| "built-in data".to_string(), |d| d.display().to_string());
    format!(
        "ok: {origin}: {} files, {} tabs, {} indicators, {} figures, {} sources ({:.1} ms)",
        dataset.files,
        dataset.tabs.len(),
        dataset.indicators.len(),
        dataset.point_count(),
        dataset.sources.len(),
        took.as_secs_f64() * 1000.0
    )
}
