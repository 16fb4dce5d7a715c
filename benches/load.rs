//! `cargo bench --bench load`: load + validate the embedded dataset and a generated one of
//! 10,000 indicators × 50 points (budget ≤ 100 ms, ARCHITECTURE.md).

use divan::{Bencher, black_box};
use jx_dash::data::{self, validate};

mod support;

fn main() {
    divan::main();
}

/// The dataset compiled into the binary: 6 files, 52 indicators.
#[divan::bench]
fn embedded() -> data::Dataset {
    data::load_embedded().expect("the embedded dataset validates")
}

/// 10 tab files × 1,000 indicators × 50 yearly points (about 8.6 MB of TOML), generated once
/// outside the timed part.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn generated_10k_x_50(bencher: Bencher) {
    let files = support::dataset(10, 1_000, 50);
    bencher.bench(|| {
        let dataset = validate::build(black_box(&files)).expect("the generated dataset validates");
        assert_eq!(dataset.indicators.len(), 10_000);
        dataset
    });
}

/// The same at a tenth of the size, to see how the time scales.
#[divan::bench(sample_count = 20)]
fn generated_1k_x_50(bencher: Bencher) {
    let files = support::dataset(10, 100, 50);
    bencher.bench(|| validate::build(black_box(&files)).expect("validates"));
}

/// Only the TOML parse of the same files (no deserialization into the schema, no checks): the
/// floor any validation is built on.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn toml_parse_only_10k_x_50(bencher: Bencher) {
    let files = support::dataset(10, 1_000, 50);
    bencher.bench(|| {
        for file in black_box(&files) {
            let text = std::str::from_utf8(&file.bytes).expect("utf-8");
            let (root, errors) = toml::de::DeTable::parse_recoverable(text);
            assert!(errors.is_empty());
            black_box(root);
        }
    });
}

/// A reload after one of the ten files changed (an editor saved it): only that file is read
/// again, then every part merged and checked across files. Each sample changes the file anew.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn reload_one_of_10_10k_x_50(bencher: Bencher) {
    let files = support::dataset(10, 1_000, 50);
    let mut loader = validate::Loader::default();
    loader.build(&files).expect("validates");
    let mut edits = 0u32;
    bencher
        .with_inputs(|| {
            edits += 1;
            edited(&files, edits)
        })
        .bench_local_refs(|files| {
            let dataset = loader.build(black_box(files)).expect("validates");
            assert_eq!(dataset.indicators.len(), 10_000);
            dataset
        });
}

/// How load and reload grow with the data: 10 files of N/10 indicators × 50 quoted points.
const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn scaling_load(bencher: Bencher, indicators: usize) {
    let files = support::dataset(10, indicators / 10, 50);
    bencher.bench(|| validate::build(black_box(&files)).expect("validates"));
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn scaling_reload_one_file(bencher: Bencher, indicators: usize) {
    let files = support::dataset(10, indicators / 10, 50);
    let mut loader = validate::Loader::default();
    loader.build(&files).expect("validates");
    let mut edits = 0u32;
    bencher
        .with_inputs(|| {
            edits += 1;
            edited(&files, edits)
        })
        .bench_local_refs(|files| loader.build(black_box(files)).expect("validates"));
}

/// The files with the fourth one edited (a new name for its first indicator), as an editor
/// saving it would leave them: its bytes differ from the last load's.
fn edited(files: &[data::DataFile], edit: u32) -> Vec<data::DataFile> {
    let mut files = files.to_vec();
    let text = String::from_utf8(files[3].bytes.to_vec()).unwrap();
    let text = text.replacen("name = \"", &format!("name = \"edit {edit} "), 1);
    files[3] = data::DataFile::new(files[3].path.clone(), text.into_bytes());
    files
}
