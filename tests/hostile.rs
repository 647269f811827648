//! Hostile journals: every kind of broken, binary, huge or looping file must become
//! a diagnostic naming `path:line:column`, never a panic or a hang, and the valid
//! entries beside it must still be read. Journals are built at test time.

use crate::common::TempDir;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-22";
const LIMIT: Duration = Duration::from_secs(20);

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    /// stdout byte for byte.
    stdout_bytes: Vec<u8>,
    stderr: String,
    elapsed: Duration,
    /// Peak resident memory seen while polling (Linux `VmHWM`), in KiB.
    peak_kib: u64,
}

impl Run {
    /// Exit code 0 and no panic.
    fn ok(self) -> Run {
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        assert_eq!(self.code, 0, "stderr:\n{}", self.stderr);
        self
    }

    fn last_stderr_line(&self) -> &str {
        self.stderr.lines().last().unwrap_or("")
    }

    /// stderr ends with the summary of `n` skipped entries, naming `first` in order.
    fn skipped(self, n: usize, first: &[&str]) -> Run {
        let noun = if n == 1 { "entry" } else { "entries" };
        let last = self.last_stderr_line();
        let mut rest = last.strip_prefix(&format!("warning: skipped {n} {noun} with errors: "));
        for name in first {
            let name = format!("visits/{name}");
            rest = rest.and_then(|r| r.find(&name).map(|at| &r[at + name.len()..]));
        }
        let got = &self.stderr;
        assert!(rest.is_some(), "want {n}, first {first:?}; got:\n{got}");
        self
    }

    fn out_err(&self) -> (&str, &str) {
        (&self.stdout, &self.stderr)
    }
}

/// Runs the binary in `cwd` with a cleared environment, killing it after 20 s.
fn insight(cwd: &Path, args: &[&str]) -> Run {
    insight_with(cwd, &[], args)
}

/// Like [`insight`], with variables `env` set.
fn insight_with(cwd: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_insight"))
        .env_clear()
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .current_dir(cwd)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start insight");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for insight") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("insight {args:?} hung: killed after {LIMIT:?}");
        }
        let status = fs::read_to_string(&status_file).unwrap_or_default();
        peak_kib = peak_kib.max(vm_hwm(&status).unwrap_or(0));
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout_bytes = out.join().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(),
        stdout_bytes,
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        elapsed: start.elapsed(),
        peak_kib,
    }
}

/// Runs `insight --journal <dir> --today 2026-11-22 <args>` from inside the journal.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--journal", dir.to_str().unwrap(), "--today", TODAY];
    all.extend_from_slice(args);
    insight(dir, &all)
}

fn vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A journal in a fresh temp folder: an empty `insight.yaml` and a `visits/` folder.
struct Journal {
    dir: PathBuf,
    _temp: TempDir,
}

impl Journal {
    fn new(test: &str) -> Journal {
        let temp = TempDir::new(&format!("hostile-{test}"));
        let dir = temp.path().to_path_buf();
        fs::create_dir_all(dir.join("visits")).unwrap();
        fs::write(dir.join("insight.yaml"), "").unwrap();
        Journal { dir, _temp: temp }
    }

    /// Writes `visits/<name>`.
    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Journal {
        fs::write(self.visits(name), bytes).unwrap();
        self
    }

    fn visits(&self, name: &str) -> PathBuf {
        self.dir.join("visits").join(name)
    }

    fn run(&self, args: &[&str]) -> Run {
        run_in(&self.dir, args)
    }

    fn list(&self) -> Run {
        self.run(&["list", "--format", "paths"])
    }
}

