//! The command line (a stable contract: see the README and ARCHITECTURE.md).

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::{TermProfile, ThemeKind};
use crate::driver::Options;
use crate::text::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "jx-dash",
    version,
    about = "Terminal dashboard of Jiangxi province's open economy",
    after_help = "Examples:\n  jx-dash                              open the dashboard on the built-in data\n  jx-dash --tab trade --lang zh        start on the Trade tab, in Chinese\n  jx-dash check --data ./data          validate a directory of indicator files\n  jx-dash snapshot --tab 3 --size 80x24   print a tab as text, without a terminal\n  jx-dash serve --follow --authorized-keys ~/.ssh/authorized_keys   serve over SSH on 127.0.0.1:2222"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the data and print a summary (exit 0 ok, 1 invalid).
    Check,
    /// Render one tab without a terminal and write it to stdout.
    Snapshot(SnapshotArgs),
    /// Serve the dashboard to SSH clients: `ssh -p 2222 HOST` gives each attendee their own.
    Serve(Box<ServeArgs>),
    /// Write the stored figures as a tidy table (a row per number, with its source and quote).
    Export(ExportArgs),
    /// Write a handout of an agenda (`--agenda FILE`): each step as shown, then every figure
    /// with its words and page, in one HTML file.
    Handout(HandoutArgs),
}

#[derive(Debug, Clone, Args)]
pub struct HandoutArgs {
    /// The HTML file to write.
    #[arg(long, short, value_name = "FILE.html")]
    pub output: PathBuf,
    /// Each view's size in columns×rows.
    #[arg(long, default_value = "120x40", value_parser = parse_size)]
    pub size: (u16, u16),
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Only this indicator (repeatable; default: every indicator).
    #[arg(long = "indicator", value_name = "ID")]
    pub indicators: Vec<String>,
    /// CSV (RFC 4180, with a header) or JSON (an array of objects).
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// Write to FILE instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct SnapshotArgs {
    /// Size in columns×rows, e.g. 80x24.
    #[arg(long, default_value = "100x30", value_parser = parse_size)]
    pub size: (u16, u16),
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write to FILE instead of stdout (with --all: a directory, one file per tab).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Render every tab, one file each (`overview.svg`, ...), into the --output directory.
    #[arg(long, requires = "output")]
    pub all: bool,
    /// Open the zoom view of the indicator with this id (`gdp`, `foreign-trade`, ...).
    #[arg(long, value_name = "ID", conflicts_with = "all")]
    pub zoom: Option<String>,
    /// Press these keys first, as a person would (space-separated: `n`, `PgDn`, `Enter`,
    /// `Esc`, `Tab`, `Left`, …), e.g. `--agenda talk.toml --keys "PgDn n"` for the console.
    #[arg(long, value_name = "KEYS", value_parser = parse_keys, conflicts_with = "all")]
    pub keys: Option<Keys>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (use 0.0.0.0:2222 to accept other machines).
    #[arg(long, default_value = "127.0.0.1:2222", value_name = "ADDR")]
    pub listen: std::net::SocketAddr,
    /// Host key (ed25519, created with mode 0600 on first start).
    /// Default: ~/.local/state/jx-dash/host_ed25519.
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,
    /// Public keys allowed to connect (`authorized_keys` format).
    #[arg(long, value_name = "FILE", required_unless_present = "no_auth")]
    pub authorized_keys: Option<PathBuf>,
    /// Admit anyone without authentication (the dashboard is read-only).
    #[arg(long, conflicts_with = "authorized_keys")]
    pub no_auth: bool,
    /// With --follow: sessions authenticated with these keys present; default: the first session.
    #[arg(
        long,
        value_name = "FILE",
        requires = "follow",
        conflicts_with = "no_auth"
    )]
    pub presenter_keys: Option<PathBuf>,
    /// Most sessions at once.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub max_sessions: u16,
    /// Disconnect a client after this many seconds without input.
    #[arg(long, default_value_t = 1800, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout: u64,
    /// Every viewer follows the presenter's tab, focus and zoom (a navigation key breaks
    /// away, `f` rejoins).
    #[arg(long)]
    pub follow: bool,
    /// Close a connection that has not started its session (handshake, authentication, shell)
    /// within this many seconds.
    #[arg(long, default_value_t = 20.0, value_name = "SECONDS", value_parser = parse_seconds)]
    pub login_grace: f64,
    /// Logins in progress: past START, drop new ones at random (RATE % at START, rising to
    /// 100 % at FULL), as `OpenSSH`'s `MaxStartups`.
    #[arg(long, default_value = "10:30:100", value_name = "START:RATE:FULL")]
    pub max_startups: crate::serve::guard::Startups,
    /// Most logins in progress from one source address (an IPv6 /64).
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub per_source_startups: u16,
    /// Penalty seconds per misdeed of a source, and when it is refused (`min`, up to `max`),
    /// as `OpenSSH`'s `PerSourcePenalties`; or `off`.
    #[arg(
        long,
        default_value = "authfail:5,noauth:1,grace:20,min:15,max:600",
        value_name = "KEY:SECONDS,..."
    )]
    pub penalties: crate::serve::guard::Penalties,
    /// Never penalize this address or network (repeatable), e.g. `10.0.0.0/8` or `::1`.
    #[arg(long, value_name = "ADDR/NET")]
    pub penalty_exempt: Vec<crate::serve::guard::Net>,
    /// Log accepted viewers, refusals and penalties to FILE (`-` for stderr); default: no log.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// With --follow: record what the room sees of the presenter to FILE, an asciicast v2
    /// (`asciinema play FILE`), with a marker at each tab, zoom and agenda step.
    #[arg(long, value_name = "FILE.cast", requires = "follow")]
    pub record: Option<PathBuf>,
    /// With --follow: a read-only browser view of the presenter at ADDR (e.g. 0.0.0.0:8080);
    /// the join screen's QR code then carries its address.
    #[arg(long, value_name = "ADDR", requires = "follow")]
    pub http: Option<std::net::SocketAddr>,
    /// The browser view answers only requests with `?token=TOKEN` (the QR code carries it).
    #[arg(long, value_name = "TOKEN", requires = "http")]
    pub http_token: Option<String>,
    /// Most browser views at once.
    #[arg(long, default_value_t = 500, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub http_max_clients: u16,
    /// With --follow: when the meeting ends (SIGTERM, Ctrl-C, the last viewer leaving),
    /// write each view the room saw and every figure's source to FILE.html.
    #[arg(long, value_name = "FILE.html", requires = "follow")]
    pub handout: Option<PathBuf>,
    /// Most open browser connections from one address.
    #[arg(long, default_value_t = 32, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub http_per_address: u16,
    /// A browser's request headers must arrive within this time, and one that takes no
    /// bytes for as long is dropped.
    #[arg(long, default_value_t = 20.0, value_name = "SECONDS", value_parser = parse_seconds)]
    pub http_timeout: f64,
}

