//! A session's screen: a ratatui terminal whose output is collected per frame and sent down the
//! SSH channel, sized by the client's pty and never by the server's own tty.

use std::io::{BufWriter, Write};
use std::sync::{Arc, Mutex};

use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::sync::mpsc;

use crate::app::App;

/// Collects what ratatui writes for one frame; the session takes the bytes after each draw.
#[derive(Default, Clone)]
struct FrameSink(Arc<Mutex<Vec<u8>>>);

impl FrameSink {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

impl Write for FrameSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What became of a frame.
pub(super) enum Sent {
    Yes,
    /// The client is behind: the frame was dropped and the next one redraws everything.
    Skipped,
    Gone,
}

/// The backend writes through a buffer: crossterm writes each escape sequence and run of text
/// on its own, and ratatui flushes once at the end of a frame.
type Backend = CrosstermBackend<BufWriter<FrameSink>>;

pub(super) struct Screen {
    terminal: Terminal<Backend>,
    sink: FrameSink,
    area: Rect,
}

fn terminal_of(sink: &FrameSink, area: Rect) -> std::io::Result<Terminal<Backend>> {
    Terminal::with_options(
        CrosstermBackend::new(BufWriter::with_capacity(16 * 1024, sink.clone())),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
}

impl Screen {
    pub fn new((width, height): (u16, u16)) -> std::io::Result<Self> {
        let area = Rect::new(0, 0, width, height);
        let sink = FrameSink::default();
        let terminal = terminal_of(&sink, area)?;
        Ok(Self {
            terminal,
            sink,
            area,
        })
    }

    /// The alternate screen, a hidden cursor and a clear screen, queued before the first frame.
    pub fn enter(&mut self) {
        let _ = crossterm::queue!(
            self.sink,
            terminal::EnterAlternateScreen,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        );
    }

    /// The bytes that give the client its terminal back.
    pub fn leave(&mut self) -> Vec<u8> {
        let mut bytes = self.sink.take();
        let _ = crossterm::queue!(bytes, cursor::Show, terminal::LeaveAlternateScreen);
        bytes
    }

    /// A new size, or a forced full redraw: a fresh terminal (ratatui's own `resize` would ask
    /// the server's tty for its size) and a cleared screen, so the next frame is complete.
    pub fn resize(&mut self, (width, height): (u16, u16)) {
        self.area = Rect::new(0, 0, width, height);
        if let Ok(terminal) = terminal_of(&self.sink, self.area) {
            self.terminal = terminal;
        }
        let _ = crossterm::queue!(self.sink, terminal::Clear(terminal::ClearType::All));
    }

    /// Queues `text` for the client's own clipboard (OSC 52), sent with the next frame.
    pub fn copy(&mut self, text: String) {
        let _ = crossterm::queue!(
            self.sink,
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        );
    }

    /// The screen's size, columns and rows.
    pub fn size(&self) -> (u16, u16) {
        (self.area.width, self.area.height)
    }

    /// Draws `app` and returns the bytes of the frame (what changed since the last one, and
    /// anything queued before it), wrapped in synchronized output.
    pub fn frame(&mut self, app: &App) -> std::io::Result<Vec<u8>> {
        let _ = crossterm::queue!(self.sink, BeginSynchronizedUpdate);
        self.terminal
            .draw(|frame| frame.render_widget(app, frame.area()))?;
        let _ = crossterm::queue!(self.sink, EndSynchronizedUpdate);
        Ok(self.sink.take())
    }

    /// Draws `app` and queues the frame; a full queue drops it (the client is behind).
    pub fn send_frame(&mut self, app: &App, frames: &mpsc::Sender<Vec<u8>>) -> Sent {
        let Ok(bytes) = self.frame(app) else {
            return Sent::Gone;
        };
        match frames.try_send(bytes) {
            Ok(()) => Sent::Yes,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.resize((self.area.width, self.area.height));
                Sent::Skipped
            }
            Err(mpsc::error::TrySendError::Closed(_)) => Sent::Gone,
        }
    }
}