/// A valid entry.
fn visit(date: &str, site: &str, title: &str) -> String {
    format!("---\ndate: {date}\nkind: frontline\nsite: {site}\ntags: [mobile]\n---\n# {title}\n")
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
const NO_FRONT_MATTER: &str = "# Bakery shift\n\nNo front matter here.\n";
const LATIN1: &[u8] = b"---\ndate: 2026-11-20\nkind: frontline\nsite: Caf\xe9 Paris\n---\n";
const TOML: &str = "+++\ndate = 2026-11-20\nkind = \"frontline\"\n+++\n# Toml\n";
const UNCLOSED: &str = "---\ndate: 2026-11-20\nkind: frontline\nsite: x\n# Never closed\n";
const A_LIST: &str = "---\n- date: 2026-11-20\n- kind: frontline\n---\n";
const DUPLICATE: &str = "---\ndate: 2026-11-20\nkind: frontline\nsite: a\nsite: b\n---\n";
const BOM_CRLF: &str =
    "\u{feff}---\r\ndate: 2026-11-19\r\nkind: frontline\r\nsite: Bom\r\n---\r\n# Windows\r\n";
const DOTS: &str =
    "---\ndate: 2026-11-18\nkind: frontline\nsite: Dots\n...\n# Dots\n\none\n\n---\n\ntwo\n";

/// Nine levels of anchors, each list repeating the previous one ten times: 10^10 nodes.
fn alias_bomb() -> String {
    let mut text = String::from("---\ndate: 2026-11-20\nkind: frontline\nsite: x\n");
    text.push_str("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text + "---\n"
}

fn deep_flow() -> String {
    let (open, close) = ("[".repeat(10_000), "]".repeat(10_000));
    format!("---\ndate: 2026-11-20\nkind: frontline\nsite: {open}{close}\n---\n")
}

/// `extra:` then 3000 mappings, each indented one more space.
fn deep_block() -> String {
    let mut text = String::from("---\ndate: 2026-11-20\nkind: frontline\nsite: x\nextra:\n");
    for depth in 1..=3000 {
        text.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
    }
    text + "---\n"
}

/// A journal holding only `visits/<name>`: nothing is listed, and stderr is one line,
/// the summary naming `visits/<name>:<at> (<message>)`.
fn alone(name: &str, bytes: impl AsRef<[u8]>, at: &str, message: &str) -> Run {
    let journal = Journal::new(name);
    let run = journal.file(name, bytes).list().ok();
    let want = skipped_one(&format!("{name}:{at}"), message);
    assert_eq!(run.out_err(), ("", want.as_str()));
    run
}

/// The whole stderr when one file, `visits/<at>`, is skipped.
fn skipped_one(at: &str, message: &str) -> String {
    format!(
        "warning: skipped 1 entry with errors: visits/{at} ({message}); `insight check` explains each\n"
    )
}

const CUB: &str = "visits/2026-11-20-cub-foods.md\n";

/// A journal holding one valid entry, `visits/2026-11-20-cub-foods.md`.
fn with_one_valid(test: &str) -> Journal {
    let journal = Journal::new(test);
    let entry = visit("2026-11-20", "Cub Foods, Minneapolis", "Bakery shift");
    journal.file("2026-11-20-cub-foods.md", entry);
    journal
}

#[test]
fn a_hostile_journal_still_lists_its_valid_entries() {
    let j = with_one_valid("all");
    j.file("jewel-osco.md", visit("2026-11-21", "Jewel", "Produce"))
        .file("bom-crlf.md", BOM_CRLF)
        .file("dots.md", DOTS)
        .file("empty.md", "")
        .file("no-front-matter.md", NO_FRONT_MATTER)
        .file("x.md", PNG)
        .file("latin1.md", LATIN1)
        .file("alias-bomb.md", alias_bomb())
        .file("deep-flow.md", deep_flow())
        .file("deep-block.md", deep_block())
        .file("toml.md", TOML)
        .file("unclosed.md", UNCLOSED)
        .file("a-list.md", A_LIST)
        .file("duplicate.md", DUPLICATE);
    fs::create_dir(j.visits("something.md")).unwrap();
    symlink(j.visits(""), j.visits("loop")).unwrap();
    symlink("nowhere.md", j.visits("gone.md")).unwrap();
    // 11 bad files, the dangling link and the loop; the folder is not an entry.
    let first = [
        "a-list.md:2:1 (",
        "alias-bomb.md:9:45 (",
        "deep-block.md:69:65 (",
    ];
    let valid = "visits/dots.md\nvisits/bom-crlf.md\n";

    let list = j.list().ok().skipped(13, &first);
    assert_eq!(list.stdout, format!("{valid}{CUB}visits/jewel-osco.md\n"));
    let last = list.last_stderr_line();
    assert!(
        last.ends_with(" and 10 more; `insight check` explains each"),
        "{last}"
    );

    let tags = j.run(&["tags", "--format", "csv"]).ok().skipped(13, &first);
    assert!(
        tags.stdout.lines().any(|l| l == "mobile,2"),
        "{}",
        tags.stdout
    );

    let show = j.run(&["show", "cub-foods"]).ok().skipped(13, &first);
    let out = show.stdout;
    assert!(
        out.contains("Cub Foods, Min") && out.contains("# Bakery shift"),
        "{out}"
    );
}

#[test]
fn an_empty_file() {
    alone("empty.md", "", "1:1", "the file is empty");
}

#[test]
fn a_file_without_front_matter() {
    let message = "no front matter: the first line must be `---`";
    alone("notes.md", NO_FRONT_MATTER, "1:1", message);
}

#[test]
fn a_binary_file_named_md() {
    let message = "the file is binary, not text (it contains a NUL byte)";
    alone("x.md", PNG, "3:1", message);
}

#[test]
fn invalid_utf8_is_located() {
    let message = "the file is not UTF-8 text; save it as UTF-8 in your editor";
    alone("latin1.md", LATIN1, "4:10", message);
}

#[test]
fn an_alias_bomb_fails_fast() {
    let message = "too many aliases expand here (a YAML \"billion laughs\" document?); the front matter was not read";
    let run = alone("bomb.md", alias_bomb(), "9:45", message);
    assert!(run.elapsed.as_secs() < 5, "took {:?}", run.elapsed);
}

#[test]
fn nesting_ten_thousand_brackets_deep() {
    let message = "lists or mappings are nested too deeply here to be front matter";
    alone("flow.md", deep_flow(), "4:262", message);
}

#[test]
fn nesting_three_thousand_indented_levels_deep() {
    let message = "lists or mappings are nested too deeply here to be front matter";
    alone("block.md", deep_block(), "69:65", message);
}

#[test]
fn a_60_mb_entry_is_refused_quickly_without_reading_it_all() {
    let j = with_one_valid("huge");
    let mut file = fs::File::create(j.visits("huge.md")).unwrap();
    let head = visit("2026-11-21", "Huge", "Huge");
    file.write_all(head.as_bytes()).unwrap();
    let chunk = "All work and no play makes a very long visit note.\n".repeat(20_000);
    while file.metadata().unwrap().len() < 60 * 1024 * 1024 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    drop(file);
    let run = j.list().ok();
    let message = "the file is larger than 8 MiB, too large for a journal entry; \
                   move data files out of the entries folder";
    let want = skipped_one("huge.md:1:1", message);
    assert_eq!(run.out_err(), (CUB, want.as_str()));
    assert!(run.elapsed.as_secs() < 10, "took {:?}", run.elapsed);
    assert!(run.peak_kib < 200 * 1024, "peak {} KiB", run.peak_kib);
}

#[test]
fn a_symlink_loop_does_not_hang() {
    let j = with_one_valid("loop");
    symlink(j.visits(""), j.visits("loop")).unwrap();
    let message = "a symbolic link here loops back to a folder above it; it was not followed";
    let want = skipped_one("loop:1:1", message);
    assert_eq!(j.list().ok().out_err(), (CUB, want.as_str()));
}

#[test]
fn a_folder_named_like_an_entry_is_ignored_silently() {
    let j = with_one_valid("folder");
    fs::create_dir(j.visits("something.md")).unwrap();
    assert_eq!(j.list().ok().out_err(), (CUB, ""));
}

/// Opening a FIFO waits for a writer: one named like an entry is passed
/// over by every way of reading the journal, never opened.
#[test]
fn a_fifo_named_like_an_entry_is_ignored_without_waiting() {
    let j = with_one_valid("fifo");
    let made = Command::new("mkfifo").arg(j.visits("pipe.md")).status();
    assert!(made.expect("mkfifo").success());
    let without_index = j.run(&["--no-cache", "list", "--format", "paths"]);
    assert_eq!(without_index.ok().out_err(), (CUB, ""));
    assert_eq!(j.list().ok().out_err(), (CUB, ""));
    let check = j.run(&["check"]).ok();
    assert_eq!(check.stdout, "checked 1 entry: no problems\n");
}

#[test]
fn toml_front_matter() {
    let message = "front matter in TOML (`+++`) is not supported";
    alone("hugo.md", TOML, "1:1", message);
}

#[test]
fn front_matter_never_closed() {
    let message = "front matter opened on line 1 is never closed by a `---` line";
    alone("open.md", UNCLOSED, "1:1", message);
}

#[test]
fn front_matter_that_is_a_list() {
    let message = "the front matter is a list, not `key: value` lines";
    alone("list.md", A_LIST, "2:1", message);
}

#[test]
fn duplicate_keys_are_reported() {
    let j = Journal::new("dup-any");
    let run = j
        .file("dup.md", DUPLICATE)
        .list()
        .ok()
        .skipped(1, &["dup.md:"]);
    let last = run.last_stderr_line();
    assert!(last.contains(" (`site` is given twice);"), "{last}");
}

#[test]
fn duplicate_keys_point_at_the_repeated_key() {
    let message = "`site` is given twice";
    alone("dup.md", DUPLICATE, "5:1", message);
}

#[test]
fn a_dangling_symlink_is_reported() {
    let j = with_one_valid("dangling");
    symlink("nowhere.md", j.visits("gone.md")).unwrap();
    let run = j.list().ok().skipped(1, &["gone.md:1:1 ("]);
    assert_eq!(run.stdout, CUB);
}

#[test]
fn a_dangling_symlink_says_it_is_a_broken_link() {
    let j = Journal::new("dangling-message");
    symlink("nowhere.md", j.visits("gone.md")).unwrap();
    let run = j.list().ok().skipped(1, &["gone.md:1:1 ("]);
    let last = run.last_stderr_line();
    assert!(
        last.contains("link") && last.contains("nowhere.md"),
        "{last}"
    );
}

#[test]
fn a_bom_and_crlf_entry_loads() {
    let j = Journal::new("bom");
    assert_eq!(
        j.file("bom.md", BOM_CRLF).list().ok().out_err(),
        ("visits/bom.md\n", "")
    );
    let show = j.run(&["show", "bom"]).ok();
    assert!(show.stdout.contains("# Windows"), "{}", show.stdout);
}

#[test]
fn dots_end_the_front_matter_and_a_thematic_break_stays_in_the_body() {
    let j = Journal::new("dots");
    assert_eq!(
        j.file("dots.md", DOTS).list().ok().out_err(),
        ("visits/dots.md\n", "")
    );
    let show = j.run(&["show", "dots"]).ok();
    assert!(show.stdout.contains("one\n\n---\n\ntwo"), "{}", show.stdout);
}

#[test]
fn an_unreadable_file() {
    let j = with_one_valid("unreadable");
    j.file("locked.md", visit("2026-11-21", "Locked", "Locked"));
    fs::set_permissions(j.visits("locked.md"), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(j.visits("locked.md")).is_ok() {
        eprintln!("skipped: running as root, which can read a chmod 000 file");
        return;
    }
    let want = skipped_one("locked.md:1:1", "cannot read the file: Permission denied");
    assert_eq!(j.list().ok().out_err(), (CUB, want.as_str()));
}

#[test]
fn eight_simultaneous_new_visits_get_eight_files() {
    let parent = Journal::new("race");
    let dir = parent.dir.join("journal");
    insight(&parent.dir, &["init", dir.to_str().unwrap()]).ok();
    let start = Arc::new(Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (start, dir) = (start.clone(), dir.clone());
            std::thread::spawn(move || {
                start.wait();
                run_in(&dir, &["new", "visit", "--site", "X", "--no-edit"]).ok()
            })
        })
        .collect();
    let mut printed: Vec<String> = threads
        .into_iter()
        .map(|t| t.join().unwrap().stdout)
        .collect();
    let suffixes = ["", "-2", "-3", "-4", "-5", "-6", "-7", "-8"];
    let mut expected = suffixes.map(|s| format!("visits/2026/2026-11-22-x{s}.md\n"));
    printed.sort();
    expected.sort();
    assert_eq!(printed, expected, "each process prints its own file");
    let on_disk = fs::read_dir(dir.join("visits/2026")).unwrap().count();
    assert_eq!(on_disk, 8, "no temporary files left behind");
    let list = run_in(&dir, &["list", "--format", "paths"]).ok();
    assert_eq!((list.stdout.lines().count(), list.stderr.as_str()), (8, ""));
}

// Bounded on any input. Each test below is a row of the table in issue 9, at a
// size the debug build runs in a second or two; the factor in each comment is
// how much longer the quadratic code that the row describes took at that size
// (measured against the code before the fix), so a quadratic path coming back
// makes the test hit the 20-second limit of `insight()` above.

const TAGS_IN_ONE_ENTRY: usize = 8_000;
const DISTINCT_TAGS: usize = 5_000;
const ENTRIES_BY_DIFFERENT_PEOPLE: usize = 5_000;
const PEOPLE_IN_ONE_ENTRY: usize = 20_000;
const IDEAS_IN_ONE_ENTRY: usize = 10_000;
const NESTED_QUOTE_FILES: usize = 16;

/// A made-up word of ten letters for `seed`: different seeds give words that
/// do not look alike (no two are one typo apart).
fn word(seed: usize) -> String {
    let mut state = (seed as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (0..10)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from(b'a' + ((state >> 33) % 26) as u8)
        })
        .collect()
}

/// The front matter of a valid entry, then `rest` (more keys) and `---`.
fn entry_with(rest: &str) -> String {
    format!("---\ndate: 2026-11-20\nkind: frontline\nsite: Cub Foods\n{rest}---\n# Visit\n")
}

/// `insight check` on `journal`: its whole stdout.
fn check_out(journal: &Journal) -> String {
    journal.run(&["check"]).ok().stdout
}

#[test]
fn one_entry_with_a_block_list_of_tags_is_checked_and_renamed_in_linear_time() {
    // TAGS_IN_ONE_ENTRY tags under `a/`, each one line.
    let tags: String = (0..TAGS_IN_ONE_ENTRY)
        .map(|i| format!("  - a/{}\n", word(i)))
        .collect();
    let j = Journal::new("block-list");
    j.file(
        "2026-11-20-cub-foods.md",
        entry_with(&format!("tags:\n{tags}")),
    );
    assert_eq!(check_out(&j), "checked 1 entry: no problems\n");
    let rename = j.run(&["tags", "rename", "a", "b", "--dry-run"]).ok();
    let last = rename.stdout.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        format!(
            "would rename `a` to `b` in 1 entry ({TAGS_IN_ONE_ENTRY} places); nothing was written"
        )
    );
    // The last tag is on the file's last tag line: lines are counted right.
    let last_change = rename.stdout.lines().rev().nth(1).unwrap_or_default();
    let last_word = word(TAGS_IN_ONE_ENTRY - 1);
    assert_eq!(
        last_change,
        format!(
            "visits/2026-11-20-cub-foods.md:{}: a/{last_word} -> b/{last_word}",
            TAGS_IN_ONE_ENTRY + 5
        )
    );
}

