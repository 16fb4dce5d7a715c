//! The terminal: setup, restore, and the event loop. The only module that does terminal I/O.
//!
//! Keys, resizes, signals, data-file changes and reload results all arrive on one channel, so
//! the loop sleeps until something happens (or the [`Driver`]'s next deadline) and draws only
//! then: an idle dashboard writes nothing and uses no CPU. Every frame is wrapped in
//! synchronized output.

use std::io::{self, Stdout, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::App;
use crate::data::{Dataset, LoadError};
use crate::driver::{self, Driver};

/// Why the dashboard could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("terminal error")]
    Terminal(#[from] io::Error),
    #[error("cannot watch the data directory {dir}")]
    Watch {
        dir: String,
        #[source]
        source: notify::Error,
    },
}

/// Everything the loop waits for.
enum Input {
    Terminal(Event),
    /// Reading the terminal failed: the link is gone.
    TerminalGone,
    Signal(i32),
    DataChanged,
    Reloaded(Result<Dataset, LoadError>),
}

/// How the dashboard ended; the caller turns it into the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ended by a signal (the shell convention: status 128 + signal).
    Signal(i32),
    /// The terminal went away (read error or end of input).
    Hangup,
}

/// Restores the terminal when dropped, so every exit path (return, `?`, panic) leaves the
/// user's shell usable.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Runs the dashboard until the user quits, a signal arrives or the terminal goes away.
/// With a data directory, its files are watched and reloaded when they change.
pub fn run(app: App, data_dir: Option<&Path>) -> Result<Exit, Error> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;
    let _watcher = match data_dir {
        Some(dir) => Some(watch(dir, tx.clone()).map_err(|source| Error::Watch {
            dir: dir.display().to_string(),
            source,
        })?),
        None => None,
    };
    let mouse = app.mouse;
    let size = terminal::size()?;
    let reloaded = tx.clone();
    let deliver: driver::Deliver = Arc::new(move |result| {
        let _ = reloaded.send(Input::Reloaded(result));
    });
    let mut driver = Driver::new(app, data_dir.map(Path::to_path_buf), size, deliver);

    terminal::enable_raw_mode()?;
    let _restore = Restore;
    // The alternate screen is cleared here rather than by `Terminal::clear`, which would ask
    // the terminal for the cursor position and wait for a reply a slow link may never send.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        Clear(ClearType::All)
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    spawn_hangup_watch(tx.clone());
    spawn_terminal_thread(tx);
    let result =
        draw(&mut terminal, &driver.app).and_then(|()| event_loop(&mut driver, &rx, &mut terminal));
    // `Restore` shows the cursor. Ratatui's own drop would try too and, on a dead link,
    // report the failure with `eprintln!`, which panics when stderr is that dead link.
    std::mem::forget(terminal);
    Ok(result?)
}

fn event_loop(
    driver: &mut Driver,
    rx: &Receiver<Input>,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
) -> io::Result<Exit> {
    loop {
        let input = match driver.deadline() {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(input) => Some(input),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Hangup),
            },
            None => match rx.recv() {
                Ok(input) => Some(input),
                Err(_) => return Ok(Exit::Hangup),
            },
        };
        let now = Instant::now();
        let event = match input {
            None => {
                if driver.wake(now) {
                    draw(terminal, &driver.app)?;
                }
                continue;
            }
            Some(Input::Terminal(Event::Key(key))) => driver::Event::Key(key),
            Some(Input::Terminal(Event::Mouse(mouse))) => driver::Event::Mouse(mouse),
            Some(Input::Terminal(Event::Resize(width, height))) => {
                driver::Event::Resize(width, height)
            }
            Some(Input::Terminal(_)) => continue,
            Some(Input::TerminalGone | Input::Signal(SIGHUP)) => return Ok(Exit::Hangup),
            Some(Input::Signal(signal)) => return Ok(Exit::Signal(signal)),
            Some(Input::DataChanged) => driver::Event::DataChanged,
            Some(Input::Reloaded(result)) => driver::Event::Reloaded(result),
        };
        let redraw = driver.handle(event, now);
        if driver.app.quit {
            return Ok(Exit::Quit);
        }
        if let Some(text) = driver.app.clipboard.take() {
            let copy = crossterm::clipboard::CopyToClipboard::to_clipboard_from(text);
            execute!(terminal.backend_mut(), copy)?;
        }
        if redraw {
            draw(terminal, &driver.app)?;
        }
    }
}

/// Forwards terminal events; a read error (the SSH link dropped) ends the thread.
fn spawn_terminal_thread(tx: Sender<Input>) {
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(event) => Input::Terminal(event),
                Err(_) => Input::TerminalGone,
            };
            let gone = matches!(input, Input::TerminalGone);
            if tx.send(input).is_err() || gone {
                return;
            }
        }
    });
}

/// Waits for the terminal to hang up. crossterm retries a terminal that reports end of input
/// instead of failing, so a hangup that comes without SIGHUP would leave it spinning; this
/// thread notices the hangup itself and ends the loop.
fn spawn_hangup_watch(tx: Sender<Input>) {
    use rustix::event::{PollFd, PollFlags, poll};
    std::thread::spawn(move || {
        let stdin = io::stdin();
        loop {
            // No events asked for: poll returns only for hangup and errors.
            let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
            match poll(&mut fds, None) {
                Ok(_)
                    if fds[0]
                        .revents()
                        .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
                {
                    let _ = tx.send(Input::TerminalGone);
                    return;
                }
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(_) => return,
            }
        }
    });
}

/// SIGTERM, SIGINT and SIGHUP end the loop, which restores the terminal on its way out.
fn spawn_signal_thread(tx: Sender<Input>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Input::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Watches the data directory; any change to a `.toml` file asks for a reload.
fn watch(dir: &Path, tx: Sender<Input>) -> notify::Result<notify::RecommendedWatcher> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let toml = event
            .paths
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "toml"));
        // Content, creation, removal and renames; not metadata such as access times.
        let changed = matches!(
            event.kind,
            notify::EventKind::Create(_)
                | notify::EventKind::Remove(_)
                | notify::EventKind::Modify(
                    notify::event::ModifyKind::Data(_)
                        | notify::event::ModifyKind::Name(_)
                        | notify::event::ModifyKind::Any
                )
        );
        if toml && changed {
            let _ = tx.send(Input::DataChanged);
        }
    })?;
    watcher.watch(dir, notify::RecursiveMode::NonRecursive)?;
    Ok(watcher)
}

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()
}