/// A number of seconds from 0.1 to a day.
fn parse_seconds(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|v| (0.1..=86_400.0).contains(v))
        .ok_or_else(|| format!("`{s}` is not a number of seconds from 0.1 to 86400"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text, no escape codes.
    Text,
    /// Text with SGR color codes (respects --color and `NO_COLOR`).
    Ansi,
    /// A self-contained SVG picture of the terminal.
    Svg,
    /// A self-contained HTML page (inline CSS, no scripts).
    Html,
}

impl From<Format> for crate::export::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Text => Self::Text,
            Format::Ansi => Self::Ansi,
            Format::Svg => Self::Svg,
            Format::Html => Self::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum LangArg {
    #[default]
    En,
    Zh,
}

#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Directory of indicator TOML files (default: the dataset built into the binary).
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ViewArgs {
    /// Start tab: a name (overview, growth, trade, innovation, livelihood) or a number.
    #[arg(long, value_name = "NAME|N", global = true)]
    pub tab: Option<String>,
    /// Language of every label [default: en; over SSH: the client's LANG].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,
    /// Color depth; `auto` reads `TERM` and `COLORTERM`, and `NO_COLOR` turns color off.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true)]
    pub color: ColorArg,
    /// Only ASCII glyphs (borders, chart markers, arrows) for fonts without box drawing.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Color theme; `contrast` is for washed-out projectors.
    #[arg(long, value_enum, default_value_t = ThemeArg::Dark, global = true)]
    pub theme: ThemeArg,
    /// Presentation mode: advance to the next tab every SECONDS (any key pauses, `p` resumes).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600), global = true)]
    pub present: Option<u64>,
    /// Capture the mouse (click a tab to select it).
    #[arg(long)]
    pub mouse: bool,
    /// Start at this view: TAB[/INDICATOR][/zoom][/VIEW][/YEAR][/usd], e.g.
    /// `trade/foreign-trade/zoom/change` (`v` shows the current one).
    #[arg(long, value_name = "STRING", global = true)]
    pub view: Option<String>,
    /// An agenda (TOML): the clicker keys walk its steps; with `check`, validate it.
    #[arg(long, value_name = "FILE", global = true)]
    pub agenda: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Truecolor,
    #[value(name = "256")]
    Ansi256,
    #[value(name = "16")]
    Ansi16,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Dark,
    Light,
    Contrast,
}

/// Keys to press before a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys(pub Vec<crossterm::event::KeyEvent>);

/// The names `--keys` takes besides single characters.
const KEY_NAMES: [(&str, crossterm::event::KeyCode); 12] = {
    use crossterm::event::KeyCode as K;
    [
        ("Enter", K::Enter),
        ("Esc", K::Esc),
        ("Tab", K::Tab),
        ("BackTab", K::BackTab),
        ("Left", K::Left),
        ("Right", K::Right),
        ("Up", K::Up),
        ("Down", K::Down),
        ("PgUp", K::PageUp),
        ("PgDn", K::PageDown),
        ("Space", K::Char(' ')),
        ("Backspace", K::Backspace),
    ]
};

/// Parses `n PgDn Enter`: names of keys, or single characters, separated by spaces.
pub fn parse_keys(text: &str) -> Result<Keys, String> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let code = match (chars.next(), chars.next()) {
                (Some(c), None) => Some(KeyCode::Char(c)),
                _ => KEY_NAMES
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(word))
                    .map(|(_, code)| *code),
            };
            code.map(|code| KeyEvent::new(code, KeyModifiers::NONE))
                .ok_or_else(|| {
                    let names: Vec<&str> = KEY_NAMES.iter().map(|(n, _)| *n).collect();
                    format!(
                        "unknown key `{word}`: a single character or one of {}",
                        names.join(", ")
                    )
                })
        })
        .collect::<Result<_, _>>()
        .map(Keys)
}

