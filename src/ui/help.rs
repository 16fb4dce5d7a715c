//! The `?` overlay: every key, in both languages.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::data::Lang;

/// (keys, English, Chinese)
pub const KEYS: &[(&str, &str, &str)] = &[
    ("←/→ h/l Tab", "previous / next tab", "上一个/下一个标签"),
    (
        "PgUp/PgDn Space",
        "previous / next (clicker)",
        "翻页（演示遥控器）",
    ),
    ("1–9", "go to tab", "跳到标签"),
    ("↑/↓ j/k", "move focus between panels", "在面板间移动焦点"),
    ("Enter", "zoom the focused panel", "放大当前面板"),
    ("Esc", "back (never quits)", "返回（不会退出）"),
    ("L", "English / 中文", "中文 / English"),
    ("u", "yuan / US dollars", "人民币 / 美元"),
    ("p", "pause / resume auto-advance", "暂停/继续自动翻页"),
    ("r", "reload the data", "重新加载数据"),
    ("/", "jump to an indicator by name", "按名称跳转到指标"),
    (
        "f",
        "follow the presenter again (serve)",
        "重新跟随演示者（serve）",
    ),
    ("?", "this help", "本帮助"),
    ("q  Ctrl-C", "quit", "退出"),
];

/// ┌ Keys ─────────────────────────┐
/// │ ←/→ h/l Tab   previous / next │
/// │ ...                           │
/// └───────────────────────────────┘
pub fn render(lang: Lang, ascii: bool, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let height = u16::try_from(KEYS.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4);
    let popup = area.centered(Constraint::Max(56), Constraint::Max(height));
    Clear.render(popup, buf);
    let title = match lang {
        Lang::En => " Keys ",
        Lang::Zh => " 按键 ",
    };
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|&(keys, en, zh)| {
            let what = match lang {
                // Under --ascii the English screen is pure ASCII, this label included.
                Lang::En if ascii && keys == "L" => "English / Chinese",
                Lang::En => en,
                Lang::Zh => zh,
            };
            Line::from(vec![
                Span::styled(format!(" {keys:<17}"), theme.key),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::default());
    let close = match lang {
        Lang::En => " ? or Esc closes this help",
        Lang::Zh => " 按 ? 或 Esc 关闭",
    };
    lines.push(Line::styled(close, theme.muted));
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme.border_focus),
        )
        .render(popup, buf);
}
