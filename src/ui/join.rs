//! The join screen of `serve` (`J`): the command to join, the host key's fingerprint to check
//! it against, and a QR code of the command a phone can read from a projector.

use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::Ctx;
use crate::app::{App, Join};
use unicode_width::UnicodeWidthStr;

/// Light modules around the code (the standard asks for four; two keep it on an 80×24
/// screen, and the card's own light border adds to it).
const QUIET: usize = 2;

/// The QR code of `text` as rows of half blocks, each module `scale` columns wide and
/// `scale` half-rows tall (a cell is about twice as tall as wide, so modules stay square),
/// drawn light as `█`/`▀`/`▄` on a dark ground. `None` if it does not encode.
pub fn qr_rows(text: &str, scale: usize) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let modules = code.to_colors();
    let side = (width + 2 * QUIET) * scale.max(1);
    let scale = scale.max(1);
    // A pixel of the picture: columns across, half-rows down.
    let light = |x: usize, y: usize| {
        let (x, y) = (x / scale, y / scale);
        let inside = (QUIET..QUIET + width).contains(&x) && (QUIET..QUIET + width).contains(&y);
        !inside || modules[(y - QUIET) * width + (x - QUIET)] == Module::Light
    };
    let rows = (0..side)
        .step_by(2)
        .map(|y| {
            (0..side)
                .map(|x| match (light(x, y), y + 1 >= side || light(x, y + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect();
    Some(rows)
}

/// The join card over the whole screen.
pub struct JoinCard<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
    join: &'a Join,
}

impl<'a> JoinCard<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>, join: &'a Join) -> Self {
        Self { app, ctx, join }
    }

    /// What must be read whole, never wrapped: each command, the browser address and the host
    /// key, with a label above it (beside the code) and a short one before it (on one line).
    fn facts(&self) -> Vec<Fact> {
        let (lang, join) = (self.app.lang, self.join);
        let mut facts: Vec<Fact> = join
            .commands
            .iter()
            .enumerate()
            .map(|(i, c)| Fact {
                label: lang.pick("In a terminal:", "在终端中："),
                short: lang.pick("terminal:", "终端："),
                value: c.clone(),
                extra: i > 0,
            })
            .collect();
        if let Some(browser) = &join.browser {
            facts.push(Fact {
                label: lang.pick("In a browser (read-only):", "在浏览器中（只读）："),
                short: lang.pick("browser:", "浏览器："),
                value: browser.clone(),
                extra: false,
            });
        }
        facts.push(Fact {
            label: lang.pick(
                "ssh asks to trust the host key; it must read:",
                "ssh 首次连接时显示的主机密钥指纹应为：",
            ),
            short: lang.pick("host key:", "主机密钥："),
            value: join.fingerprint.clone(),
            extra: false,
        });
        facts
    }

    /// Words that may wrap: how to use the code, and the keys.
    fn prose(&self, with_code: bool) -> Vec<&'static str> {
        let lang = self.app.lang;
        let mut prose = Vec::new();
        if with_code {
            prose.push(match self.join.browser {
                Some(_) => lang.pick(
                    "Or scan the code with a phone: it opens the browser view.",
                    "或用手机扫描二维码：在浏览器中打开。",
                ),
                None => lang.pick(
                    "Or scan the code with a phone: it reads the first command.",
                    "或用手机扫描二维码：内容为第一条命令。",
                ),
            });
        }
        prose.push(lang.pick(
            "ssh -t … VIEW opens a view string (v shows one). Any key closes; J shows this again.",
            "ssh -t … 视图字符串可直接打开某个视图（按 v 查看）。任意键关闭；按 J 再次显示。",
        ));
        prose
    }
}

/// The facts as lines: each label above its value (beside the code), or both on one line.
fn fact_lines(facts: &[Fact], beside: bool, theme: &super::theme::Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, fact) in facts.iter().enumerate() {
        if !beside {
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", fact.short), theme.muted),
                Span::styled(fact.value.clone(), theme.hero),
            ]));
            continue;
        }
        if i == 0 || facts[i - 1].label != fact.label {
            if i > 0 {
                lines.push(Line::default());
            }
            lines.push(Line::styled(fact.label, theme.muted));
        }
        lines.push(Line::styled(format!("  {}", fact.value), theme.hero));
    }
    lines
}

/// A line of the card that is never wrapped.
struct Fact {
    label: &'static str,
    short: &'static str,
    value: String,
    /// Another address of the first command: left out where room is short.
    extra: bool,
}

