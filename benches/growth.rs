//! How time and memory grow with the inputs of issue 9's table: each input at
//! a size n and at 10n, run through the release binary. Linear code takes
//! about 10× longer at 10n; the quadratic code this replaced took 100×.
//!
//!     cargo bench --bench growth
//!
//! Prints, for each input and command, the best of three runs at each size,
//! the ratio, and the peak memory (Linux `VmHWM`) at 10n. A benchmark, never
//! a test: timings depend on the machine.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 3;

/// One row: what the journal holds at size `n`, and the commands run on it.
struct Row {
    input: &'static str,
    n: usize,
    build: fn(&Path, usize),
    commands: &'static [&'static [&'static str]],
}

fn main() {
    let rows = [
        Row {
            input: "one entry with a block list of N tags",
            n: 6_000,
            build: block_list_of_tags,
            commands: &[&["check"], &["tags", "rename", "a", "b", "--dry-run"]],
        },
        Row {
            input: "N distinct tags in the journal",
            n: 1_000,
            build: distinct_tags,
            commands: &[&["check"]],
        },
        Row {
            input: "N entries, each by a different person",
            n: 2_000,
            build: entries_by_different_people,
            commands: &[&["report", "--year", "2026"]],
        },
        Row {
            input: "N people in one entry",
            n: 10_000,
            build: people_in_one_entry,
            commands: &[&["report", "--year", "2026"]],
        },
        Row {
            input: "N ideas in one entry",
            n: 10_000,
            build: ideas_in_one_entry,
            commands: &[&["check"], &["tags", "rename", "a", "b", "--dry-run"]],
        },
        Row {
            input: "one entry of N KiB of nested `>` quotes",
            n: 800,
            build: nested_quotes,
            commands: &[&["list"], &["quotes"]],
        },
        Row {
            input: "16 entries of N KiB of nested `>` quotes",
            n: 800,
            build: sixteen_nested_quotes,
            commands: &[&["list"], &["quotes"]],
        },
    ];
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("growth");
    println!("{} cores; best of {RUNS} runs; peak memory at 10n", cores());
    println!(
        "{:<44} {:<34} {:>9} {:>9} {:>6} {:>9}",
        "input (n → 10n)", "command", "n", "10n", "ratio", "peak"
    );
    for row in &rows {
        let small = journal(&root, row, row.n);
        let large = journal(&root, row, row.n * 10);
        for args in row.commands {
            let (t_small, _) = best(&small, args);
            let (t_large, peak_kib) = best(&large, args);
            let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
            println!(
                "{:<44} {:<34} {:>7} ms {:>7} ms {:>5.1}× {:>6} MiB",
                format!("{} ({} → {})", row.input, row.n, row.n * 10),
                args.join(" "),
                t_small.as_millis(),
                t_large.as_millis(),
                ratio,
                peak_kib / 1024
            );
        }
    }
}

/// The journal of `row` at size `n`, written once.
fn journal(root: &Path, row: &Row, n: usize) -> PathBuf {
    let slug: String = row
        .input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let dir = root.join(format!("{slug}-{n}"));
    if !dir.join("insight.yaml").exists() {
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("visits")).expect("make the journal");
        (row.build)(&dir.join("visits"), n);
        fs::write(dir.join("insight.yaml"), "").expect("write insight.yaml");
    }
    dir
}

/// The best time of [`RUNS`] runs of `insight ARGS` on `journal` (without the
/// index, so that every run reads every file), and the highest peak memory.
fn best(journal: &Path, args: &[&str]) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..RUNS {
        let (time, kib) = run(journal, args);
        times.push(time);
        peak = peak.max(kib);
    }
    (times.into_iter().min().unwrap_or_default(), peak)
}

/// One run: its time, and its peak resident memory in KiB, polled from
/// `/proc` while it runs.
fn run(journal: &Path, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_insight"))
        .arg("--journal")
        .arg(journal)
        .args(["--today", "2026-11-22", "--no-cache"])
        .args(args)
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run insight");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = fs::read_to_string(&status_file) {
            peak = peak.max(vm_hwm(&status).unwrap_or(0));
        }
        if child.try_wait().expect("wait for insight").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (start.elapsed(), peak)
}

fn vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// A made-up word of ten letters for `seed`; different seeds give words no
/// typo apart, so that no two tags look alike.
fn word(seed: usize) -> String {
    let mut state = (seed as u64).wrapping_mul(6_364_136_223_846_793_005) ^ 0x9E37_79B9;
    (0..10)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(b'a' + ((state >> 33) % 26) as u8)
        })
        .collect()
}

/// A valid entry: the front matter's first keys, then `rest` and `---`.
fn entry(date: &str, rest: &str) -> String {
    format!("---\ndate: {date}\nkind: frontline\nsite: Cub Foods\n{rest}---\n# Visit\n")
}

fn write(dir: &Path, name: &str, text: String) {
    fs::write(dir.join(name), text).expect("write an entry");
}

fn block_list_of_tags(dir: &Path, n: usize) {
    let tags: String = (0..n).map(|i| format!("  - a/{}\n", word(i))).collect();
    write(
        dir,
        "2026-11-20-cub.md",
        entry("2026-11-20", &format!("tags:\n{tags}")),
    );
}

fn distinct_tags(dir: &Path, n: usize) {
    for e in 0..n / 10 {
        let tags: Vec<String> = (0..10).map(|t| word(e * 10 + t)).collect();
        let rest = format!("tags: [{}]\n", tags.join(", "));
        write(dir, &format!("e{e:06}.md"), entry("2026-11-20", &rest));
    }
}

fn entries_by_different_people(dir: &Path, n: usize) {
    for e in 0..n {
        let rest = format!("people: [{}]\n", word(e));
        write(dir, &format!("e{e:06}.md"), entry("2026-11-20", &rest));
    }
}

fn people_in_one_entry(dir: &Path, n: usize) {
    let people: String = (0..n).map(|i| format!("  - {}\n", word(i))).collect();
    write(
        dir,
        "2026-11-20-crowd.md",
        entry("2026-11-20", &format!("people:\n{people}")),
    );
}

fn ideas_in_one_entry(dir: &Path, n: usize) {
    let ideas: String = (0..n)
        .map(|i| format!("  - {{ id: i{i}, title: {}, tags: [a] }}\n", word(i)))
        .collect();
    let rest = format!("tags: [a]\nideas:\n{ideas}");
    write(dir, "2026-11-20-storm.md", entry("2026-11-20", &rest));
}

/// An entry whose body is one line of `kib` KiB of `>`: a quote in a quote,
/// that many levels deep.
fn quotes_entry(kib: usize) -> String {
    let head = entry("2026-11-20", "");
    let quotes = ">".repeat((kib * 1024).saturating_sub(head.len() + 6));
    format!("{head}{quotes} deep\n")
}

fn nested_quotes(dir: &Path, kib: usize) {
    write(dir, "2026-11-20-quotes.md", quotes_entry(kib));
}

fn sixteen_nested_quotes(dir: &Path, kib: usize) {
    let text = quotes_entry(kib);
    for i in 1..=16 {
        write(dir, &format!("2026-11-{i:02}-quotes.md"), text.clone());
    }
}
