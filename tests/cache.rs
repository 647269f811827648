//! The index in `.insight/` is only a cache: every command gives the same
//! bytes with it and without it (`--no-cache`), whatever happened to the
//! journal's files or to the index itself.

use crate::common::{TempDir, insight_in};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The commands compared, each run with and without the index.
/// The first keeps in memory only the entries it shows, and may write the
/// index the others then read (that the index it writes is whole is
/// `a_list_that_keeps_few_entries_in_memory_writes_the_index_whole`).
const COMMANDS: [&[&str]; 8] = [
    &["list", "--tag", "mobile", "--format", "csv"],
    // A filter that looks at an entry's ideas is shown whole entries.
    &["list", "--has-ideas", "--tag", "pickup", "--format", "csv"],
    &["list", "--format", "json"],
    &["list", "--text", "coupon", "--format", "json"],
    &["tags"],
    &["tags", "--text", "PICKUP"],
    &["report", "--year", "2026", "--format", "json"],
    &["check", "--format", "json"],
];

/// Tags of one length, so that swapping one for another keeps a file's size.
const TAGS: [&str; 4] = ["mobile", "coupon", "pickup", "refund"];

struct Journal {
    dir: TempDir,
}

impl Journal {
    fn new(name: &str) -> Journal {
        let dir = TempDir::new(name);
        fs::create_dir_all(dir.path().join("visits/2026")).unwrap();
        fs::write(dir.path().join("insight.yaml"), "fiscal_year_start: 1\n").unwrap();
        Journal { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn visit(&self, name: &str) -> PathBuf {
        self.root().join("visits/2026").join(name)
    }

    /// `insight ARGS` on the journal, as of a fixed day.
    fn run(&self, extra: &[&str], args: &[&str]) -> (i32, String, String) {
        let mut all = vec!["--journal", self.dir.str(), "--today", "2026-11-22"];
        all.extend_from_slice(extra);
        all.extend_from_slice(args);
        let run = insight_in(self.root(), &[], &all);
        (run.code, run.stdout, run.stderr)
    }

    /// Asserts that every command gives the same with and without the index.
    #[track_caller]
    fn assert_same(&self, step: &str) {
        for command in COMMANDS {
            let cached = self.run(&[], command);
            let read = self.run(&["--no-cache"], command);
            assert_eq!(
                cached,
                read,
                "after {step}: `insight {}`",
                command.join(" ")
            );
        }
    }

    /// Visits on days 1 to `days`, each with one of the tags in turn.
    fn write_visits(&self, days: u32) {
        for day in 1..=days {
            let tag = TAGS[day as usize % TAGS.len()];
            let name = format!("v{day}.md");
            fs::write(self.visit(&name), visit(day, "Cub Foods", day, tag)).unwrap();
        }
    }

    fn index(&self) -> PathBuf {
        self.root().join(".insight/index")
    }
}

/// A visit whose size depends only on `day`, `site` and the digit count.
fn visit(day: u32, site: &str, customers: u32, tag: &str) -> String {
    format!(
        "---\ndate: 2026-03-{day:02}\nkind: frontline\nsite: {site}\npeople: [Dana Reyes]\n\
         customers: {customers}\ntags: [{tag}]\nideas:\n  - id: scan-{day:02}\n    title: Scan and go\n    status: new\n---\n\
         # Shift at {site}\n\nWe talked about {tag}.\n\n> I only came in for milk and the queue was ten deep.\n"
    )
}

/// A small pseudo-random sequence, the same on every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % sides as u64) as usize
    }
}

/// Waits until files written now are older than the index's racy window, so
/// that the index is trusted for them.
fn settle() {
    std::thread::sleep(Duration::from_millis(2_100));
}