#[test]
fn thousands_of_distinct_tags_are_compared_without_comparing_every_pair() {
    let j = Journal::new("distinct-tags");
    for e in 0..DISTINCT_TAGS / 10 {
        let tags: Vec<String> = (0..10).map(|t| word(e * 10 + t)).collect();
        j.file(
            &format!("e{e:05}.md"),
            entry_with(&format!("tags: [{}]\n", tags.join(", "))),
        );
    }
    j.file("mobile-1.md", entry_with("tags: [mobile]\n"))
        .file("mobile-2.md", entry_with("tags: [mobile]\n"))
        .file("typo.md", entry_with("tags: [moble]\n"));
    assert_eq!(
        check_out(&j),
        "visits/typo.md:5:8: warning: tag `moble` looks like `mobile` (in 2 entries)\n  \
         hint: if they are the same, run `insight tags rename moble mobile`\n\
         checked 1003 entries: 1 warning\n"
            .replace("1003", &(DISTINCT_TAGS / 10 + 3).to_string())
    );
}

#[test]
fn thousands_of_entries_each_by_a_different_person_make_a_report() {
    let j = Journal::new("many-people");
    for e in 0..ENTRIES_BY_DIFFERENT_PEOPLE {
        j.file(
            &format!("e{e:05}.md"),
            entry_with(&format!("people: [{}]\n", word(e))),
        );
    }
    let report = j
        .run(&["report", "--year", "2026", "--format", "json"])
        .ok();
    let people = format!("\"people\": {ENTRIES_BY_DIFFERENT_PEOPLE},");
    assert!(report.stdout.contains(&people), "{}", report.stdout);
}

