//! Any bytes as the caches beside a journal (`.insight/index`,
//! `.insight/folders`, and `.insight/text` or `.insight/checks`) of a small
//! journal whose files are fixed: reading the journal with them
//! (`Cache::Use`) must give the same entries, diagnostics and `--text` hits
//! as reading it without them (`Cache::Bypass`), and `check` the same
//! diagnostics; and so must reading and checking it again with the caches
//! insight wrote in their place. Never a wrong answer, never a panic.
//!
//! The input is a mode byte, a needle byte, the lengths of the first two
//! parts (u16 LE each), then the three parts; the mode's second bit puts
//! the third part in `checks` instead of `text`. With the mode's low bit set,
//! each part is sealed as insight seals its files (the header that names
//! the file's kind, format, version and owner before it, its checksum
//! after), so that the fuzzer reaches the decoders past the checksum; the
//! index's part then starts with its "made at" time (8 bytes), and its
//! payload length is filled in.
//!
//! The entry files are made a minute old, so that a record the index holds
//! of them would be trusted if it named their metadata. A record is trusted
//! only when it names the file's size, inode, device, modification time and
//! change time, and the change time is that of the moment the file was
//! written in this run, to the nanosecond: no input can name it in advance.
//! An index that does (one made by insight, then its files edited keeping
//! all their metadata) is beyond what a cache keyed on metadata can see:
//! see docs/development.md#fuzzing.
#![no_main]

use insight::check::sources::working_tree;
use insight::model::journal::{Bodies, Journal};
use insight::read::cache::bytes::{header, seal};
use insight::read::find::Location;
use insight::read::worktree::Cache;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

// The kinds of the files, as `src/read/cache/` writes them; checked once
// below, so that a change there makes this target fail, not go blind.
const INDEX_MAGIC: &[u8; 16] = b"insight index\n\0\0";
const FOLDERS_MAGIC: &[u8; 16] = b"insight folders\n";
const TEXT_MAGIC: &[u8; 16] = b"insight text\n\0\0\0";
const CHECKS_MAGIC: &[u8; 16] = b"insight checks\n\0";

const SETTINGS: &str = "name: Fuzz\nkinds: [frontline, research]\ntags: [mobile, checkout]\n";

const ENTRIES: [(&str, &str); 6] = [
    (
        "visits/2026/a.md",
        "---\ndate: 2026-03-01\nkind: frontline\nsite: Cub Foods\nrole: cashier\n\
         people: [Dana Reyes, Sam Ito]\ncustomers: 12\nhours: 4.5\ntags: [mobile]\n\
         ideas:\n  - id: scan\n    title: Scan and go\n    status: new\n  - Fewer coupons\n---\n\
         # The tills\n\n> I only came in for milk.\n",
    ),
    (
        "visits/2026/b.md",
        "---\ndate: 2026-03-02\nkind: research\nsite: Cub Foods\ntags: [checkout]\n---\nThe queue.\n",
    ),
    (
        "visits/2025/c.md",
        "---\ndate: 2025-11-20\nkind: frontline\nsite: Lunds\npeople: [Sam Ito]\n\
         ideas:\n  - id: scan\n    status: building\n---\n# Night shift\n\nMilk and bread, then the queue.\n",
    ),
    // Errors: kept out of the index, read again on every run.
    (
        "visits/2025/broken.md",
        "---\ndate: 2025-13-01\nkind: frontline\n---\n",
    ),
    ("visits/unclosed.md", "---\ndate: 2026-01-01\n"),
    // A folder with a folder in it, and one of files only.
    (
        "visits/2026/q1/d.md",
        // An idea named otherwise than in a.md, which is warned of there:
        // a journal-wide warning on an entry with nothing else wrong.
        "---\ndate: 2026-01-05\nkind: research\nsite: HQ\n\
         ideas:\n  - id: scan\n    title: Split billing for two payers\n---\n",
    ),
];

/// The day of every check: after some entries' dates and before others'.
const TODAY: jiff::civil::Date = jiff::civil::date(2026, 3, 1);

const NEEDLES: [Option<&str>; 5] = [None, Some("milk"), Some("queue"), Some("the"), Some("zz")];

/// A minute ago: long settled, by the index's rule.
fn a_minute_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(60)
}

/// The journal, its files and folders a minute old.
fn journal(root: &Path) {
    std::fs::write(root.join("insight.yaml"), SETTINGS).unwrap();
    for (rel, text) in ENTRIES {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(a_minute_ago()).unwrap();
    }
    for folder in ["visits/2026/q1", "visits/2026", "visits/2025", "visits"] {
        let file = std::fs::File::open(root.join(folder)).unwrap();
        file.set_modified(a_minute_ago()).unwrap();
    }
}

/// The three files as given, or sealed; the index's id (its checksum)
/// owns the search texts or the check results (`third`: which).
fn caches(root: &Path, parts: [&[u8]; 3], sealed: bool, third: Third) {
    let dir = root.join(".insight");
    let _ = std::fs::create_dir(&dir);
    let [index, folders, text] = parts;
    let (name, magic) = match third {
        Third::Text => ("text", TEXT_MAGIC),
        Third::Checks => ("checks", CHECKS_MAGIC),
    };
    let _ = std::fs::remove_file(dir.join("text"));
    let _ = std::fs::remove_file(dir.join("checks"));
    if !sealed {
        std::fs::write(dir.join("index"), index).unwrap();
        std::fs::write(dir.join("folders"), folders).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
        return;
    }
    let settings = insight::read::cache::index::settings_hash(root);
    let index = sealed_index(settings, index);
    let id = u64::from_le_bytes(index[index.len() - 8..].try_into().unwrap());
    std::fs::write(dir.join("index"), &index).unwrap();
    std::fs::write(dir.join("folders"), sealed_file(FOLDERS_MAGIC, 0, folders)).unwrap();
    std::fs::write(dir.join(name), sealed_file(magic, id, text)).unwrap();
}

