use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use jx_dash::app::App;
use jx_dash::cli::{Cli, Command, Format, LangArg, ViewArgs};
use jx_dash::data::{self, Dataset, Lang};
use jx_dash::{export, term};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = cli.data.data.as_deref();
    match cli.command {
        Some(Command::Check) => check(dir),
        Some(Command::Snapshot { size, format }) => {
            with_app(dir, &cli.view, |app| snapshot(app, size, format))
        }
        None => {
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                eprintln!(
                    "jx-dash: the dashboard needs a terminal; to render a tab without one, use `jx-dash snapshot`"
                );
                return ExitCode::from(2);
            }
            with_app(dir, &cli.view, |app| {
                term::run(app).context("terminal error")
            })
        }
    }
}

/// Loads the data and builds the app from the view options, then runs `f`.
fn with_app(
    dir: Option<&Path>,
    view: &ViewArgs,
    f: impl FnOnce(&mut App) -> anyhow::Result<()>,
) -> ExitCode {
    let dataset = match data::load(dir) {
        Ok(dataset) => dataset,
        Err(error) => return report_invalid(&error),
    };
    let mut app = App::new(dataset);
    app.lang = match view.lang {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    };
    if let Some(name) = &view.tab {
        let Some(index) = app.find_tab(name) else {
            let names: Vec<_> = app.dataset.tabs.iter().map(|t| t.id.as_str()).collect();
            eprintln!(
                "jx-dash: unknown tab `{name}`; expected one of {} or 1–{}",
                names.join(", "),
                names.len()
            );
            return ExitCode::from(2);
        };
        app.tab = index;
    }
    match f(&mut app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("jx-dash: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn snapshot(app: &App, (width, height): (u16, u16), format: Format) -> anyhow::Result<()> {
    let buf = export::render(app, width, height);
    let out = match format {
        Format::Text => export::to_text(&buf),
    };
    std::io::stdout()
        .write_all(out.as_bytes())
        .context("cannot write the snapshot to stdout")
}

/// Validates the data; prints a summary on stdout or every problem on stderr.
fn check(dir: Option<&Path>) -> ExitCode {
    let started = Instant::now();
    match data::load(dir) {
        Ok(dataset) => {
            println!("{}", summary(&dataset, dir, started.elapsed()));
            ExitCode::SUCCESS
        }
        Err(error) => report_invalid(&error),
    }
}

fn report_invalid(error: &data::LoadError) -> ExitCode {
    for problem in &error.0 {
        eprintln!("jx-dash: {problem}");
    }
    eprintln!("jx-dash: {} problem(s); data is invalid", error.0.len());
    ExitCode::from(1)
}

fn summary(dataset: &Dataset, dir: Option<&Path>, took: Duration) -> String {
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