#[test]
fn one_entry_with_a_hundred_thousand_people_makes_a_report() {
    let people: String = (0..PEOPLE_IN_ONE_ENTRY)
        .map(|i| format!("  - {}\n", word(i)))
        .collect();
    let j = Journal::new("one-crowd");
    j.file(
        "2026-11-20-crowd.md",
        entry_with(&format!("people:\n{people}")),
    );
    let report = j
        .run(&["report", "--year", "2026", "--format", "json"])
        .ok();
    let people = format!("\"people\": {PEOPLE_IN_ONE_ENTRY},");
    assert!(
        report.stdout.contains(&people),
        "{}",
        &report.stdout[..2000]
    );
}

#[test]
fn one_entry_with_a_hundred_thousand_ideas_is_checked_and_renamed() {
    let ideas: String = (0..IDEAS_IN_ONE_ENTRY)
        .map(|i| format!("  - {{ id: i{i}, title: {}, tags: [a] }}\n", word(i)))
        .collect();
    let j = Journal::new("one-idea-storm");
    j.file(
        "2026-11-20-storm.md",
        entry_with(&format!("tags: [a]\nideas:\n{ideas}")),
    );
    assert_eq!(check_out(&j), "checked 1 entry: no problems\n");
    let rename = j.run(&["tags", "rename", "a", "b", "--dry-run"]).ok();
    let last = rename.stdout.lines().last().unwrap_or_default();
    let places = IDEAS_IN_ONE_ENTRY + 1;
    assert_eq!(
        last,
        format!("would rename `a` to `b` in 1 entry ({places} places); nothing was written")
    );
}

