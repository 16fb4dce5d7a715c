//! `jx-dash`: parses the command line and dispatches; every failure leaves through [`fail`].

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use jx_dash::agenda::Agenda;
use jx_dash::app::TermProfile;
use jx_dash::cli::{
    Cli, Command, ExportArgs, HandoutArgs, ServeArgs, SnapshotArgs, TableFormat, ViewArgs,
};
use jx_dash::data::{self, LoadError};
use jx_dash::driver::{StartError, UnknownIndicator};
use jx_dash::term::Exit;
use jx_dash::{export, serve, term};

/// The dashboard was asked for without a terminal.
#[derive(Debug, thiserror::Error)]
#[error("the dashboard needs a terminal; to render a tab without one, use `jx-dash snapshot`")]
struct NoTerminal;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dir = cli.data.data.as_deref();
    let result = match cli.command {
        Some(Command::Check) => check(dir, cli.view.agenda.as_deref()),
        Some(Command::Snapshot(args)) => snapshot(dir, &cli.view, &args),
        Some(Command::Serve(args)) => serve(dir, &cli.view, &args),
        Some(Command::Export(args)) => export_table(dir, &args),
        Some(Command::Handout(args)) => handout(dir, &cli.view, &args),
        None => dashboard(dir, &cli.view),
    };
    result.unwrap_or_else(|error| fail(&error))
}

/// The one exit path for failures: invalid data lists every problem (status 1), misuse says
/// what to do instead (status 2), anything else prints its chain of causes (status 1).
fn fail(error: &anyhow::Error) -> ExitCode {
    if let Some(invalid) = error.downcast_ref::<LoadError>() {
        for problem in &invalid.0 {
            eprintln!("jx-dash: {problem}");
        }
        eprintln!("jx-dash: {} problem(s); data is invalid", invalid.0.len());
        return ExitCode::from(1);
    }
    eprintln!("jx-dash: {error:#}");
    let misuse = error.is::<StartError>()
        || error.is::<UnknownIndicator>()
        || error.is::<NoTerminal>()
        || error.is::<NoAgenda>();
    ExitCode::from(if misuse { 2 } else { 1 })
}