/// Parses `WxH` (also `W×H`), each between 1 and 1000.
pub fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not WxH, e.g. 80x24"))?;
    let parse = |s: &str| {
        s.trim()
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| format!("`{s}` in `{text}` is not a size between 1 and 1000"))
    };
    Ok((parse(w)?, parse(h)?))
}

impl ViewArgs {
    /// The dashboard options these flags describe; `detect` gives the color depth for `auto`.
    pub fn options(
        &self,
        data_dir: Option<&Path>,
        detect: impl FnOnce() -> TermProfile,
    ) -> Options {
        Options {
            lang: match self.lang {
                Some(LangArg::Zh) => Lang::Zh,
                Some(LangArg::En) | None => Lang::En,
            },
            theme: match self.theme {
                ThemeArg::Dark => ThemeKind::Dark,
                ThemeArg::Light => ThemeKind::Light,
                ThemeArg::Contrast => ThemeKind::Contrast,
            },
            color: self.color.profile().unwrap_or_else(detect),
            ascii: self.ascii,
            mouse: self.mouse,
            present: self.present,
            tab: self.tab.clone(),
            data_dir: data_dir.map(Path::to_path_buf),
            view: self.view.clone(),
            // Read by the caller once the data is loaded (the agenda is checked against it).
            agenda: None,
        }
    }
}

impl ColorArg {
    /// The depth `--color` names; `None` for `auto`.
    pub fn profile(self) -> Option<TermProfile> {
        match self {
            ColorArg::Auto => None,
            ColorArg::Truecolor => Some(TermProfile::TrueColor),
            ColorArg::Ansi256 => Some(TermProfile::Ansi256),
            ColorArg::Ansi16 => Some(TermProfile::Ansi16),
            ColorArg::None => Some(TermProfile::NoColor),
        }
    }
}