#[test]
fn entries_of_nested_quotes_take_memory_in_proportion() {
    // Each file is one line of a million `>`: a quote in a quote, a million
    // deep. Parsed whole, each took 57 times its size (the 16 files at once,
    // on 16 threads: 0.9 GB); read in pieces and held to 32 levels, about
    // twice its size.
    let j = Journal::new("nested-quotes");
    let head = entry_with("");
    for i in 0..NESTED_QUOTE_FILES {
        let quotes = ">".repeat(1024 * 1024 - head.len() - 6);
        j.file(
            &format!("2026-11-{:02}-quotes.md", i + 1),
            format!("{head}{quotes} deep\n"),
        );
    }
    let threads = [("RAYON_NUM_THREADS", "16")];
    let args = ["--journal", j.dir.to_str().unwrap(), "--today", TODAY];
    for (command, first_line) in [
        (
            &["list", "--format", "csv"][..],
            "date,kind,site,title,customers,tags,people",
        ),
        (
            &["quotes", "--format", "csv"][..],
            "date,site,people,text,path",
        ),
    ] {
        let run = insight_with(&j.dir, &threads, &[&args[..], command].concat()).ok();
        assert_eq!(
            run.stdout.lines().count(),
            NESTED_QUOTE_FILES + 1,
            "{command:?}"
        );
        assert_eq!(run.stdout.lines().next(), Some(first_line));
        assert!(
            run.peak_kib < 150 * 1024,
            "{command:?}: peak {} KiB",
            run.peak_kib
        );
    }
}