/// How the card is laid out: the code beside every fact (label above value), or the facts on
/// lines of their own above the code.
enum Layout {
    Beside(Vec<String>),
    Above(Vec<String>),
    /// No room for a code (or ASCII): the facts and the words only.
    Plain,
}

/// The largest code that leaves room for the facts, beside it or above it.
fn layout(qr: &str, facts: &[Fact], inner: Rect) -> Layout {
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    let widest = facts
        .iter()
        .map(|f| f.label.width().max(f.value.width() + 2))
        .max()
        .unwrap_or(0);
    let one_line = |f: &Fact| f.short.width() + 1 + f.value.width();
    for scale in (1..=4).rev() {
        let Some(rows) = qr_rows(qr, scale) else {
            return Layout::Plain;
        };
        let code_width = rows.first().map_or(0, |r| r.chars().count());
        let beside = width.saturating_sub(code_width + 3);
        // Each fact as a label and a value, with a blank line between kinds.
        if rows.len() <= height && widest <= beside && facts.len() * 2 + 4 <= height {
            return Layout::Beside(rows);
        }
        let above = facts.iter().filter(|f| !f.extra).count();
        let fits_one_line = facts.iter().all(|f| one_line(f) <= width);
        if fits_one_line && rows.len() + above <= height {
            return Layout::Above(rows);
        }
    }
    Layout::Plain
}

impl Widget for JoinCard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, &self.ctx.theme);
        let lang = app.lang;
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(lang.pick(" Join this dashboard ", " 加入本看板 "))
            .border_style(theme.border_focus);
        let inner = block.inner(area);
        block.render(area, buf);
        let facts = self.facts();
        // Half blocks are not ASCII: under --ascii the card gives the words only.
        let layout = match self.join.qr_text() {
            Some(qr) if !app.ascii => layout(qr, &facts, inner),
            _ => Layout::Plain,
        };
        // Light modules drawn in white on black: the right way round on any terminal theme;
        // without color, the terminal's own (usually light on dark) colors.
        let code_style = if app.color == crate::app::TermProfile::NoColor {
            Style::default()
        } else {
            Style::default().fg(Color::White).bg(Color::Black)
        };
        let draw_code = |rows: Vec<String>, x: u16, y: u16, buf: &mut Buffer| -> Rect {
            let width = u16::try_from(rows.first().map_or(0, |r| r.chars().count())).unwrap_or(0);
            let height = u16::try_from(rows.len()).unwrap_or(0);
            let rect = Rect::new(x, y, width, height).intersection(inner);
            let lines: Vec<Line> = rows
                .into_iter()
                .map(|r| Line::styled(r, code_style))
                .collect();
            Paragraph::new(lines).render(rect, buf);
            rect
        };
        let fact_lines = |beside: bool| fact_lines(&facts, beside, theme);
        let prose = |with_code: bool| -> Vec<Line<'static>> {
            self.prose(with_code)
                .into_iter()
                .map(|p| Line::styled(p, theme.muted))
                .collect()
        };
        match layout {
            Layout::Beside(rows) => {
                let code = draw_code(rows, inner.x + 1, inner.y, buf);
                let text = Rect::new(
                    code.right() + 2,
                    inner.y,
                    inner.right().saturating_sub(code.right() + 2),
                    inner.height,
                );
                let mut lines = fact_lines(true);
                lines.push(Line::default());
                lines.extend(prose(true));
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .render(text, buf);
            }
            Layout::Above(rows) => {
                // The other addresses only where the code leaves room for them.
                let room = usize::from(inner.height).saturating_sub(rows.len());
                let extras = room.saturating_sub(facts.iter().filter(|f| !f.extra).count());
                let mut kept = 0;
                let lines: Vec<Line> = fact_lines(false)
                    .into_iter()
                    .zip(&facts)
                    .filter(|(_, f)| {
                        kept += usize::from(f.extra);
                        !f.extra || kept <= extras
                    })
                    .map(|(line, _)| line)
                    .collect();
                let above = u16::try_from(lines.len()).unwrap_or(0);
                Paragraph::new(lines).render(inner, buf);
                let code = draw_code(rows, inner.x + 1, inner.y + above, buf);
                let text = Rect::new(
                    code.right() + 2,
                    code.y,
                    inner.right().saturating_sub(code.right() + 2),
                    inner.bottom().saturating_sub(code.y),
                );
                Paragraph::new(prose(true))
                    .wrap(Wrap { trim: false })
                    .render(text, buf);
            }
            Layout::Plain => {
                let mut lines = fact_lines(true);
                lines.push(Line::default());
                lines.extend(prose(false));
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .render(inner, buf);
            }
        }
    }
}
