//! The terminal: setup, restore, and the event loop. The only module that does terminal I/O.
//!
//! The loop blocks on the next event and draws only after something changed, so an idle
//! dashboard writes nothing and uses no CPU. Every frame is wrapped in synchronized output.

use std::io::{self, Stdout, Write};

use crossterm::event::{self, Event, KeyEventKind};
use crossterm::terminal::{
    self, BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::App;

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
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
}

/// Runs the dashboard until the user quits.
pub fn run(app: &mut App) -> io::Result<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
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
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    draw(&mut terminal, app)?;
    while !app.quit {
        let redraw = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => match app.handle_key(key) {
                Some(action) => {
                    app.update(action);
                    true
                }
                None => false,
            },
            Event::Resize(..) => {
                terminal.autoresize()?;
                true
            }
            _ => false,
        };
        if redraw && !app.quit {
            draw(&mut terminal, app)?;
        }
    }
    Ok(())
}

fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()
}