#[test]
fn an_entries_folder_that_links_to_the_root_of_the_disk_is_not_walked() {
    let j = Journal::new("link-to-root");
    fs::remove_dir(j.visits("")).unwrap();
    symlink("/", j.dir.join("visits")).unwrap();
    let want = "no entries match\nwarning: skipped 1 entry with errors: visits:1:1 (leads outside \
                the journal to /, a folder that holds the journal itself; it was not read); \
                `insight check` explains each\n";
    assert_eq!(j.run(&["list"]).ok().out_err(), ("", want));
    let check = j.run(&["check"]);
    assert_eq!(
        (check.code, check.stdout.as_str()),
        (
            1,
            "visits:1:1: error: leads outside the journal to /, a folder that holds the journal itself; it was not read\n  \
             hint: link only to a folder of entries on the same disk, or move the entries into the journal\n\
             checked 0 entries: 1 error\n"
        )
    );
}

#[test]
fn links_inside_the_entries_folder_are_walked_only_within_bounds() {
    let j = with_one_valid("link-bounds");
    let elsewhere = Journal::new("link-bounds-elsewhere");
    elsewhere.file(
        "2026-11-21-shared.md",
        visit("2026-11-21", "Shared", "Shared"),
    );
    // Within bounds: a folder outside the journal on the same disk, and the
    // same folder again through a second link (read once).
    symlink(elsewhere.visits(""), j.visits("shared")).unwrap();
    symlink(elsewhere.visits(""), j.visits("shared-again")).unwrap();
    // Out of bounds: the journal's own root, the disk's root, another file
    // system, and folders nested too deep.
    symlink(&j.dir, j.visits("journal")).unwrap();
    symlink("/", j.visits("disk")).unwrap();
    symlink("/proc", j.visits("proc")).unwrap();
    let deep: PathBuf = (0..20).fold(j.visits("deep"), |path, i| path.join(format!("d{i}")));
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("2026-11-22-deep.md"),
        visit("2026-11-22", "Deep", "Deep"),
    )
    .unwrap();
    let run = j.list().ok();
    assert_eq!(
        run.stdout,
        format!("{CUB}visits/shared/2026-11-21-shared.md\n")
    );
    let check = j.run(&["check"]);
    assert_eq!(check.code, 1);
    let lines: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| !l.starts_with("  hint"))
        .collect();
    let deep_folder = (0..16).map(|i| format!("/d{i}")).collect::<String>();
    assert_eq!(
        lines,
        [
            format!("visits/deep{deep_folder}:1:1: error: folders more than 16 levels below the entries folder are not read"),
            "visits/disk:1:1: error: a symbolic link to /, which holds the entries folder; it was not followed".to_string(),
            format!("visits/journal:1:1: error: a symbolic link to {}, which holds the entries folder; it was not followed", j.dir.canonicalize().unwrap().display()),
            "visits/proc:1:1: error: leads outside the journal to /proc, which is on another file system; it was not read".to_string(),
            "checked 2 entries: 4 errors".to_string(),
        ]
    );
}

