//! Short answers to quiet keys, shown in the footer for a moment.

use super::Currency;
use crate::text::{Lang, Text};

/// What the footer says after a key that otherwise changes little on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Reloading,
    Reloaded,
    Currency(Currency),
    Lang,
    /// Past the last tab, back at the first.
    FirstTab,
    /// `/` found nothing for this query.
    NoMatch(String),
    /// `t` chose this view; the views it does not offer here, and why.
    View {
        name: Text,
        refused: Vec<(Text, Text)>,
    },
    /// `t` on a figure without other views, and why.
    NoOtherView(Text),
    /// A digit with no tab of that number.
    NoTab(usize),
    /// The zoom view's first (`false`) or last panel of the tab.
    ZoomEnd(bool),
    /// `y` chose this year for the rankings.
    Year(u16),
    /// `v`: the view string of the screen.
    Place(String),
    /// The agenda went to step `step` (0-based) of `count`, titled so.
    Step {
        step: usize,
        count: usize,
        title: Text,
    },
    /// The agenda's first (`false`) or last step.
    AgendaEnd(bool),
    /// `T`, `C`, `A`: this screen's theme, colour depth or glyphs changed.
    Theme(super::ThemeKind),
    Color(super::TermProfile),
    Ascii(bool),
    /// `c` copied this figure (with its source) to the clipboard.
    Copied(Text),
}

impl Notice {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::Reloading => lang.pick("reloading the data…", "正在重新加载数据…").into(),
            Notice::Reloaded => lang.pick("data reloaded", "数据已重新加载").into(),
            Notice::Currency(Currency::Usd) => lang
                .pick(
                    "US$ at each year's official average rate; a year without one stays in yuan",
                    "金额按各年官方平均汇率折算为美元；无汇率的年份仍为人民币",
                )
                .into(),
            Notice::Currency(Currency::Yuan) => {
                lang.pick("amounts in yuan", "金额以人民币显示").into()
            }
            Notice::Lang => lang.pick("English", "中文").into(),
            Notice::FirstTab => lang.pick("back to the first tab", "回到第一个标签").into(),
            Notice::NoMatch(query) => match lang {
                Lang::En => format!("no indicator matches “{query}”"),
                Lang::Zh => format!("没有与“{query}”匹配的指标"),
            },
            Notice::View { name, refused } => {
                let mut text = format!("{}{}", lang.pick("view: ", "视图："), name.get(lang));
                if !refused.is_empty() {
                    let list: Vec<String> = refused
                        .iter()
                        .map(|(view, why)| match lang {
                            Lang::En => format!("{} ({})", view.en, why.en),
                            Lang::Zh => format!("{}（{}）", view.zh, why.zh),
                        })
                        .collect();
                    text.push_str(lang.pick(" · not offered: ", " · 不提供："));
                    text.push_str(&list.join(lang.pick(", ", "，")));
                }
                text
            }
            Notice::NoOtherView(why) => match lang {
                Lang::En => format!("no other view here: {}", why.en),
                Lang::Zh => format!("此处没有其他视图：{}", why.zh),
            },
            Notice::NoTab(n) => match lang {
                Lang::En => format!("no tab {n}"),
                Lang::Zh => format!("没有第{n}个标签"),
            },
            Notice::ZoomEnd(false) => lang
                .pick(
                    "first panel of this tab · Esc back",
                    "已是本标签第一个面板 · Esc返回",
                )
                .into(),
            Notice::ZoomEnd(true) => lang
                .pick(
                    "last panel of this tab · Esc back",
                    "已是本标签最后一个面板 · Esc返回",
                )
                .into(),
            Notice::Year(year) => match lang {
                Lang::En => format!("rankings of {year} · y: next year"),
                Lang::Zh => format!("{year}年排名 · y：下一年"),
            },
            Notice::Place(place) => match lang {
                Lang::En => format!("view: {place}  (jx-dash --view {place})"),
                Lang::Zh => format!("视图：{place}（jx-dash --view {place}）"),
            },
            Notice::Step { step, count, title } => match lang {
                Lang::En => format!("step {} of {count}: {}", step + 1, title.en),
                Lang::Zh => format!("第{}步（共{count}步）：{}", step + 1, title.zh),
            },
            Notice::AgendaEnd(false) => lang
                .pick("first step of the agenda", "已是议程第一步")
                .into(),
            Notice::AgendaEnd(true) => lang
                .pick(
                    "last step of the agenda · g: the steps",
                    "已是议程最后一步 · g：步骤列表",
                )
                .into(),
            Notice::Theme(_) | Notice::Color(_) | Notice::Ascii(_) => self.display_text(lang),
            Notice::Copied(name) => match lang {
                Lang::En => format!(
                    "copied: {} with its source (where the terminal allows OSC 52)",
                    name.en
                ),
                Lang::Zh => format!("已复制：{}及其出处（终端须支持 OSC 52）", name.zh),
            },
        }
    }
}

impl Notice {
    /// `T`, `C`, `A`: what this screen now looks like.
    fn display_text(&self, lang: Lang) -> String {
        match self {
            Notice::Theme(theme) => {
                let name = match theme {
                    super::ThemeKind::Dark => lang.pick("dark", "深色"),
                    super::ThemeKind::Light => lang.pick("light", "浅色"),
                    super::ThemeKind::Contrast => lang.pick("high contrast", "高对比度"),
                };
                this_screen(lang, lang.pick("theme", "主题"), name)
            }
            Notice::Color(profile) => {
                let name = match profile {
                    super::TermProfile::TrueColor => lang.pick("true colour", "真彩色"),
                    super::TermProfile::Ansi256 => lang.pick("256 colours", "256 色"),
                    super::TermProfile::Ansi16 => lang.pick("16 colours", "16 色"),
                    super::TermProfile::NoColor | super::TermProfile::NoTty => {
                        lang.pick("no colour", "无色彩")
                    }
                };
                this_screen(lang, lang.pick("colours", "色彩"), name)
            }
            Notice::Ascii(on) => {
                let name = if *on {
                    lang.pick("ASCII only", "仅 ASCII")
                } else {
                    "Unicode"
                };
                this_screen(lang, lang.pick("glyphs", "字符"), name)
            }
            _ => String::new(),
        }
    }
}

/// `theme: light · this screen only`.
fn this_screen(lang: Lang, what: &str, value: &str) -> String {
    match lang {
        Lang::En => format!("{what}: {value} · this screen only"),
        Lang::Zh => format!("{what}：{value} · 仅本屏"),
    }
}