#[test]
fn the_index_never_changes_an_answer_whatever_happens_to_the_files() {
    let j = Journal::new("cache-random");
    j.write_visits(6);
    j.assert_same("the first run");
    assert!(j.index().is_file(), "the first run writes the index");
    settle();
    j.assert_same("the files settled");
    let mut dice = Dice(2026);
    for step in 0..24 {
        // The regular files: folders and links made by earlier steps stay.
        let mut names: Vec<String> = fs::read_dir(j.visit(""))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let pick = |dice: &mut Dice| names.get(dice.roll(names.len().max(1))).cloned();
        let day = 7 + step;
        let what = match dice.roll(9) {
            0 => {
                let tag = TAGS[dice.roll(TAGS.len())];
                fs::write(j.visit(&format!("v{day}.md")), visit(day, "Target", 5, tag)).unwrap();
                format!("create v{day}.md")
            }
            1 | 2 => match pick(&mut dice) {
                Some(name) => {
                    // Same size, same modification time: only the content
                    // (and the change time the system keeps) differ.
                    let path = j.visit(&name);
                    let before = fs::metadata(&path).unwrap().modified().unwrap();
                    let text = fs::read_to_string(&path).unwrap();
                    let tag = TAGS[dice.roll(TAGS.len())];
                    let edited = TAGS.iter().fold(text, |t, old| t.replace(old, tag));
                    fs::write(&path, &edited).unwrap();
                    fs::File::options()
                        .write(true)
                        .open(&path)
                        .unwrap()
                        .set_modified(before)
                        .unwrap();
                    format!("edit {name} keeping size and time")
                }
                None => "nothing".into(),
            },
            3 => match pick(&mut dice) {
                Some(name) => {
                    fs::rename(j.visit(&name), j.visit(&format!("moved-{day}.md"))).unwrap();
                    format!("rename {name}")
                }
                None => "nothing".into(),
            },
            4 => match pick(&mut dice) {
                Some(name) => {
                    fs::remove_file(j.visit(&name)).unwrap();
                    format!("delete {name}")
                }
                None => "nothing".into(),
            },
            5 => match pick(&mut dice) {
                Some(name) => {
                    fs::remove_file(j.visit(&name)).unwrap();
                    fs::create_dir(j.visit(&name)).unwrap();
                    format!("replace {name} by a folder")
                }
                None => "nothing".into(),
            },
            6 => match (pick(&mut dice), pick(&mut dice)) {
                (Some(name), Some(target)) if name != target => {
                    fs::remove_file(j.visit(&name)).unwrap();
                    std::os::unix::fs::symlink(j.visit(&target), j.visit(&name)).unwrap();
                    format!("replace {name} by a link to {target}")
                }
                _ => "nothing".into(),
            },
            7 => {
                let settings = match dice.roll(2) {
                    0 => "fiscal_year_start: 1\n",
                    _ => {
                        "fiscal_year_start: 1\nkinds: [frontline, research]\nstatuses: [new, building]\n"
                    }
                };
                fs::write(j.root().join("insight.yaml"), settings).unwrap();
                "change insight.yaml".into()
            }
            _ => match pick(&mut dice) {
                Some(name) => {
                    let path = j.visit(&name);
                    fs::write(&path, fs::read(&path).unwrap()).unwrap();
                    format!("touch {name} without a change")
                }
                None => "nothing".into(),
            },
        };
        j.assert_same(&format!("step {step}: {what}"));
        if step % 8 == 7 {
            settle();
            j.assert_same(&format!("step {step}: {what}, then settling"));
        }
    }
}

#[test]
fn a_list_that_keeps_few_entries_in_memory_writes_the_index_whole() {
    let j = Journal::new("cache-sieve");
    j.write_visits(12);
    settle();
    j.run(&[], &["report", "--year", "2026"]);
    // Half the files change: enough for the next command to write the
    // index again, from those files and from the index for the others.
    for day in (1..=12).step_by(2) {
        let tag = TAGS[day as usize % TAGS.len()];
        fs::write(
            j.visit(&format!("v{day}.md")),
            visit(day, "Target", 50 + day, tag),
        )
        .unwrap();
    }
    settle();
    let before = fs::read(j.index()).unwrap();
    let listed = j.run(&[], &["list", "--tag", "mobile", "--format", "csv"]);
    assert_eq!(
        listed,
        j.run(
            &["--no-cache"],
            &["list", "--tag", "mobile", "--format", "csv"]
        )
    );
    let written = fs::read(j.index()).unwrap();
    assert_ne!(written, before, "the sieved list wrote the index again");
    // Every entry is in it, so the next command has nothing to write.
    j.assert_same("a sieved list wrote the index");
    assert_eq!(fs::read(j.index()).unwrap(), written);
}

