//! How long parsing (or checking) one entry takes, in memory, on one
//! thread: no disk, no threads, no allocator contention, so that a change to
//! the parser can be measured apart from the machine's noise.
//!
//!     cargo build --release --example gen_journal --example parse_speed
//!     target/release/examples/gen_journal /tmp/j 20000
//!     target/release/examples/parse_speed /tmp/j          # parse
//!     target/release/examples/parse_speed /tmp/j check    # check
//!
//! Reads up to 20,000 entries of the journal's `visits/` folders, then
//! prints the time per entry of five rounds over all of them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use insight::check::Checker;
use insight::model::config::Config;
use insight::model::journal::Bodies;

const MOST_ENTRIES: usize = 20_000;
const ROUNDS: usize = 5;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(journal) = args.next() else {
        eprintln!("usage: parse_speed JOURNAL [check]");
        std::process::exit(2);
    };
    let check = args.next().as_deref() == Some("check");
    let texts = entry_texts(Path::new(&journal));
    let config = Config::default();
    let checker = Checker::new(&config, jiff::civil::date(2026, 11, 23)).bodies(Bodies::Drop);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let mut problems = 0;
        for (path, text) in &texts {
            problems += if check {
                checker.check_text(path, Ok(text)).diagnostics.len()
            } else {
                usize::from(insight::model::entry::parse_leaving_body(path, text, &config).is_err())
            };
        }
        let each = start.elapsed().as_nanos() as f64 / texts.len() as f64;
        println!(
            "{} entries, {problems} problems, {each:.0} ns an entry",
            texts.len()
        );
    }
}

/// The journal path and text of up to [`MOST_ENTRIES`] entries.
fn entry_texts(journal: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = Vec::new();
    let years = std::fs::read_dir(journal.join("visits")).expect("a journal with visits/");
    for year in years.flatten() {
        let Ok(entries) = std::fs::read_dir(year.path()) else {
            continue;
        };
        files.extend(entries.flatten().map(|entry| entry.path()));
    }
    files.sort();
    files.truncate(MOST_ENTRIES);
    files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let rel = path.strip_prefix(journal).ok()?.display().to_string();
            Some((rel, text))
        })
        .collect()
}
