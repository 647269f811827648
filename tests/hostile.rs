//! Hostile journals: every kind of broken, binary, huge or looping file must become
//! a diagnostic naming `path:line:column`, never a panic or a hang, and the valid
//! entries beside it must still be read. Journals are built at test time.

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
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_insight"))
        .env_clear()
        .env("NO_COLOR", "1")
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
            String::from_utf8_lossy(&bytes).into_owned()
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
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
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
}

impl Journal {
    fn new(test: &str) -> Journal {
        let dir =
            std::env::temp_dir().join(format!("insight-hostile-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("visits")).unwrap();
        fs::write(dir.join("insight.yaml"), "").unwrap();
        Journal { dir }
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

impl Drop for Journal {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
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
