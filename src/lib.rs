//! jx-dash: a terminal dashboard of Jiangxi province's open economy.
//!
//! Layers point one way: [`data`] (files → a validated dataset) ← [`app`] (state, keys,
//! actions; with [`format`] for figures in words and [`text`] for bilingual text) ← [`ui`]
//! (widgets, no I/O) ← [`driver`] (one way to run an app) ← [`term`], [`serve`] and
//! [`export`]; `main.rs` parses the command line ([`cli`]) and dispatches.

pub mod action;
pub mod agenda;
pub mod app;
pub mod cli;
pub mod data;
pub mod driver;
pub mod export;
pub mod format;
pub mod serve;
pub mod term;
pub mod text;
pub mod ui;