/// Which cache the third part of the input is.
#[derive(Clone, Copy)]
enum Third {
    Text,
    Checks,
}

fn sealed_index(settings: u64, part: &[u8]) -> Vec<u8> {
    let (made, payload) = part.split_at(part.len().min(8));
    let mut made_ns = [0u8; 8];
    made_ns[..made.len()].copy_from_slice(made);
    let mut bytes = Vec::new();
    header(&mut bytes, INDEX_MAGIC, settings);
    bytes.extend_from_slice(&made_ns);
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(payload);
    seal(&mut bytes);
    bytes
}

fn sealed_file(magic: &[u8; 16], owner: u64, part: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    header(&mut bytes, magic, owner);
    bytes.extend_from_slice(part);
    seal(&mut bytes);
    bytes
}

/// Once: empty caches sealed here are read as sound, so the kinds and
/// layout above are still insight's.
fn sealing_still_works() {
    static CHECKED: OnceLock<()> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let temp = scratch();
        let root = temp.path();
        journal(root);
        let now = insight::read::cache::fingerprint::now_ns().to_le_bytes();
        // No texts, no lists, no records; no folders; no texts.
        let index = [now.as_slice(), &[0, 0, 0]].concat();
        let folders = [now.as_slice(), &[0]].concat();
        caches(root, [&index, &folders, &[0]], true, Third::Text);
        let settings = insight::read::cache::index::settings_hash(root);
        let read = insight::read::cache::index::Index::read(root, settings);
        let id = read.as_ref().map(|index| index.id());
        assert!(
            id.is_some(),
            "a sealed empty index is not read: the header changed"
        );
        assert!(
            insight::read::cache::listings::Listings::read(root).is_some(),
            "sealed empty listings are not read: the header changed"
        );
        let texts = std::fs::read(root.join(".insight/text")).unwrap();
        assert!(
            insight::read::cache::texts::SearchTexts::of(texts, id.unwrap()).is_some(),
            "sealed empty search texts are not read: the header changed"
        );
        caches(root, [&index, &folders, &[0]], true, Third::Checks);
        assert!(
            insight::read::cache::checks::Clean::read(root, id.unwrap()).is_some(),
            "sealed empty check results are not read: the header changed"
        );
    });
}

/// What a command is told: the entries, the problems, the `--text` hits.
fn answer(journal: &Journal) -> (Vec<String>, Vec<String>, Option<Vec<String>>) {
    let entries = journal.entries.iter().map(|e| format!("{e:?}")).collect();
    let diagnostics = journal
        .diagnostics
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    let hits = journal.text_hits.as_ref().map(|hits| {
        let mut hits: Vec<String> = hits.iter().cloned().collect();
        hits.sort();
        hits
    });
    (entries, diagnostics, hits)
}

/// A folder of its own for one input: on tmpfs where there is one (unless
/// TMPDIR says where), as creating and deleting each input's files on a disk
/// costs ten times what reading them does.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none()
        && shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

fuzz_target!(|bytes: &[u8]| {
    sealing_still_works();
    let [mode, needle, a, b, c, d, rest @ ..] = bytes else {
        return;
    };
    let sealed = mode & 1 == 1;
    let third = match mode & 2 {
        0 => Third::Text,
        _ => Third::Checks,
    };
    let needle = NEEDLES[usize::from(*needle) % NEEDLES.len()];
    let first = usize::from(u16::from_le_bytes([*a, *b])).min(rest.len());
    let (index, rest) = rest.split_at(first);
    let second = usize::from(u16::from_le_bytes([*c, *d])).min(rest.len());
    let (folders, text) = rest.split_at(second);

    let temp = scratch();
    let root = temp.path().to_path_buf();
    journal(&root);
    let location =
        Location::find(std::slice::from_ref(&root), &root).expect("the journal is found");
    let load = |cache, search: Option<&str>, bodies| {
        answer(&location.clone().load_searching(bodies, cache, search))
    };
    for (search, bodies) in [(None, Bodies::Keep), (needle, Bodies::Drop)] {
        let truth = load(Cache::Bypass, search, bodies);
        caches(&root, [index, folders, text], sealed, third);
        let forged = load(Cache::Use, search, bodies);
        assert_eq!(truth, forged, "the caches given changed the answer");
        // What insight wrote in their place.
        let own = load(Cache::Use, search, bodies);
        assert_eq!(truth, own, "the caches insight wrote changed the answer");
    }
    let check = |cache| {
        let (checked, problems) = working_tree(&location, TODAY, Bodies::Drop, cache);
        let mut said: Vec<String> = checked
            .iter()
            .flat_map(|c| &c.diagnostics)
            .chain(&problems)
            .map(|d| format!("{d:?}"))
            .collect();
        said.sort();
        said
    };
    let truth = check(Cache::Bypass);
    caches(&root, [index, folders, text], sealed, third);
    assert_eq!(
        truth,
        check(Cache::Use),
        "the caches given changed what check says"
    );
    assert_eq!(
        truth,
        check(Cache::Use),
        "the caches insight wrote changed what check says"
    );
});
