//! jx-dash: a terminal dashboard of Jiangxi province's open economy.
//!
//! [`data`] loads and validates indicator files; the binary in `main.rs` dispatches the
//! command line defined in [`cli`].

pub mod action;
pub mod app;
pub mod cli;
pub mod data;
pub mod export;
pub mod serve;
pub mod term;
pub mod ui;
