use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use jx_dash::app::{App, Presentation};
use jx_dash::cli::{Cli, ColorArg, Command, Format, LangArg, ServeArgs, ThemeArg, ViewArgs};
use jx_dash::data::{self, Dataset, Lang};
use jx_dash::term::Exit;
use jx_dash::ui::theme::{TermProfile, Theme, ThemeKind};
use jx_dash::{export, serve, term};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = cli.data.data.as_deref();
    match cli.command {
        Some(Command::Check) => check(dir),
        Some(Command::Serve(args)) => serve(dir, &cli.view, &args),
        Some(Command::Snapshot {
            size,
            format,
            output,
            all,
        }) => {
            // A snapshot goes to a file or a pipe: `auto` means full color unless NO_COLOR.
            let profile = color_profile(cli.view.color, || {
                if no_color() {
                    TermProfile::NoColor
                } else {
                    TermProfile::TrueColor
                }
            });
            with_app(dir, &cli.view, profile, |app| {
                snapshot(app, size, format, output.as_deref(), all)
            })
        }
        None => {
            if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
                eprintln!(
                    "jx-dash: the dashboard needs a terminal; to render a tab without one, use `jx-dash snapshot`"
                );
                return ExitCode::from(2);
            }
            let profile = color_profile(cli.view.color, || {
                TermProfile::detect(&std::io::stdout(), termprofile_settings())
            });
            let options = term::Options {
                data_dir: dir.map(Path::to_path_buf),
            };
            let mut status = ExitCode::SUCCESS;
            let code = with_app(dir, &cli.view, profile, |app| {
                let exit = term::run(app, &options).context("terminal error")?;
                status = match exit {
                    Exit::Quit => ExitCode::SUCCESS,
                    Exit::Signal(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
                    Exit::Hangup => ExitCode::from(129),
                };
                Ok(())
            });
            if code == ExitCode::SUCCESS {
                status
            } else {
                code
            }
        }
    }
}

/// Loads the data and builds the app from the view options, then runs `f`.
fn with_app(
    dir: Option<&Path>,
    view: &ViewArgs,
    profile: TermProfile,
    f: impl FnOnce(&mut App) -> anyhow::Result<()>,
) -> ExitCode {
    let dataset = match data::load(dir) {
        Ok(dataset) => dataset,
        Err(error) => return report_invalid(&error),
    };
    let mut app = App::new(dataset);
    app.lang = lang(view);
    app.theme = Theme::new(theme_kind(view), profile);
    app.ascii = view.ascii;
    app.mouse = view.mouse;
    app.presentation = view.present.map(|seconds| Presentation {
        seconds,
        paused: false,
    });
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

fn lang(view: &ViewArgs) -> Lang {
    match view.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) | None => Lang::En,
    }
}

fn theme_kind(view: &ViewArgs) -> ThemeKind {
    match view.theme {
        ThemeArg::Dark => ThemeKind::Dark,
        ThemeArg::Light => ThemeKind::Light,
        ThemeArg::Contrast => ThemeKind::Contrast,
    }
}

/// `jx-dash serve`: runs until SIGTERM or SIGINT.
fn serve(dir: Option<&Path>, view: &ViewArgs, args: &ServeArgs) -> ExitCode {
    let dataset = match data::load(dir) {
        Ok(dataset) => dataset,
        Err(error) => return report_invalid(&error),
    };
    let tab = view
        .tab
        .as_deref()
        .map(|name| (name, App::new(dataset.clone()).find_tab(name)));
    if let Some((name, None)) = tab {
        eprintln!("jx-dash: unknown tab `{name}`");
        return ExitCode::from(2);
    }
    let tab = tab.and_then(|(_, index)| index);
    let read_keys = |path: &Path| serve::keys::read_authorized_keys(path);
    let authorized_keys = match args.authorized_keys.as_deref().map(read_keys).transpose() {
        Ok(keys) => keys,
        Err(error) => return fail(&error),
    };
    let presenter_keys = match args.presenter_keys.as_deref().map(read_keys).transpose() {
        Ok(keys) => keys.unwrap_or_default(),
        Err(error) => return fail(&error),
    };
    let config = serve::ServeConfig {
        listen: args.listen,
        host_key: args
            .host_key
            .clone()
            .unwrap_or_else(serve::keys::default_host_key_path),
        authorized_keys,
        presenter_keys,
        max_sessions: usize::from(args.max_sessions),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        follow: args.follow,
        data_dir: dir.map(Path::to_path_buf),
        view: serve::SessionDefaults {
            lang: lang(view),
            lang_forced: view.lang.is_some(),
            theme: theme_kind(view),
            ascii: view.ascii,
            color: match view.color {
                ColorArg::Auto => None,
                other => Some(color_profile(other, || TermProfile::TrueColor)),
            },
            present: view.present,
            tab,
        },
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(&error),
    };
    let no_auth = config.authorized_keys.is_none();
    let host_key = config.host_key.clone();
    let result = runtime.block_on(serve::run(config, dataset, |addr, fingerprint, created| {
        let state = if created { "created" } else { "loaded" };
        println!(
            "jx-dash: serving on {addr}; connect with: ssh -p {} {}",
            addr.port(),
            addr.ip()
        );
        println!(
            "jx-dash: host key {fingerprint} ({state} {})",
            host_key.display()
        );
        if no_auth {
            eprintln!(
                "jx-dash: warning: --no-auth: anyone who can reach {addr} can open the dashboard"
            );
        }
    }));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("jx-dash: {error}");
    ExitCode::from(1)
}

/// `NO_COLOR` set to any non-empty value.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn termprofile_settings() -> termprofile::DetectorSettings<termprofile::NoTerminal> {
    // tmux detection runs the tmux binary; TERM and COLORTERM are enough and cost nothing.
    termprofile::DetectorSettings::new().enable_tmux_info(false)
}

/// The color depth: an explicit `--color` wins, `auto` asks `detect`.
fn color_profile(arg: ColorArg, detect: impl FnOnce() -> TermProfile) -> TermProfile {
    match arg {
        ColorArg::Auto => detect(),
        ColorArg::Truecolor => TermProfile::TrueColor,
        ColorArg::Ansi256 => TermProfile::Ansi256,
        ColorArg::Ansi16 => TermProfile::Ansi16,
        ColorArg::None => TermProfile::NoColor,
    }
}

fn snapshot(
    app: &mut App,
    (width, height): (u16, u16),
    format: Format,
    output: Option<&Path>,
    all: bool,
) -> anyhow::Result<()> {
    let render = |app: &App| {
        let buf = export::render(app, width, height);
        match format {
            Format::Text => export::to_text(&buf),
            Format::Ansi => export::to_ansi(&buf),
            Format::Svg => export::to_svg(&buf),
            Format::Html => export::to_html(&buf),
        }
    };
    match (output, all) {
        (Some(dir), true) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for tab in 0..app.dataset.tabs.len() {
                app.tab = tab;
                let path = dir.join(format!(
                    "{}.{}",
                    app.dataset.tabs[tab].id,
                    format.extension()
                ));
                std::fs::write(&path, render(app))
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!("{}", path.display());
            }
            Ok(())
        }
        (Some(path), false) => std::fs::write(path, render(app))
            .with_context(|| format!("cannot write {}", path.display())),
        (None, _) => std::io::stdout()
            .write_all(render(app).as_bytes())
            .context("cannot write the snapshot to stdout"),
    }
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
