//! Arbitrary bytes as one tab file next to the embedded `sources.toml`, through the loader
//! (`jx_dash::data::validate::build`); when the file loads, every tab is rendered at 80×24.
//! The loader must never panic, and every problem it reports must be located in a file.
//! The same harness runs on stable as `fuzz_smoke_loader_with_mutated_inputs` in
//! tests/robustness.rs.

#![no_main]

use jx_dash::app::App;
use jx_dash::data::{DataFile, embedded_files, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let sources = embedded_files().swap_remove(0);
    let files = vec![sources, DataFile::new("fuzz/t.toml", bytes.to_vec())];
    match validate::build(&files) {
        Ok(dataset) => {
            let mut app = App::new(dataset);
            for tab in 0..app.dataset.tabs.len() {
                app.tab = tab;
                let _ = jx_dash::export::render(&app, 80, 24);
            }
        }
        Err(error) => {
            assert!(!error.0.is_empty());
            for problem in &error.0 {
                assert!(!problem.message.is_empty(), "{problem:?}");
            }
        }
    }
});
