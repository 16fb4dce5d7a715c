//! What the user or the event loop asks the app to do, and the one key map: each line of
//! [`KEYMAP`] gives keys their commands, and the help overlay and the footer's key bar are
//! drawn from the same lines. A new key is one line here (and, for a new command, one arm in
//! `App::handle_key` and `App::update`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::data::{Dataset, LoadError};
use crate::text::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    NextTab,
    PrevTab,
    SelectTab(usize),
    FocusNext,
    FocusPrev,
    /// Move the focus the way the screen looks; the driver turns it into [`Action::Focus`] or a
    /// tab change from the layout (at the left or right edge, ←/→ change tab).
    Move(Direction),
    /// Focus this panel of the current tab (a mouse click, a move resolved on the layout).
    Focus(usize),
    /// `t`: the next view of the focused series (level, change, index, share, per capita).
    NextView,
    /// `t` where the focused figure has no other view: the notice says why.
    NoOtherView,
    /// A digit with no tab of that number: the notice says so.
    NoTab(usize),
    /// In the zoom view, a move or a clicker key: the previous (`false`) or next series of a
    /// chart, else panel of the tab, zoomed.
    ZoomStep(bool),
    /// `y`: the next year of the comparison tab's rankings.
    NextYear,
    Zoom,
    /// Esc: close the help overlay, else leave the zoomed panel. Never quits.
    Back,
    ToggleHelp,
    ToggleLang,
    ToggleCurrency,
    /// `p`: pause or resume presentation mode.
    TogglePresent,
    /// The presentation timer fired: next tab, without pausing.
    Advance,
    /// The presentation timer fired on a tab with more pages: this focus target, the first
    /// of the next page, without pausing.
    AdvanceTo(usize),
    /// Whole seconds until the next slide, for the footer's countdown.
    Countdown(u64),
    /// A key that means nothing else while a slideshow runs: it pauses it.
    Pause,
    /// `r`: ask the event loop to read the data again (the app itself does no I/O).
    Reload,
    /// `f` in `serve --follow`: follow the presenter again.
    Rejoin,
    /// The presenter is on this tab (applies only while following).
    FollowTab(usize),
    /// `/`: start typing the name of an indicator to jump to.
    SearchStart,
    SearchInput(char),
    SearchBackspace,
    /// Enter: jump to the selected match.
    SearchSubmit,
    SearchCancel,
    /// ↑/↓ in the `/` prompt: the previous or next match.
    SearchSelect(i8),
    /// The notice line's time is up.
    ClearNotice,
    /// With an agenda, a clicker key: the next (`true`) or previous step.
    Step(bool),
    /// `g`: open the list of agenda steps.
    StepsOpen,
    /// ↑/↓ in the list of steps.
    StepsSelect(usize),
    StepsClose,
    /// Enter in the list: go to this step.
    GoStep(usize),
    /// `v`: the footer shows the current view string.
    ShowPlace,
    /// `J` in `serve`: show or close the join screen.
    JoinScreen,
    /// `n`: open or close the presenter's console (notes, next step, clock, roster).
    ToggleConsole,
    /// The console's clock: seconds since the dashboard started and since the current agenda
    /// step was reached (the driver counts; the app reads no clock).
    Clock {
        elapsed: u64,
        on_step: u64,
    },
    /// The presenter went to this agenda step (applies only while following): its title shows.
    FollowStep(usize),
    /// `T`: the next theme, for this screen only.
    NextTheme,
    /// `C`: the next colour depth, for this screen only.
    NextColor,
    /// `A`: ASCII glyphs on or off, for this screen only.
    ToggleAscii,
    /// `c`: copy the focused figure with its citation to this viewer's clipboard (OSC 52).
    Copy,
    /// The result of reading the data again.
    Reloaded(Box<Result<Dataset, LoadError>>),
}

