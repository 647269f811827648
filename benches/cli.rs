//! End-to-end timings of the release binary on a generated journal.
//!
//!     cargo bench --bench cli                # 10,000 entries
//!     INSIGHT_BENCH_ENTRIES=50000 cargo bench --bench cli
//!
//! Prints the best, median and worst of several runs of each command, and the
//! target from the issue tracker beside it. A benchmark, never a test: timings
//! depend on the machine.

#[path = "synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 15;
const TARGET: Duration = Duration::from_millis(300);

fn main() {
    let entries: usize = std::env::var("INSIGHT_BENCH_ENTRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-journal-{entries}"));
    if !dir.join("insight.yaml").exists() {
        synthetic::write_journal(&dir, entries, 1).expect("write the synthetic journal");
    }
    println!(
        "journal: {} ({entries} entries), {RUNS} runs each, {} cores",
        dir.display(),
        cores()
    );
    let journal = dir.to_string_lossy().into_owned();
    let commands: [&[&str]; 9] = [
        &["list", "--tag", "mobile"],
        &["list", "--tag", "mobile", "--format", "json"],
        &["tags"],
        &[
            "list", "--text", "coupons", "--year", "2025", "--format", "paths",
        ],
        &["report", "--year", "2025"],
        &["report", "--year", "2025", "--format", "markdown"],
        &["ideas"],
        &["quotes", "--limit", "20"],
        &["check"],
    ];
    for args in commands {
        let mut times: Vec<Duration> = (0..RUNS).map(|_| time(&journal, args)).collect();
        times.sort();
        let median = times[RUNS / 2];
        let verdict = if median < TARGET { "under" } else { "OVER" };
        println!(
            "insight {:<52} best {:>4} ms  median {:>4} ms  worst {:>4} ms  ({verdict} {} ms)",
            args.join(" "),
            times[0].as_millis(),
            median.as_millis(),
            times[RUNS - 1].as_millis(),
            TARGET.as_millis(),
        );
    }
}

fn time(journal: &str, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_insight"))
        .args(["--journal", journal, "--today", "2026-11-22"])
        .args(args)
        .env_clear()
        .stdout(Stdio::null())
        .status()
        .expect("run insight");
    // `check` exits 1 when it finds errors; the synthetic journal has warnings only.
    assert!(status.success(), "insight {args:?} failed");
    start.elapsed()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
