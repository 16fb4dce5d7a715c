//! The presenter's console (`n`): a pane only the presenting screen draws, with the current
//! agenda step's notes, the next step's title, the clock, and who is watching. Followers'
//! sessions never hold the notes, so no frame of theirs can show them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Ctx;
use crate::app::{App, Follow};
use crate::format;
use crate::text::Lang;
use unicode_width::UnicodeWidthStr;

/// From this width the console stands beside the body; below it, under it.
pub const SIDE_FROM_WIDTH: u16 = 120;
/// The side pane's width and the bottom pane's height, borders included.
const SIDE_WIDTH: u16 = 40;
const BOTTOM_HEIGHT: u16 = 8;

/// Where the console goes on a body of `body`: `(body left, console)`.
pub fn split(body: Rect) -> (Rect, Rect) {
    if body.width >= SIDE_FROM_WIDTH {
        let side = Rect {
            x: body.right() - SIDE_WIDTH,
            width: SIDE_WIDTH,
            ..body
        };
        (
            Rect {
                width: body.width - SIDE_WIDTH,
                ..body
            },
            side,
        )
    } else {
        let height = BOTTOM_HEIGHT.min(body.height / 2);
        let bottom = Rect {
            y: body.bottom() - height,
            height,
            ..body
        };
        (
            Rect {
                height: body.height - height,
                ..body
            },
            bottom,
        )
    }
}

/// `12:34`, or `1:02:03` past an hour.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The windows smaller than `screen` (narrower or shorter), smallest first, each size once
/// with how many share it.
pub fn smaller(sizes: &[(u16, u16)], screen: (u16, u16)) -> Vec<((u16, u16), usize)> {
    let mut found: Vec<(u16, u16)> = sizes
        .iter()
        .copied()
        .filter(|&(w, h)| w < screen.0 || h < screen.1)
        .collect();
    found.sort_unstable();
    let mut grouped: Vec<((u16, u16), usize)> = Vec::new();
    for size in found {
        match grouped.last_mut() {
            Some((last, n)) if *last == size => *n += 1,
            _ => grouped.push((size, 1)),
        }
    }
    grouped
}

/// ```text
/// ┌ Presenter · only you see this ─────────── 12:34 · on step 1:05 ┐
/// │ Step 3 of 11: A decade of growth                                │
/// │ Arrows step to China's series in the same chart. …              │
/// │ Next: Real growth, year by year                                 │
/// │ 12 viewers: 10 following, 2 away                                │
/// │ 3 smaller than yours: 80×24 ×2, 100×30                          │
/// └─────────────────────────────────────────────────────────────────┘
/// ```
pub struct Console<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
    /// The presenter's whole screen, which the viewers' windows are compared with.
    screen: (u16, u16),
}

impl<'a> Console<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>, screen: (u16, u16)) -> Self {
        Self { app, ctx, screen }
    }

    /// Where the agenda is: the step shown, or the step left and where the clicker goes.
    fn step_line(&self) -> Option<Line<'static>> {
        let (app, theme, lang) = (self.app, &self.ctx.theme, self.app.lang);
        let agenda = app.agenda.as_ref()?;
        let step = agenda.steps.get(app.step)?;
        let count = agenda.steps.len();
        let on_step = step.place == app.place();
        let (label, style) = match (on_step, lang) {
            (true, Lang::En) => (format!("Step {} of {count}: ", app.step + 1), theme.key),
            (true, Lang::Zh) => (format!("第{}步（共{count}步）：", app.step + 1), theme.key),
            (false, Lang::En) => (
                format!("Off the agenda (← step {}): ", app.step + 1),
                theme.warn,
            ),
            (false, Lang::Zh) => (
                format!("已离开议程（← 回到第{}步）：", app.step + 1),
                theme.warn,
            ),
        };
        Some(Line::from(vec![
            Span::styled(label, style),
            Span::styled(step.title.get(lang).to_string(), theme.hero),
        ]))
    }

    fn next_line(&self) -> Option<Line<'static>> {
        let (app, theme, lang) = (self.app, &self.ctx.theme, self.app.lang);
        let agenda = app.agenda.as_ref()?;
        let text = match agenda.steps.get(app.step + 1) {
            Some(next) => next.title.get(lang).to_string(),
            None => lang.pick("(the last step)", "（最后一步）").to_string(),
        };
        Some(Line::from(vec![
            Span::styled(lang.pick("Next: ", "下一步："), theme.muted),
            Span::styled(text, theme.text),
        ]))
    }

    /// With room to spare (the side pane), the steps after the next, one line each.
    fn later_lines(&self, width: usize, room: usize) -> Vec<Line<'static>> {
        let (app, theme, lang) = (self.app, &self.ctx.theme, self.app.lang);
        let Some(agenda) = app.agenda.as_ref() else {
            return Vec::new();
        };
        let later = agenda.steps.iter().enumerate().skip(app.step + 2);
        if room < 3 || later.len() == 0 {
            return Vec::new();
        }
        let mut lines = vec![
            Line::default(),
            Line::styled(lang.pick("Later:", "之后："), theme.muted),
        ];
        for (i, step) in later.take(room - 2) {
            let line = format!("{:>2} {}", i + 1, step.title.get(lang));
            lines.push(Line::styled(format::truncate(&line, width), theme.muted));
        }
        lines
    }

    /// Who watches: viewers, following or away; then the windows smaller than this one.
    fn roster_lines(&self) -> Vec<String> {
        let Some(Follow::Presenter { viewers, away }) = self.app.follow else {
            return Vec::new();
        };
        let lang = self.app.lang;
        let following = viewers - away.min(viewers);
        let small = smaller(&self.app.audience_sizes, self.screen);
        let count: usize = small.iter().map(|(_, n)| n).sum();
        let sizes: Vec<String> = small
            .iter()
            .map(|((w, h), n)| match n {
                1 => format!("{w}×{h}"),
                n => format!("{w}×{h} ×{n}"),
            })
            .collect();
        let counts = match lang {
            Lang::En => format!("{viewers} viewers: {following} following, {away} away"),
            Lang::Zh => format!("观众{viewers}人：{following}人跟随，{away}人离开"),
        };
        let windows = match (count, lang) {
            (0, _) => lang
                .pick("No window smaller than yours", "无比你小的窗口")
                .to_string(),
            (_, Lang::En) => format!("{count} smaller than yours: {}", sizes.join(", ")),
            (_, Lang::Zh) => format!("{count}个窗口比你小：{}", sizes.join("、")),
        };
        vec![counts, windows]
    }
}