/// A direction on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// A key as the key map names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The key itself, without Ctrl (Shift is part of the code: `L`, `BackTab`).
    Code(KeyCode),
    Ctrl(char),
    /// Any of `1`–`9`.
    Digit,
}

impl Key {
    fn matches(self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Code(code) => !ctrl && key.code == code,
            Key::Ctrl(c) => ctrl && key.code == KeyCode::Char(c),
            Key::Digit => !ctrl && matches!(key.code, KeyCode::Char('1'..='9')),
        }
    }
}

/// What a key asks for; the app's state turns it into an [`Action`] (or nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Back,
    Help,
    NextTab,
    PrevTab,
    /// What a presentation clicker sends (`PgDn`, Space; `PgUp`): the next or previous tab, or in
    /// the zoom view the next or previous panel.
    Clicker(bool),
    /// The tab of the digit pressed.
    GoToTab,
    Move(Direction),
    Zoom,
    View,
    Year,
    Lang,
    Currency,
    Present,
    Reload,
    Search,
    Rejoin,
    /// With an agenda, ←/→: the previous or next step.
    Step(bool),
    /// With an agenda, `g`: the list of steps.
    Steps,
    /// `v`: show the view string of the screen.
    Place,
    /// `J`: the join screen.
    Join,
    /// `n`: the presenter's console.
    Console,
    /// `T`, `C`, `A`: this screen's theme, colour depth and glyphs.
    Theme,
    Color,
    Ascii,
    /// `c`: the focused figure with its citation, to the clipboard.
    Copy,
}

/// When a line of the key map applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    /// With `--present`.
    Presenting,
    /// In a `serve --follow` session.
    Following,
    /// On a tab with rankings.
    Ranking,
    /// With `--agenda`.
    Agenda,
    /// In a `serve` session.
    Serving,
    /// With an agenda, or presenting in `serve --follow`: the console has something to show.
    Console,
}

/// A short text in both languages, with an ASCII stand-in for English under `--ascii`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
    pub zh: &'static str,
    en_ascii: &'static str,
}

impl Words {
    const fn new(en: &'static str, zh: &'static str) -> Self {
        Self {
            en,
            zh,
            en_ascii: en,
        }
    }

    /// `en` is not ASCII (it names the other language in its own script): say this instead.
    const fn ascii(self, en_ascii: &'static str) -> Self {
        Self { en_ascii, ..self }
    }