/// `jx-dash check`: validates the data and prints a summary.
fn check(dir: Option<&Path>, agenda: Option<&Path>) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let dataset = data::load(dir)?;
    for warning in &dataset.warnings {
        eprintln!("jx-dash: warning: {warning}");
    }
    println!("{}", dataset.summary(dir, started.elapsed()));
    if let Some(path) = agenda {
        let agenda = Agenda::load(path, &dataset)?;
        println!(
            "{}: {} steps, every view applies to the data",
            path.display(),
            agenda.steps.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that stopped early (`| head`) is not an error.
fn to_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// `jx-dash handout --agenda FILE`: each step as shown, then the figures' sources.
fn handout(dir: Option<&Path>, view: &ViewArgs, args: &HandoutArgs) -> anyhow::Result<ExitCode> {
    if view.agenda.is_none() {
        return Err(NoAgenda.into());
    }
    let options = view.options(dir, || TermProfile::TrueColor);
    let dataset = data::load(dir)?;
    let options = with_agenda(options, view, &dataset)?;
    let mut app = options.app(dataset)?;
    let Some(agenda) = app.agenda.clone() else {
        return Err(NoAgenda.into());
    };
    let title = agenda
        .title
        .as_ref()
        .map_or("jx-dash", |t| t.get(app.lang))
        .to_string();
    let mut handout = export::handout::Handout::new(&title, app.lang);
    for step in 0..agenda.steps.len() {
        app.go_step(step);
        handout.add(&app, args.size, &export::handout::view_title(&app));
    }
    export::handout::write_atomic(&args.output, &handout.to_html())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    println!(
        "{}: {} views and their figures' sources",
        args.output.display(),
        handout.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `handout` without `--agenda`.
#[derive(Debug, thiserror::Error)]
#[error("handout needs --agenda FILE (in `serve`, --handout FILE records the views shown)")]
struct NoAgenda;

/// `jx-dash export`: the stored figures as a tidy table.
fn export_table(dir: Option<&Path>, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let dataset = data::load(dir)?;
    for id in &args.indicators {
        if dataset.indicator(id).is_none() {
            let known: Vec<&str> = dataset.indicators.iter().map(|i| i.id.as_str()).collect();
            return Err(UnknownIndicator {
                id: id.clone(),
                known: known.join(", "),
            }
            .into());
        }
    }
    let rows = data::table::rows(&dataset, &args.indicators);
    let text = match args.format {
        TableFormat::Csv => data::table::to_csv(&rows).context("cannot write the CSV")?,
        TableFormat::Json => data::table::to_json(&rows).context("cannot write the JSON")? + "\n",
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => to_stdout(text.as_bytes()).context("cannot write the table to stdout")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The dashboard options with `--agenda` read and checked against `dataset`.
fn with_agenda(
    mut options: jx_dash::driver::Options,
    view: &ViewArgs,
    dataset: &data::Dataset,
) -> anyhow::Result<jx_dash::driver::Options> {
    if let Some(path) = &view.agenda {
        options.agenda = Some(std::sync::Arc::new(Agenda::load(path, dataset)?));
    }
    Ok(options)
}

/// `NO_COLOR` set to any non-empty value.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `jx-dash snapshot`: a file or a pipe, so `auto` color means full color unless `NO_COLOR`.
fn snapshot(dir: Option<&Path>, view: &ViewArgs, args: &SnapshotArgs) -> anyhow::Result<ExitCode> {
    let options = view.options(dir, || {
        if no_color() {
            TermProfile::NoColor
        } else {
            TermProfile::TrueColor
        }
    });
    let dataset = data::load(dir)?;
    let options = with_agenda(options, view, &dataset)?;
    let mut app = options.app(dataset)?;
    if let Some(id) = &args.zoom {
        UnknownIndicator::zoom(&mut app, id)?;
    }
    let size = args.size;
    if let Some(keys) = &args.keys {
        // Through the driver, which resolves moves on the layout of this size.
        let mut driver = jx_dash::driver::Driver::new(app, None, size, std::sync::Arc::new(|_| {}));
        for key in &keys.0 {
            driver.handle(jx_dash::driver::Event::Key(*key), Instant::now());
        }
        app = driver.app;
    }
    let format = export::Format::from(args.format);
    match (args.output.as_deref(), args.all) {
        (Some(dir), true) => {
            for path in export::write_all_tabs(&mut app, size, format, dir)? {
                println!("{}", path.display());
            }
        }
        (Some(path), false) => {
            let text = format.write(&export::render(&app, size.0, size.1));
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        (None, _) => {
            let text = format.write(&export::render(&app, size.0, size.1));
            to_stdout(text.as_bytes()).context("cannot write the snapshot to stdout")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The dashboard on this terminal; the exit status says how it ended.
fn dashboard(dir: Option<&Path>, view: &ViewArgs) -> anyhow::Result<ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(NoTerminal.into());
    }
    let options = view.options(dir, || {
        // tmux detection runs the tmux binary; TERM and COLORTERM are enough and cost nothing.
        let settings = termprofile::DetectorSettings::new().enable_tmux_info(false);
        TermProfile::detect(&std::io::stdout(), settings)
    });
    let dataset = data::load(dir)?;
    let options = with_agenda(options, view, &dataset)?;
    let app = options.app(dataset)?;
    Ok(match term::run(app, dir)? {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Exit::Hangup => ExitCode::from(129),
    })
}

/// `jx-dash serve`: runs until SIGTERM or SIGINT.
fn serve(dir: Option<&Path>, view: &ViewArgs, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let dataset = data::load(dir)?;
    let options = view.options(dir, || TermProfile::TrueColor);
    let options = with_agenda(options, view, &dataset)?;
    options.app(dataset.clone())?;
    let read_keys = |path: &Path| serve::keys::read_authorized_keys(path);
    let authorized_keys = args.authorized_keys.as_deref().map(read_keys).transpose()?;
    let presenter_keys = args
        .presenter_keys
        .as_deref()
        .map(read_keys)
        .transpose()?
        .unwrap_or_default();
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
        login_grace: Duration::from_secs_f64(args.login_grace),
        guard: serve::guard::GuardConfig {
            startups: args.max_startups,
            per_source: usize::from(args.per_source_startups),
            penalties: args.penalties,
            exempt: args.penalty_exempt.clone(),
        },
        log: args.log.clone(),
        follow: args.follow,
        options,
        lang_forced: view.lang.is_some(),
        record: args.record.clone(),
        handout: args.handout.clone(),
        http: args.http.map(|listen| serve::http::HttpConfig {
            listen,
            token: args.http_token.clone(),
            max_clients: usize::from(args.http_max_clients),
            per_address: usize::from(args.http_per_address),
            timeout: Duration::from_secs_f64(args.http_timeout),
        }),
        color_forced: view.color.profile().is_some(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let no_auth = config.authorized_keys.is_none();
    let host_key = config.host_key.clone();
    runtime.block_on(serve::run(config, dataset, |addr, join, created| {
        let fingerprint = &join.fingerprint;
        let state = if created { "created" } else { "loaded" };
        // Written, not printed: a server whose stdout was closed (`| head -1`) keeps serving.
        let mut out = std::io::stdout().lock();
        let first = join.commands.first().map_or("", String::as_str);
        let _ = writeln!(out, "jx-dash: serving on {addr}; join with: {first}");
        let _ = writeln!(
            out,
            "jx-dash: host key {fingerprint} ({state} {}): the key ssh asks to trust must read so",
            host_key.display()
        );
        let colour = std::io::stdout().is_terminal() && !no_color();
        let _ = write!(out, "{}", serve::join::card(join, colour));
        let _ = out.flush();
        if no_auth {
            let _ = writeln!(
                std::io::stderr(),
                "jx-dash: warning: --no-auth: anyone who can reach {addr} can open the dashboard"
            );
        }
    }))?;
    Ok(ExitCode::SUCCESS)
}
