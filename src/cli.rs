//! The command line (a stable contract: see DESIGN.md §1).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "jx-dash",
    version,
    about = "Terminal dashboard of Jiangxi province's open economy",
    after_help = "Examples:\n  jx-dash                      open the dashboard on the built-in data\n  jx-dash check                validate the built-in data\n  jx-dash check --data ./data  validate a directory of indicator files"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the data and print a summary (exit 0 ok, 1 invalid).
    Check {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Directory of indicator TOML files (default: the dataset built into the binary).
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}