    pub fn get(self, lang: Lang, ascii: bool) -> &'static str {
        match lang {
            Lang::En if ascii => self.en_ascii,
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// One line of the key map, which is one line of the help overlay.
#[derive(Debug)]
pub struct Binding {
    /// Each key of the line with the command it gives.
    pub keys: &'static [(Key, Command)],
    /// The keys as the help overlay lists them.
    pub label: Words,
    pub help: Words,
    /// Shown in the footer's key bar as `keys word`.
    pub hint: Option<(&'static str, Words)>,
    pub when: When,
}

use Command as C;
use Direction as D;
use Key::Code;
use KeyCode as K;

/// Every key, in the order help lists them.
pub const KEYMAP: &[Binding] = &[
    // Before the arrows: with an agenda, ←/→ are what a clicker sends.
    Binding {
        keys: &[
            (Code(K::Left), C::Step(false)),
            (Code(K::Right), C::Step(true)),
            (Code(K::Char('g')), C::Steps),
        ],
        label: Words::new("←/→ g", "←/→ g").ascii("Left/Right g"),
        help: Words::new(
            "agenda: back / next step (PgUp/PgDn Space too); g: the steps",
            "议程：上一步/下一步（PgUp/PgDn 空格亦可）；g：步骤列表",
        ),
        hint: Some(("g", Words::new("steps", "步骤"))),
        when: When::Agenda,
    },
    Binding {
        keys: &[
            (Code(K::Up), C::Move(D::Up)),
            (Code(K::Down), C::Move(D::Down)),
            (Code(K::Left), C::Move(D::Left)),
            (Code(K::Right), C::Move(D::Right)),
            (Code(K::Char('k')), C::Move(D::Up)),
            (Code(K::Char('j')), C::Move(D::Down)),
            (Code(K::Char('h')), C::Move(D::Left)),
            (Code(K::Char('l')), C::Move(D::Right)),
        ],
        label: Words::new("arrows hjkl", "方向键 hjkl"),
        help: Words::new(
            "move between panels; past an edge, tab; zoomed: series",
            "在面板间移动；越过左右边缘换标签；放大时切换序列",
        ),
        hint: Some(("↑↓←→", Words::new("move", "移动"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::BackTab), C::PrevTab), (Code(K::Tab), C::NextTab)],
        label: Words::new("Tab Shift-Tab", "Tab Shift-Tab"),
        help: Words::new("next / previous tab", "下一个/上一个标签"),
        hint: Some(("Tab", Words::new("tab", "标签"))),
        when: When::Always,
    },
    Binding {
        keys: &[
            (Code(K::PageUp), C::Clicker(false)),
            (Code(K::PageDown), C::Clicker(true)),
            (Code(K::Char(' ')), C::Clicker(true)),
        ],
        label: Words::new("PgUp/PgDn Space", "PgUp/PgDn 空格"),
        help: Words::new(
            "previous / next tab (a clicker's keys); zoomed: series",
            "上一个/下一个标签（演示遥控器）；放大时切换序列",
        ),
        hint: None,
        when: When::Always,
    },
    Binding {
        keys: &[(Key::Digit, C::GoToTab)],
        label: Words::new("1–9", "1–9"),
        help: Words::new("go to tab", "跳到标签"),
        hint: None,
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Enter), C::Zoom)],
        label: Words::new("Enter", "Enter"),
        help: Words::new("zoom the focused panel", "放大当前面板"),
        hint: Some(("Enter", Words::new("zoom", "放大"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('t')), C::View)],
        label: Words::new("t", "t"),
        help: Words::new(
            "view: level, change, index, share, per capita",
            "视图：数值、变化、指数、占全国、人均",
        ),
        hint: Some(("t", Words::new("view", "视图"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('y')), C::Year)],
        label: Words::new("y", "y"),
        help: Words::new("year of the rankings", "排名年份"),
        hint: Some(("y", Words::new("year", "年份"))),
        when: When::Ranking,
    },
    Binding {
        keys: &[(Code(K::Esc), C::Back)],
        label: Words::new("Esc", "Esc"),
        help: Words::new(
            "back: close help or zoom (never quits)",
            "返回：关闭帮助或放大（不会退出）",
        ),
        hint: Some(("Esc", Words::new("back", "返回"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('L')), C::Lang)],
        label: Words::new("L", "L"),
        help: Words::new("English / 中文", "中文 / English").ascii("English / Chinese"),
        hint: Some(("L", Words::new("中文", "English").ascii("Chinese"))),
        when: When::Always,
    },
    // Capitals change only this screen: a follower keeps following.
    Binding {
        keys: &[
            (Code(K::Char('T')), C::Theme),
            (Code(K::Char('C')), C::Color),
            (Code(K::Char('A')), C::Ascii),
        ],
        label: Words::new("T C A", "T C A"),
        help: Words::new(
            "theme, colours, ASCII of this screen only (as L)",
            "仅本屏的主题、色彩、ASCII（同 L）",
        ),
        hint: None,
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('u')), C::Currency)],
        label: Words::new("u", "u"),
        help: Words::new("yuan / US dollars", "人民币 / 美元"),
        hint: Some(("u", Words::new("US$", "美元"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('p')), C::Present)],
        label: Words::new("p", "p"),
        help: Words::new("pause / resume auto-advance", "暂停/继续自动翻页"),
        hint: Some(("p", Words::new("pause", "暂停"))),
        when: When::Presenting,
    },
    Binding {
        keys: &[(Code(K::Char('r')), C::Reload)],
        label: Words::new("r", "r"),
        help: Words::new("reload the data", "重新加载数据"),
        hint: Some(("r", Words::new("reload", "重载"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('v')), C::Place)],
        label: Words::new("v", "v"),
        help: Words::new(
            "this view's string (for --view, an agenda, ssh)",
            "本视图的字符串（用于 --view、议程、ssh）",
        ),
        hint: None,
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('c')), C::Copy)],
        label: Words::new("c", "c"),
        help: Words::new(
            "copy the figure with its source to your clipboard",
            "复制当前数字及其出处到剪贴板",
        ),
        hint: None,
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('/')), C::Search)],
        label: Words::new("/", "/"),
        help: Words::new("find an indicator by name", "按名称查找指标"),
        hint: Some(("/", Words::new("find", "查找"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('f')), C::Rejoin)],
        label: Words::new("f", "f"),
        help: Words::new("follow the presenter again", "重新跟随演示者"),
        hint: Some(("f", Words::new("follow", "跟随"))),
        when: When::Following,
    },
    Binding {
        keys: &[(Code(K::Char('J')), C::Join)],
        label: Words::new("J", "J"),
        help: Words::new(
            "how to join: the ssh command, the host key, a QR code",
            "加入方式：ssh 命令、主机密钥、二维码",
        ),
        hint: None,
        when: When::Serving,
    },
    Binding {
        keys: &[(Code(K::Char('n')), C::Console)],
        label: Words::new("n", "n"),
        help: Words::new(
            "presenter's console: notes, next step, clock, viewers",
            "演讲者面板：备注、下一步、计时、观众",
        ),
        hint: Some(("n", Words::new("notes", "备注"))),
        when: When::Console,
    },
    Binding {
        keys: &[(Code(K::Char('?')), C::Help)],
        label: Words::new("?", "?"),
        help: Words::new("this help", "本帮助"),
        hint: Some(("?", Words::new("help", "帮助"))),
        when: When::Always,
    },
    Binding {
        keys: &[(Code(K::Char('q')), C::Quit), (Key::Ctrl('c'), C::Quit)],
        label: Words::new("q  Ctrl-C", "q  Ctrl-C"),
        help: Words::new(
            "close help, zoom or search; else quit",
            "关闭帮助、放大或查找；否则退出",
        ),
        hint: Some(("q", Words::new("quit", "退出"))),
        when: When::Always,
    },
];

