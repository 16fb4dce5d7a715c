//! The join screen of `serve` (`J`): the command to join, the host key's fingerprint to check
//! it against, and a QR code of the command a phone can read from a projector.

use qrcode::{Color as Module, EcLevel, QrCode};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::Ctx;
use crate::app::{App, Join};

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

/// The largest code that fits `area` beside `beside` columns of text (at least the smallest
/// code, whatever room is left), as rows.
fn fitted_qr(text: &str, area: Rect, beside: u16) -> Option<Vec<String>> {
    (1..=4)
        .rev()
        .filter_map(|scale| qr_rows(text, scale))
        .find(|rows| {
            let width = rows.first().map_or(0, |r| r.chars().count());
            let fits_width = usize::from(area.width) >= width + usize::from(beside) + 3;
            fits_width && rows.len() <= usize::from(area.height)
        })
        .or_else(|| qr_rows(text, 1))
}

/// The join card over the whole body.
pub struct JoinCard<'a> {
    app: &'a App,
    ctx: &'a Ctx<'a>,
    join: &'a Join,
}

impl<'a> JoinCard<'a> {
    pub fn new(app: &'a App, ctx: &'a Ctx<'a>, join: &'a Join) -> Self {
        Self { app, ctx, join }
    }
}

impl Widget for JoinCard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme, join) = (self.app, &self.ctx.theme, self.join);
        let lang = app.lang;
        Clear.render(area, buf);
        let block = Block::bordered()
            .title(lang.pick(" Join this dashboard ", " 加入本看板 "))
            .border_style(theme.border_focus);
        let inner = block.inner(area);
        block.render(area, buf);
        // Half blocks are not ASCII: under --ascii the card gives the command only.
        let rows = if app.ascii {
            None
        } else {
            // Beside the code: the fingerprint on one line, or a readable column.
            let beside = u16::try_from(join.fingerprint.len() + 2)
                .unwrap_or(u16::MAX)
                .max(40);
            join.commands
                .first()
                .and_then(|c| fitted_qr(c, inner, beside))
        };
        let qr_width = rows
            .as_ref()
            .and_then(|r| r.first())
            .map_or(0, |r| u16::try_from(r.chars().count()).unwrap_or(u16::MAX));
        let qr_height = rows
            .as_ref()
            .map_or(0, |r| u16::try_from(r.len()).unwrap_or(u16::MAX));
        let fits = qr_width > 0 && qr_width + 2 <= inner.width && qr_height <= inner.height;
        let text_area = if fits {
            // Light modules drawn in white on black: the right way round on any terminal
            // theme; without color, the terminal's own (usually light on dark) colors.
            let style = if app.color == crate::app::TermProfile::NoColor {
                Style::default()
            } else {
                Style::default().fg(Color::White).bg(Color::Black)
            };
            let qr = Rect::new(inner.x + 1, inner.y, qr_width, qr_height);
            let lines: Vec<Line> = rows
                .unwrap_or_default()
                .into_iter()
                .map(|r| Line::styled(r, style))
                .collect();
            Paragraph::new(lines).render(qr, buf);
            Rect::new(
                qr.right() + 2,
                inner.y,
                inner.width.saturating_sub(qr_width + 3),
                inner.height,
            )
        } else {
            inner
        };
        let mut lines = vec![Line::styled(
            lang.pick("Join from a terminal:", "在终端中加入："),
            theme.muted,
        )];
        for command in &join.commands {
            lines.push(Line::styled(format!("  {command}"), theme.hero));
        }
        let key_lines = vec![
            Line::styled(
                lang.pick(
                    "ssh asks to trust the host key; it must read:",
                    "ssh 首次连接时会显示主机密钥指纹，应为：",
                ),
                theme.muted,
            ),
            Line::styled(format!("  {}", join.fingerprint), theme.text),
        ];
        // A fingerprint is never wrapped: beside the code if it fits, else under it.
        let key_width = u16::try_from(join.fingerprint.len() + 2).unwrap_or(u16::MAX);
        let under = Rect::new(
            inner.x + 1,
            inner.y + qr_height,
            inner.width.saturating_sub(1),
            inner.height.saturating_sub(qr_height),
        );
        if key_width <= text_area.width || !fits {
            lines.push(Line::default());
            lines.extend(key_lines);
        } else if under.height >= 2 {
            Paragraph::new(key_lines).render(under, buf);
        } else {
            Paragraph::new(key_lines[1..].to_vec()).render(under, buf);
        }
        lines.push(Line::default());
        if fits {
            lines.push(Line::styled(
                lang.pick(
                    "Or scan the code with a phone: it reads the first command.",
                    "或用手机扫描二维码：内容为第一条命令。",
                ),
                theme.muted,
            ));
        }
        lines.push(Line::styled(
            lang.pick(
                "ssh -t … VIEW opens a view string (v shows one). Any key closes; J shows this again.",
                "ssh -t … 视图字符串可直接打开某个视图（按 v 查看）。任意键关闭；按 J 再次显示。",
            ),
            theme.muted,
        ));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(text_area, buf);
    }
}