/// A journal of three visits with a settled index, and what `list` says.
fn journal_with_index(name: &str) -> (Journal, (i32, String, String)) {
    let j = Journal::new(name);
    for day in 1..=3 {
        fs::write(
            j.visit(&format!("v{day}.md")),
            visit(day, "Cub Foods", day, "mobile"),
        )
        .unwrap();
    }
    // A broken entry stays reported with the index as without it.
    fs::write(
        j.visit("broken.md"),
        "---\ndate: 2026-03-04\nkind: frontlien\nsite: Cub\n---\n",
    )
    .unwrap();
    settle();
    let want = j.run(&["--no-cache"], &["list", "--format", "json"]);
    assert_eq!(j.run(&[], &["list", "--format", "json"]), want);
    assert!(j.index().is_file());
    assert!(want.2.contains("visits/2026/broken.md"), "{}", want.2);
    (j, want)
}

#[test]
fn a_damaged_or_foreign_index_is_ignored_and_made_again() {
    let (j, want) = journal_with_index("cache-damaged");
    let sound = fs::read(j.index()).unwrap();
    let mut damages: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("truncated".into(), sound[..sound.len() / 2].to_vec()),
        ("foreign".into(), b"SQLite format 3\0 and more".to_vec()),
        ("longer".into(), [sound.as_slice(), b"tail"].concat()),
    ];
    for at in [0, 17, 30, sound.len() / 2, sound.len() - 1] {
        let mut flipped = sound.clone();
        flipped[at] ^= 0x20;
        damages.push((format!("byte {at} flipped"), flipped));
    }
    for (damage, bytes) in damages {
        fs::write(j.index(), &bytes).unwrap();
        assert_eq!(j.run(&[], &["list", "--format", "json"]), want, "{damage}");
        let rebuilt = fs::read(j.index()).unwrap();
        assert_eq!(
            rebuilt.len(),
            sound.len(),
            "{damage}: the index is made again"
        );
    }
    fs::remove_file(j.index()).unwrap();
    fs::create_dir(j.index()).unwrap();
    assert_eq!(j.run(&[], &["list", "--format", "json"]), want, "a folder");
}

#[test]
fn damaged_search_texts_are_ignored_and_made_again() {
    let (j, _) = journal_with_index("cache-text-damaged");
    let search = ["list", "--text", "MILK", "--format", "json"];
    let want = j.run(&["--no-cache"], &search);
    assert_eq!(j.run(&[], &search), want);
    let texts = j.root().join(".insight/text");
    let sound = fs::read(&texts).unwrap();
    let mut damages = vec![Vec::new(), sound[..sound.len() - 9].to_vec()];
    for at in [0, 20, sound.len() / 2, sound.len() - 1] {
        let mut flipped = sound.clone();
        flipped[at] ^= 0x20;
        damages.push(flipped);
    }
    for (n, bytes) in damages.into_iter().enumerate() {
        fs::write(&texts, bytes).unwrap();
        assert_eq!(j.run(&[], &search), want, "damage {n}");
        assert_eq!(fs::read(&texts).unwrap(), sound, "damage {n}: made again");
    }
}