/// The command `key` gives under the lines of the key map that apply.
pub fn command_for(key: KeyEvent, applies: impl Fn(When) -> bool) -> Option<Command> {
    KEYMAP
        .iter()
        .filter(|b| applies(b.when))
        .flat_map(|b| b.keys)
        .find(|(k, _)| k.matches(key))
        .map(|&(_, command)| command)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key is bound once, but for a line that applies only sometimes (the agenda's ←/→),
    /// listed before the line it overrides.
    #[test]
    fn no_key_gives_two_commands() {
        let keys: Vec<(Key, When)> = KEYMAP
            .iter()
            .flat_map(|b| b.keys.iter().map(|&(k, _)| (k, b.when)))
            .collect();
        for (i, (a, when)) in keys.iter().enumerate() {
            for (b, later) in &keys[i + 1..] {
                let overrides = *when == When::Agenda && *later == When::Always;
                assert!(a != b || overrides, "{a:?} is bound twice");
            }
        }
    }

    #[test]
    fn digits_and_ctrl_are_told_apart() {
        let digit = KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE);
        assert_eq!(command_for(digit, |_| true), Some(Command::GoToTab));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(command_for(ctrl_c, |_| true), Some(Command::Quit));
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(command_for(ctrl_q, |_| true), None);
        let p = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE);
        assert_eq!(command_for(p, |w| w == When::Always), None);
    }
}
