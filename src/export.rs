//! Snapshots: the dashboard rendered into a [`Buffer`] without a terminal, then written out
//! as text, or styled as ANSI ([`ansi`]), SVG ([`svg`]) or HTML ([`html`]); the styled formats
//! share [`cells`].

mod ansi;
mod cells;
pub mod handout;
mod html;
mod svg;

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub use ansi::to_ansi;
pub use html::{page_style, rows_html, to_html};
pub use svg::to_svg;

use crate::app::App;

/// Renders the app into a fresh buffer of `width`×`height` cells.
pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    app.render(area, &mut buf);
    buf
}

/// The buffer as plain text: one line per row, trailing spaces trimmed, wide characters
/// counted as two columns.
pub fn to_text(buf: &Buffer) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A snapshot's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Ansi,
    Svg,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Ansi => "ans",
            Format::Svg => "svg",
            Format::Html => "html",
        }
    }

    /// The buffer written in this format.
    pub fn write(self, buf: &Buffer) -> String {
        match self {
            Format::Text => to_text(buf),
            Format::Ansi => to_ansi(buf),
            Format::Svg => to_svg(buf),
            Format::Html => to_html(buf),
        }
    }
}

/// A snapshot file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Renders every tab into `dir`, one file each (`overview.svg`, …); returns the paths written.
pub fn write_all_tabs(
    app: &mut App,
    (width, height): (u16, u16),
    format: Format,
    dir: &Path,
) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for tab in 0..app.dataset.tabs.len() {
        app.tab = tab;
        let path = dir.join(format!(
            "{}.{}",
            app.dataset.tabs[tab].id,
            format.extension()
        ));
        let text = format.write(&render(app, width, height));
        std::fs::write(&path, text).map_err(|source| WriteError {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
