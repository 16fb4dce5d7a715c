//! What the room sees of the presenter: the presenter's screen as a follower of the same size,
//! language and theme would show it, so without the console (its notes), the help overlay,
//! the list of steps, the `/` prompt or the join card. `--record` writes it as an asciicast.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::screen::Screen;
use crate::app::App;

/// Calls `f` with the presenter's app as the room sees it, then puts the presenter's own
/// overlays back.
pub(super) fn with_room_view<T>(app: &mut App, f: impl FnOnce(&App) -> T) -> T {
    let own = (
        std::mem::take(&mut app.console),
        std::mem::take(&mut app.help),
        app.steps_list.take(),
        app.search.take(),
        std::mem::take(&mut app.join_open),
        // Nor the presenter's count of viewers, nor the join line of its key bar.
        app.follow.take(),
    );
    let result = f(app);
    (
        app.console,
        app.help,
        app.steps_list,
        app.search,
        app.join_open,
        app.follow,
    ) = own;
    result
}

/// Where the room is: a change of tab, zoom or agenda step is a marker in the recording.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marks {
    tab: usize,
    zoomed: Option<String>,
    step: Option<usize>,
}

impl Marks {
    fn of(app: &App) -> Self {
        Self {
            tab: app.tab,
            zoomed: app
                .zoomed
                .then(|| app.focused().map(|i| i.id.clone()))
                .flatten(),
            step: app.agenda.as_ref().map(|_| app.step),
        }
    }

    /// The markers from `before` to `self`, as the presenter's language names them.
    fn labels(&self, before: Option<&Self>, app: &App) -> Vec<String> {
        let lang = app.lang;
        let mut labels = Vec::new();
        if before.is_none_or(|b| b.step != self.step)
            && let (Some(step), Some(agenda)) = (self.step, &app.agenda)
            && let Some(s) = agenda.steps.get(step)
        {
            labels.push(format!(
                "{} {}: {}",
                lang.pick("step", "步骤"),
                step + 1,
                s.title.get(lang)
            ));
        }
        if before.is_none_or(|b| b.tab != self.tab)
            && let Some(tab) = app.dataset.tabs.get(self.tab)
        {
            labels.push(format!(
                "{} {}",
                lang.pick("tab", "标签"),
                tab.title.get(lang)
            ));
        }
        if before.is_none_or(|b| b.zoomed != self.zoomed)
            && self.zoomed.is_some()
            && let Some(indicator) = app.focused()
        {
            labels.push(format!(
                "{} {}",
                lang.pick("zoom", "放大"),
                indicator.name.get(lang)
            ));
        }
        labels
    }
}

/// `serve --record FILE.cast`: the room's frames as an asciicast v2 file, a marker at each tab,
/// zoom or agenda step. Every event is written and flushed as it comes, so a crash loses at
/// most the frame being written.
pub struct Recorder {
    path: PathBuf,
    file: BufWriter<File>,
    started: Instant,
    /// Drawn on its first frame, at the presenter's size; redrawn whole on a new size.
    screen: Option<Screen>,
    marks: Option<Marks>,
}

/// One line of the recording: `[seconds, code, data]`.
fn event(seconds: f64, code: &str, data: &str) -> String {
    let data = serde_json::to_string(data).unwrap_or_else(|_| "\"\"".into());
    format!("[{seconds:.6}, \"{code}\", {data}]\n")
}

impl Recorder {
    /// Creates (or truncates) the file; nothing is written before the first frame.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        Ok(Self {
            path: path.to_path_buf(),
            file: BufWriter::new(File::create(path)?),
            started: Instant::now(),
            screen: None,
            marks: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records the room's view of `app` on a screen of `size`.
    pub(super) fn frame(&mut self, app: &App, size: (u16, u16)) -> std::io::Result<()> {
        let seconds = self.started.elapsed().as_secs_f64();
        let mut out = String::new();
        match &mut self.screen {
            None => {
                let header = serde_json::json!({
                    "version": 2,
                    "width": size.0,
                    "height": size.1,
                    "timestamp": std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs()),
                    "title": "jx-dash",
                    "env": { "TERM": "xterm-256color" },
                });
                out.push_str(&header.to_string());
                out.push('\n');
                self.screen = Some(Screen::new(size)?);
            }
            Some(screen) if screen.size() != size => {
                out.push_str(&event(seconds, "r", &format!("{}x{}", size.0, size.1)));
                screen.resize(size);
            }
            Some(_) => {}
        }
        let marks = Marks::of(app);
        for label in marks.labels(self.marks.as_ref(), app) {
            out.push_str(&event(seconds, "m", &label));
        }
        self.marks = Some(marks);
        let Some(screen) = &mut self.screen else {
            return Ok(());
        };
        let bytes = screen.frame(app)?;
        if !bytes.is_empty() {
            out.push_str(&event(seconds, "o", &String::from_utf8_lossy(&bytes)));
        }
        self.file.write_all(out.as_bytes())?;
        self.file.flush()
    }
}
