//! Short answers to quiet keys, shown in the footer for a moment.

use super::Currency;
use crate::text::Lang;

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
    /// `t` chose this view.
    View(&'static str, &'static str),
}

impl Notice {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::Reloading => lang.pick("reloading the data…", "正在重新加载数据…").into(),
            Notice::Reloaded => lang.pick("data reloaded", "数据已重新加载").into(),
            Notice::Currency(Currency::Usd) => lang
                .pick(
                    "amounts in US dollars, each year at its official average rate",
                    "金额按各年官方平均汇率折算为美元",
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
            Notice::View(en, zh) => lang.pick(en, zh).into(),
        }
    }
}