impl Widget for Console<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme, lang) = (self.app, &self.ctx.theme, self.app.lang);
        Clear.render(area, buf);
        let time = match lang {
            Lang::En => format!(
                " {} · on step {} ",
                clock(app.clock.elapsed),
                clock(app.clock.on_step)
            ),
            Lang::Zh => format!(
                " 已用 {} · 本步 {} ",
                clock(app.clock.elapsed),
                clock(app.clock.on_step)
            ),
        };
        let title = lang.pick(" Presenter · only you see this ", " 演讲者面板 · 仅你可见 ");
        // The clock in the border where both fit, else as the pane's first line.
        let in_border = usize::from(area.width) >= title.width() + time.width() + 4;
        let mut block = Block::bordered()
            .title(title)
            .border_style(theme.border_focus);
        if in_border {
            block = block.title_top(Line::styled(time.clone(), theme.key).right_aligned());
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let mut top: Vec<Line> = Vec::new();
        if !in_border {
            top.push(Line::styled(time.trim().to_string(), theme.key));
        }
        let mut bottom: Vec<Line> = Vec::new();
        match self.step_line() {
            Some(line) => top.push(line),
            None => top.push(Line::styled(
                lang.pick(
                    "No agenda: --agenda FILE gives steps and speaker notes.",
                    "未加载议程：--agenda 文件提供步骤和演讲备注。",
                ),
                theme.muted,
            )),
        }
        bottom.extend(self.next_line());
        for roster in self.roster_lines() {
            bottom.extend(
                format::wrap(&roster, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.muted)),
            );
        }
        // The notes fill what is left; a cut says so.
        let notes = app
            .agenda
            .as_ref()
            .and_then(|a| a.steps.get(app.step))
            .map(|s| s.notes.get(lang).to_string())
            .unwrap_or_default();
        let room = usize::from(inner.height).saturating_sub(top.len() + bottom.len());
        let mut lines = format::wrap(&notes, width);
        if lines.len() > room {
            lines.truncate(room);
            if let Some(last) = lines.last_mut() {
                *last = format::truncate(&format!("{last} …"), width);
            }
        }
        let spare = room.saturating_sub(lines.len());
        top.extend(lines.into_iter().map(|l| Line::styled(l, theme.text)));
        top.extend(bottom);
        top.extend(self.later_lines(width, spare));
        Paragraph::new(top).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smaller_windows_are_grouped_by_size() {
        let sizes = [(80, 24), (200, 60), (80, 24), (120, 30), (120, 40)];
        assert_eq!(
            smaller(&sizes, (120, 40)),
            [((80, 24), 2), ((120, 30), 1)],
            "a window as large or larger is not listed"
        );
    }

    #[test]
    fn the_clock_reads_minutes_and_hours() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(754), "12:34");
        assert_eq!(clock(3723), "1:02:03");
    }
}