#[test]
fn a_folder_reached_twice_is_read_where_the_walk_in_name_order_meets_it_first() {
    // Sibling folders are listed in parallel; which path a folder is read
    // under must still be the one a walk in name order, depth first, meets
    // first, on every run.
    let j = with_one_valid("link-order");
    let folder_with = |folder: &str, date: &str, name: &str| {
        let path = j.visits(folder);
        fs::create_dir_all(&path).unwrap();
        let file = path.join(format!("{date}-{}.md", name.to_lowercase()));
        fs::write(file, visit(date, name, name)).unwrap();
        path
    };
    let nested = folder_with("a/real", "2026-11-21", "Nested");
    let elsewhere = folder_with("c/target", "2026-11-22", "Linked");
    // `b` links to a folder met earlier, deeper in `a`; `b2` to one met
    // later, in `c`, so that it is read through the link.
    symlink(&nested, j.visits("b")).unwrap();
    symlink(&elsewhere, j.visits("b2")).unwrap();
    for _ in 0..3 {
        assert_eq!(
            j.list().ok().stdout,
            format!("{CUB}visits/a/real/2026-11-21-nested.md\nvisits/b2/2026-11-22-linked.md\n")
        );
    }
}

/// Eight entries tagged `a`: the seventh with a file name of 255 bytes, the
/// longest Linux allows. Returns the names, in the order they are read.
fn eight_tagged_entries(j: &Journal) -> Vec<String> {
    let long = format!("2026-11-27-{}.md", "x".repeat(241));
    assert_eq!(long.len(), 255);
    let mut names: Vec<String> = (1..=6)
        .map(|d| format!("2026-11-{d:02}-visit.md"))
        .collect();
    names.push(long);
    names.push("2026-11-28-visit.md".into());
    for name in &names {
        j.file(name, entry_with("tags: [a, other]\n"));
    }
    names
}

