//! The terminal: setup, restore, and the event loop. The only module that does terminal I/O.
//!
//! Keys, resizes, signals and data-file changes all arrive on one channel, so the loop sleeps
//! until something happens and draws only then: an idle dashboard writes nothing and uses no
//! CPU. The only timer is presentation mode's auto-advance. Every frame is wrapped in
//! synchronized output.

use std::io::{self, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::action::Action;
use crate::app::App;
use crate::data;

/// What the dashboard needs from the command line beyond the app's own state.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The data directory to reload from and to watch; `None` for the embedded data.
    pub data_dir: Option<PathBuf>,
}

/// Everything the loop waits for.
enum Input {
    Terminal(Event),
    /// Reading the terminal failed: the link is gone.
    TerminalGone,
    Signal(i32),
    DataChanged,
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
pub fn run(app: &mut App, options: &Options) -> io::Result<Exit> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let (tx, rx) = mpsc::channel();
    spawn_signal_thread(tx.clone())?;
    let _watcher = match &options.data_dir {
        Some(dir) => Some(watch(dir, tx.clone()).map_err(io::Error::other)?),
        None => None,
    };

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
    if app.mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    spawn_hangup_watch(tx.clone());
    spawn_terminal_thread(tx);
    let result =
        draw(&mut terminal, app).and_then(|()| event_loop(app, options, &rx, &mut terminal));
    // `Restore` shows the cursor. Ratatui's own drop would try too and, on a dead link,
    // report the failure with `eprintln!`, which panics when stderr is that dead link.
    std::mem::forget(terminal);
    result
}

fn event_loop(
    app: &mut App,
    options: &Options,
    rx: &Receiver<Input>,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
) -> io::Result<Exit> {
    let mut next_slide = next_slide_at(app);
    loop {
        let input = match next_slide {
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
        let action = match input {
            None => Some(Action::Advance),
            Some(Input::Terminal(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                app.handle_key(key)
            }
            Some(Input::Terminal(Event::Mouse(mouse))) => {
                let width = terminal.size()?.width;
                app.handle_mouse(mouse, width)
            }
            Some(Input::Terminal(Event::Resize(..))) => {
                draw(terminal, app)?;
                None
            }
            Some(Input::Terminal(_)) => None,
            Some(Input::TerminalGone | Input::Signal(SIGHUP)) => return Ok(Exit::Hangup),
            Some(Input::Signal(signal)) => return Ok(Exit::Signal(signal)),
            Some(Input::DataChanged) => Some(Action::Reload),
        };
        let Some(action) = action else { continue };
        let was_presenting = app.presenting();
        let reload = action == Action::Reload;
        app.update(action);
        if reload {
            let result = data::load(options.data_dir.as_deref());
            app.update(Action::Reloaded(Box::new(result)));
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        if app.presenting() != was_presenting || next_slide.is_some_and(|at| at <= Instant::now()) {
            next_slide = next_slide_at(app);
        }
        draw(terminal, app)?;
    }
}

fn next_slide_at(app: &App) -> Option<Instant> {
    let seconds = app.presentation.filter(|_| app.presenting())?.seconds;
    Some(Instant::now() + Duration::from_secs(seconds))
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
