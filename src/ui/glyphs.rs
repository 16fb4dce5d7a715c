//! The non-ASCII symbols the UI draws, in one place.

pub const TAB_DIVIDER: &str = "│";
pub const SEPARATOR: &str = " · ";
pub const BAR_FULL: char = '█';
/// Eighth blocks for the fractional end of a horizontal bar.
pub const BAR_EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
pub const GAP: &str = "·";
pub const MORE_BELOW: &str = "▼ more";
pub const ELLIPSIS: char = '…';
pub const ARROW: &str = "→";