/// Every file in `visits/` and its bytes.
fn snapshot(j: &Journal) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(j.visits(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_file_name_of_255_bytes_is_renamed_like_any_other() {
    let j = Journal::new("rename-255");
    let names = eight_tagged_entries(&j);
    let run = j.run(&["tags", "rename", "a", "b"]).ok();
    let expected: String = names
        .iter()
        .map(|name| format!("visits/{name}:5: a -> b\n"))
        .chain(["renamed `a` to `b` in 8 entries (8 places)\n".to_string()])
        .collect();
    assert_eq!(run.out_err(), (expected.as_str(), ""));
    let renamed = entry_with("tags: [b, other]\n").into_bytes();
    let mut all: Vec<(String, Vec<u8>)> = names.into_iter().map(|n| (n, renamed.clone())).collect();
    all.sort();
    assert_eq!(
        snapshot(&j),
        all,
        "every entry renamed, nothing else in the folder"
    );
}

#[test]
fn a_read_only_entry_stops_the_rename_before_any_file_changes() {
    let j = Journal::new("rename-read-only");
    let names = eight_tagged_entries(&j);
    let locked = j.visits(&names[4]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(&j);
    let run = j.run(&["tags", "rename", "a", "b"]);
    let locked = locked.canonicalize().unwrap();
    let stderr = format!(
        "error: {} is read-only; nothing was changed\nhint: make it writable (`chmod u+w`) \
         and run the command again, or leave it as it is by moving it out of the journal\n",
        locked.display()
    );
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (2, "", stderr.as_str())
    );
    assert_eq!(
        snapshot(&j),
        before,
        "no entry changed, no file left behind"
    );
}

#[test]
fn a_tag_renamed_into_one_the_entry_has_is_held_once() {
    let j = Journal::new("rename-into-existing");
    j.file(
        "2026-11-20-shop.md",
        entry_with("tags: [check, checkout]\n"),
    )
    .file(
        "2026-11-21-desk.md",
        entry_with("tags:\n  - checkout\n  - check # till\n  - queue\n"),
    );
    let run = j.run(&["tags", "rename", "check", "checkout"]).ok();
    assert_eq!(
        run.out_err(),
        (
            "visits/2026-11-20-shop.md:5: check -> checkout (the entry has it already: taken out)\n\
             visits/2026-11-21-desk.md:7: check -> checkout (the entry has it already: taken out)\n\
             renamed `check` to `checkout` in 2 entries (2 places)\n",
            ""
        )
    );
    assert_eq!(
        fs::read_to_string(j.visits("2026-11-20-shop.md")).unwrap(),
        entry_with("tags: [checkout]\n")
    );
    assert_eq!(
        fs::read_to_string(j.visits("2026-11-21-desk.md")).unwrap(),
        entry_with("tags:\n  - checkout\n  - queue\n")
    );
}

/// Names a file system allows and a journal may meet: not UTF-8, a line
/// break, an escape sequence, a backslash, a tab, a space.
const ODD_NAMES: [&[u8]; 8] = [
    b"2026-11-01-caf\xe9.md",
    b"2026-11-02-new\nline.md",
    b"2026-11-03-\x1b[31mred.md",
    b"2026-11-04-back\\slash.md",
    b"2026-11-05-plain.md",
    b"2026-11-06-tab\t.md",
    b"2026-11-07-caf\xc3\xa9.md",
    b"2026-11-08-sp ace.md",
];

fn odd_names_journal(test: &str) -> Journal {
    use std::os::unix::ffi::OsStrExt;
    let j = Journal::new(test);
    for name in ODD_NAMES {
        let day = std::str::from_utf8(&name[..10]).unwrap();
        let path = j.visits("").join(std::ffi::OsStr::from_bytes(name));
        fs::write(path, visit(day, "Odd", "Odd")).unwrap();
    }
    j
}

#[test]
fn paths_are_printed_byte_for_byte() {
    let j = odd_names_journal("odd-paths");
    let printed = |end: u8| -> Vec<u8> {
        ODD_NAMES
            .iter()
            .flat_map(|name| [b"visits/", *name, &[end]].concat())
            .collect()
    };
    let lines = j.list().ok();
    assert_eq!(lines.stdout_bytes, printed(b'\n'));
    let nul = j.run(&["list", "-0"]).ok();
    assert_eq!(nul.stdout_bytes, printed(0));
    let nul = j.run(&["list", "--null", "--format", "paths"]).ok();
    assert_eq!(nul.stdout_bytes, printed(0));
    // Each printed path names a file that exists.
    for path in nul
        .stdout_bytes
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
    {
        use std::os::unix::ffi::OsStrExt;
        assert!(
            j.dir.join(std::ffi::OsStr::from_bytes(path)).is_file(),
            "{path:?}"
        );
    }
    let wrong = j.run(&["list", "-0", "--format", "json"]);
    assert_eq!(
        (wrong.code, wrong.stderr.as_str()),
        (
            2,
            "error: `--null` separates paths: it works only with `--format paths`\n\
             hint: leave out --format, or use --format paths\n"
        )
    );
}

#[test]
fn json_carries_odd_names_losslessly_and_tables_show_control_characters_escaped() {
    let j = odd_names_journal("odd-json");
    let json = j.run(&["list", "--format", "json"]).ok();
    let paths: Vec<&str> = json
        .stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"path\": "))
        .collect();
    assert_eq!(
        paths,
        [
            r#""visits/2026-11-01-caf\\xe9.md","#,
            r#""visits/2026-11-02-new\nline.md","#,
            r#""visits/2026-11-03-\u001b[31mred.md","#,
            r#""visits/2026-11-04-back\\\\slash.md","#,
            r#""visits/2026-11-05-plain.md","#,
            r#""visits/2026-11-06-tab\t.md","#,
            r#""visits/2026-11-07-café.md","#,
            r#""visits/2026-11-08-sp ace.md","#,
        ]
    );
    j.file("2026-11-09-\x1b]0;owned\x07.md", "not an entry\n")
        .file(
            "2026-11-10-red.md",
            entry_with("title: \"\\e[31mRed \\x9b2J\"\n"),
        );
    let table = j.run(&["list", "--since", "2026-11-10"]).ok();
    assert_eq!(
        table.stdout,
        "Date        Kind       Site       Title                 Customers  Tags  People\n\
         ----------- ---------- ---------- --------------------- ---------- ----- -------\n\
         2026-11-20  frontline  Cub Foods  \\x1b[31mRed \\u{9b}2J\n"
    );
    assert_eq!(
        table.stderr,
        "warning: skipped 1 entry with errors: visits/2026-11-09-\\x1b]0;owned\\x07.md:1:1 \
         (no front matter: the first line must be `---`); `insight check` explains each\n"
    );
}