#[test]
fn search_texts_of_unchanged_entries_survive_a_new_index() {
    let j = Journal::new("cache-text-kept");
    j.write_visits(20);
    let search = ["list", "--text", "milk", "--format", "paths"];
    settle();
    j.run(&[], &search);
    settle();
    // Enough changes for the index to be written again: the texts of the
    // other entries come from the texts file, which is written again too.
    for day in 1..=4 {
        fs::write(
            j.visit(&format!("v{day}.md")),
            visit(day, "Cub Foods", 9, "refund"),
        )
        .unwrap();
    }
    settle();
    let before = fs::read(j.index()).unwrap();
    let (code, found, _) = j.run(&[], &search);
    assert_eq!((code, found.lines().count()), (0, 20));
    assert_ne!(fs::read(j.index()).unwrap(), before, "a new index");
    let texts = j.root().join(".insight/text");
    let kept = fs::metadata(&texts).unwrap().len();
    fs::remove_dir_all(j.root().join(".insight")).unwrap();
    assert_eq!(j.run(&[], &search).1, found);
    let made = fs::metadata(&texts).unwrap().len();
    assert_eq!(kept, made, "every entry's text is kept");
    assert_eq!(j.run(&["--no-cache"], &search).1, found);
}

#[test]
fn no_cache_and_the_variable_neither_read_nor_write_the_index() {
    let j = Journal::new("cache-bypass");
    fs::write(j.visit("v1.md"), visit(1, "Cub Foods", 1, "mobile")).unwrap();
    let (code, _, stderr) = j.run(&["--no-cache"], &["list"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let run = insight_in(
        j.root(),
        &[("INSIGHT_NO_CACHE", "1")],
        &["--journal", j.dir.str(), "list"],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(!j.root().join(".insight").exists());
    let run = insight_in(
        j.root(),
        &[("INSIGHT_NO_CACHE", "0")],
        &["--journal", j.dir.str(), "list"],
    );
    assert_eq!(run.code, 0);
    assert!(j.index().is_file(), "INSIGHT_NO_CACHE=0 keeps the index");
}

#[test]
fn a_journal_that_cannot_be_written_to_works_without_an_index() {
    let j = Journal::new("cache-unwritable");
    fs::write(j.visit("v1.md"), visit(1, "Cub Foods", 1, "mobile")).unwrap();
    // A file where the folder would go: the index has nowhere to be written.
    fs::write(j.root().join(".insight"), "not a folder\n").unwrap();
    let want = j.run(&["--no-cache"], &["list", "--format", "json"]);
    assert_eq!(want.0, 0);
    let (code, stdout, stderr) = j.run(&[], &["list", "--format", "json"]);
    assert_eq!((code, stdout), (want.0, want.1));
    assert_eq!(
        stderr,
        "warning: .insight is not a folder: the index is not used, and nothing is written through it\n\
         hint: remove the file (`rm .insight`); insight makes its own folder\n"
    );
    assert_eq!(
        fs::read_to_string(j.root().join(".insight")).unwrap(),
        "not a folder\n"
    );
}

#[test]
fn commands_racing_to_write_the_index_leave_one_whole_index() {
    let j = Journal::new("cache-race");
    for day in 1..=30 {
        fs::write(
            j.visit(&format!("v{day}.md")),
            visit(day, "Cub Foods", day, "mobile"),
        )
        .unwrap();
    }
    settle();
    let want = j.run(
        &["--no-cache"],
        &["report", "--year", "2026", "--format", "json"],
    );
    let racers: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_insight"))
                .env_clear()
                .args(["--journal", j.dir.str(), "--today", "2026-11-22"])
                .args(["report", "--year", "2026", "--format", "json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for racer in racers {
        let output = racer.wait_with_output().unwrap();
        let got = (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        );
        assert_eq!(got, want);
    }
    let mut left: Vec<String> = fs::read_dir(j.root().join(".insight"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["folders", "index"],
        "no temporary file is left behind"
    );
    assert_eq!(
        j.run(&[], &["report", "--year", "2026", "--format", "json"]),
        want
    );
}

#[test]
fn several_journals_read_as_one_agree_with_and_without_their_indexes() {
    let (a, b) = (Journal::new("cache-union-a"), Journal::new("cache-union-b"));
    fs::write(a.visit("v1.md"), visit(1, "Cub Foods", 1, "coupon")).unwrap();
    fs::write(b.visit("v2.md"), visit(2, "Target", 2, "pickup")).unwrap();
    fs::write(b.visit("v3.md"), visit(3, "Target", 3, "coupon")).unwrap();
    settle();
    let both = both(&a, &b, "2026-11-22");
    for command in COMMANDS {
        let run = |extra: &[&str]| {
            let args = [&both[..], extra, command].concat();
            let run = insight_in(a.root(), &[], &args);
            (run.code, run.stdout, run.stderr)
        };
        // The first run writes each journal's index, the second reads them.
        let (first, second, read) = (run(&[]), run(&[]), run(&["--no-cache"]));
        assert_eq!(
            (&first, &second),
            (&read, &read),
            "`insight {}`",
            command.join(" ")
        );
    }
    assert!(a.index().is_file() && b.index().is_file());
}

/// The options that read journals `a` and `b` as one, as of `today`.
fn both<'a>(a: &'a Journal, b: &'a Journal, today: &'a str) -> [&'a str; 6] {
    ["-J", a.dir.str(), "-J", b.dir.str(), "--today", today]
}

/// Sets the modification time of the file or folder at `path`.
fn set_modified(path: &Path, time: std::time::SystemTime) {
    fs::File::open(path).unwrap().set_modified(time).unwrap();
}

#[test]
fn remembered_folder_listings_never_change_an_answer() {
    let j = Journal::new("cache-folders");
    let in_2025 = |name: &str| j.root().join("visits/2025").join(name);
    fs::create_dir(j.root().join("visits/2025")).unwrap();
    j.write_visits(4);
    for day in 5..=8 {
        let name = format!("v{day}.md");
        fs::write(in_2025(&name), visit(day, "Target", day, "coupon")).unwrap();
    }
    settle();
    j.assert_same("the first run");
    let folders = j.root().join(".insight/folders");
    assert!(
        folders.is_file(),
        "the listings of settled folders are kept"
    );
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "a new entry in a remembered folder",
            Box::new(|| {
                fs::write(in_2025("v20.md"), visit(20, "Target", 1, "pickup")).unwrap();
            }),
        ),
        (
            "an edit in place, keeping size and time",
            Box::new(|| {
                let path = j.visit("v1.md");
                let before = fs::metadata(&path).unwrap().modified().unwrap();
                let text = fs::read_to_string(&path)
                    .unwrap()
                    .replace("coupon", "refund");
                fs::write(&path, text).unwrap();
                set_modified(&path, before);
            }),
        ),
        (
            "a hidden draft and a note beside the entries",
            Box::new(|| {
                fs::write(j.visit(".draft.md"), visit(21, "Target", 1, "mobile")).unwrap();
                fs::write(j.visit("notes.txt"), "not an entry\n").unwrap();
            }),
        ),
        (
            "an entry moved from one folder to the other",
            Box::new(|| {
                fs::rename(j.visit("v2.md"), in_2025("v2.md")).unwrap();
            }),
        ),
        (
            "a new entry, the folder's time set back",
            Box::new(|| {
                let folder = j.visit("");
                let before = fs::metadata(&folder).unwrap().modified().unwrap();
                fs::write(j.visit("v22.md"), visit(22, "Cub Foods", 2, "mobile")).unwrap();
                set_modified(&folder, before);
            }),
        ),
        (
            "an entry deleted",
            Box::new(|| {
                fs::remove_file(in_2025("v5.md")).unwrap();
            }),
        ),
        (
            "a folder replaced by another of that name",
            Box::new(|| {
                fs::rename(j.root().join("visits/2025"), j.root().join("old-2025")).unwrap();
                fs::create_dir(j.root().join("visits/2025")).unwrap();
                fs::write(in_2025("v23.md"), visit(23, "Target", 3, "refund")).unwrap();
            }),
        ),
        (
            "a folder of entries inside a folder of entries",
            Box::new(|| {
                fs::create_dir(j.visit("sub")).unwrap();
                fs::write(j.visit("sub/v24.md"), visit(24, "Target", 4, "pickup")).unwrap();
            }),
        ),
        (
            "an entry replaced by a link to another",
            Box::new(|| {
                fs::remove_file(in_2025("v23.md")).unwrap();
                std::os::unix::fs::symlink(j.visit("v3.md"), in_2025("v23.md")).unwrap();
            }),
        ),
    ];
    for (what, step) in steps {
        step();
        j.assert_same(what);
        // Settled, the folders are listed once more and then remembered.
        settle();
        j.assert_same(&format!("{what}, then settling"));
    }
    fs::write(&folders, b"insight folders\n and then damage").unwrap();
    j.assert_same("a damaged folders file");
    assert_ne!(
        fs::read(&folders).unwrap(),
        b"insight folders\n and then damage"
    );
}

/// `check` keeps, beside the index, which entries it found nothing wrong
/// with, and reads only the others again; what it says is what reading
/// every file says: a date after today as the day moves, a journal-wide
/// warning on an entry it did not read (pointing at the tag's column), an
/// entry that gains or loses a warning of its own, in one journal and in
/// two read as one.
#[test]
fn check_reads_again_only_what_it_must_and_says_the_same() {
    let (a, b) = (Journal::new("cache-check-a"), Journal::new("cache-check-b"));
    // `date:` on line 3, so that a warning placed at line 1 would show.
    let entry = |day: u32, tags: &str| {
        format!(
            "---\nkind: frontline\ndate: 2026-03-{day:02}\nsite: Cub Foods\ntags: [{tags}]\n---\n# Shift\n"
        )
    };
    for day in 1..=6 {
        fs::write(
            a.visit(&format!("v{day}.md")),
            entry(day, "pricing, mobile"),
        )
        .unwrap();
    }
    fs::write(b.visit("w1.md"), entry(7, "mobile")).unwrap();
    settle();
    let check = |today: &str| {
        let both = [&both(&a, &b, today)[..], &["check"]].concat();
        let one = ["-J", a.dir.str(), "--today", today, "check"];
        let mut said = Vec::new();
        for args in [&both[..], &one[..]] {
            let run = |extra: &[&str]| {
                let run = insight_in(a.root(), &[], &[extra, args].concat());
                (run.code, run.stdout, run.stderr)
            };
            // The first run may read files; the second uses what it kept.
            let (first, second, read) = (run(&[]), run(&[]), run(&["--no-cache"]));
            assert_eq!((&first, &second), (&read, &read), "`check` on {today}");
            said.push(read.1);
        }
        said
    };
    let said = check("2026-11-22");
    assert!(
        said[1].ends_with("checked 6 entries: no problems\n"),
        "{}",
        said[1]
    );
    assert!(a.root().join(".insight/checks").is_file());
    // The day moves back: entries kept as clean get the warning, at `date:`.
    let said = check("2026-03-04");
    assert!(
        said[1].contains("v5.md:3:1: warning: `date` 2026-03-05 is after today (2026-03-04)"),
        "{}",
        said[1]
    );
    // A tag in one entry that looks like the others' is said at its column,
    // on an entry the index holds; in two journals read as one as well.
    fs::write(b.visit("w1.md"), entry(7, "moble")).unwrap();
    fs::write(a.visit("v7.md"), entry(7, "pricing, moble")).unwrap();
    settle();
    let said = check("2026-11-22");
    assert!(
        said[1].contains("v7.md:5:17: warning: tag `moble` looks like `mobile` (in 6 entries)"),
        "{}",
        said[1]
    );
    assert!(
        said[0].contains("w1.md:5:8: warning: tag `moble`"),
        "{}",
        said[0]
    );
    // An entry mended is clean again; one that goes wrong is said.
    fs::write(a.visit("v7.md"), entry(7, "pricing, mobile")).unwrap();
    fs::write(
        a.visit("v2.md"),
        entry(2, "pricing, mobile").replace("kind:", "knd:"),
    )
    .unwrap();
    settle();
    let said = check("2026-11-22");
    assert!(said[1].contains("v2.md:2:1: error"), "{}", said[1]);
    assert!(!said[1].contains("v7.md"), "{}", said[1]);
}
