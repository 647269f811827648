//! `insight site DIR`: the journal as a static site, read as a reader and a
//! web server would read it: the files on disk, their bytes from one build
//! to the next, every link followed, hostile text shown as text, nothing
//! private, and a folder that is not the site's left alone.

use crate::common::{TempDir, copy_dir, insight_at, insight_in, manifest_dir};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// `insight --today 2026-11-22 --journal JOURNAL site DIR ARGS`, run in `cwd`.
fn site(cwd: &Path, journal: &str, dir: &str, args: &[&str]) -> crate::common::Run {
    let mut all = vec!["--journal", journal, "site", dir];
    all.extend_from_slice(args);
    insight_at(cwd, &all)
}

/// The quarterly fixture's site, built into `DIR/site`.
fn quarterly(temp: &TempDir) -> PathBuf {
    let journal = manifest_dir().join("tests/fixtures/quarterly");
    let out = site(temp.path(), journal.to_str().unwrap(), "site", &[]).ok();
    assert_eq!(
        out,
        "wrote 28 of 28 pages to site (0 unchanged, 0 removed)\n"
    );
    temp.path().join("site")
}

/// The example journal's site as of 2026-11-23, as the docs show it, built
/// into `DIR/site`.
fn example(temp: &TempDir) -> PathBuf {
    let journal = manifest_dir().join("examples/journal");
    let args = [
        "--journal",
        journal.to_str().unwrap(),
        "--today",
        "2026-11-23",
    ];
    let out = insight_in(temp.path(), &[], &[&args[..], &["site", "site"]].concat()).ok();
    assert_eq!(
        out,
        "wrote 103 of 103 pages to site (0 unchanged, 0 removed)\n"
    );
    temp.path().join("site")
}

/// Every file under `dir` by its `/`-separated path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let name = rel.to_str().unwrap().replace('\\', "/");
            (name, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    files(dir)
        .into_keys()
        .map(|name| {
            let modified = fs::metadata(dir.join(&name)).unwrap().modified().unwrap();
            (name, modified)
        })
        .collect()
}

/// The pages of the site, as text.
fn pages(dir: &Path) -> BTreeMap<String, String> {
    files(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn a_site_is_these_files() {
    let temp = TempDir::new("site-files");
    let dir = quarterly(&temp);
    let names: Vec<String> = files(&dir).into_keys().collect();
    assert_eq!(
        names,
        [
            "entries/2026-05-10-store-a.html",
            "entries/2026-06-20-hq-lunch.html",
            "entries/2026-07-05-store-a.html",
            "entries/2026-08-15-data-lab.html",
            "entries/2026-09-30-store-a.html",
            "entries/2026-10-10-store-b.html",
            "entries/2026.html",
            "entries/index.html",
            "ideas/bundle.html",
            "ideas/finder.html",
            "ideas/index.html",
            "ideas/queue-display.html",
            "index.html",
            "insight-site.json",
            "people/ann-exec.html",
            "people/bob-exec.html",
            "people/cy-staff.html",
            "people/di-nogroup.html",
            "people/index.html",
            "people/zed-guest.html",
            "quarters/2026-q2.html",
            "quarters/2026-q3.html",
            "quarters/2026-q4.html",
            "tags/analytics.html",
            "tags/checkout.html",
            "tags/index.html",
            "tags/mobile--app.html",
            "tags/mobile.html",
            "tags/pricing.html",
        ]
    );
    let pages = pages(&dir);
    // The home page is this quarter's report, and links to every quarter.
    let home = &pages["index.html"];
    assert!(
        home.contains("<h1>Quarterly test journal: 2026Q4</h1>"),
        "{home}"
    );
    for quarter in ["2026-q2", "2026-q3", "2026-q4"] {
        assert!(home.contains(&format!("href=\"quarters/{quarter}.html\"")));
    }
    assert!(pages["quarters/2026-q3.html"].contains("<h1>Quarterly test journal: 2026Q3</h1>"));
    // An entry's page draws its Markdown, and names its idea, tags and people.
    let lab = &pages["entries/2026-08-15-data-lab.html"];
    assert!(lab.contains("<h1>Queue data</h1>"), "{lab}");
    assert!(
        lab.contains("<a href=\"../ideas/queue-display.html\">"),
        "{lab}"
    );
    assert!(lab.contains("<a href=\"../tags/analytics.html\">analytics</a>"));
    assert!(lab.contains("<a href=\"../people/cy-staff.html\">Cy Staff</a>"));
    // Every page stands alone: its style inline, nothing fetched.
    for (name, page) in &pages {
        assert!(
            page.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            ),
            "{name} has no content security policy"
        );
        for fetch in [" src=", "<link", "<script", "@import", "url("] {
            assert!(!page.contains(fetch), "{name} holds {fetch}");
        }
    }
}

#[test]
fn the_same_journal_gives_the_same_bytes_and_a_second_build_writes_nothing() {
    let temp = TempDir::new("site-again");
    let dir = quarterly(&temp);
    let first = files(&dir);
    let other = TempDir::new("site-again-other");
    let journal = manifest_dir().join("tests/fixtures/quarterly");
    site(other.path(), journal.to_str().unwrap(), "site", &[]).ok();
    assert!(
        first == files(&other.path().join("site")),
        "two builds differ"
    );

    let before = mtimes(&dir);
    let again = site(temp.path(), journal.to_str().unwrap(), "site", &[]).ok();
    assert_eq!(
        again,
        "wrote 0 of 28 pages to site (28 unchanged, 0 removed)\n"
    );
    assert_eq!(mtimes(&dir), before, "a page was written again");
    assert!(first == files(&dir));
}

#[test]
fn an_edited_entry_rewrites_its_page_only_and_a_removed_one_takes_its_page_away() {
    let temp = TempDir::new("site-edit");
    let journal = temp.path().join("journal");
    copy_dir(&manifest_dir().join("tests/fixtures/quarterly"), &journal);
    let build = || site(temp.path(), "journal", "site", &[]).ok();
    build();
    let dir = temp.path().join("site");
    let before = mtimes(&dir);

    let lab = journal.join("visits/2026-08-15-data-lab.md");
    let text = fs::read_to_string(&lab).unwrap();
    fs::write(&lab, text + "\nThe lab's queue data is a week late.\n").unwrap();
    assert_eq!(
        build(),
        "wrote 1 of 28 pages to site (27 unchanged, 0 removed)\n"
    );
    let after = mtimes(&dir);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, time)| before.get(*name) != Some(time))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(changed, ["entries/2026-08-15-data-lab.html"]);
    let page = fs::read_to_string(dir.join("entries/2026-08-15-data-lab.html")).unwrap();
    assert!(
        page.contains("<p>The lab's queue data is a week late.</p>"),
        "{page}"
    );

    fs::remove_file(&lab).unwrap();
    assert_eq!(
        build(),
        "wrote 12 of 26 pages to site (14 unchanged, 2 removed)\n"
    );
    assert!(!dir.join("entries/2026-08-15-data-lab.html").exists());
    let manifest = fs::read_to_string(dir.join("insight-site.json")).unwrap();
    assert!(!manifest.contains("data-lab"), "{manifest}");
}

/// Every relative link of every page leads to a file of the site, and its
/// `#anchor` to an element of that file; no link leaves the folder, starts
/// at the server's root, or runs anything.
fn check_links(dir: &Path) -> usize {
    let pages = pages(dir);
    let ids: BTreeMap<&String, BTreeSet<String>> = pages
        .iter()
        .map(|(name, page)| (name, attribute_values(page, "id").into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    let mut followed = 0;
    for (name, page) in &pages {
        for href in attribute_values(page, "href") {
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("https://")
                || lower.starts_with("http://")
                || lower.starts_with("mailto:")
            {
                continue;
            }
            assert!(
                !href.starts_with('/') && !href.contains(':'),
                "{name} links to {href}: not a relative link"
            );
            followed += 1;
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = match file {
                "" => name.clone(),
                _ => resolve(name, file),
            };
            match ids.get(&target) {
                None => broken.push(format!("{name} -> {href}: no page {target}")),
                Some(found) if !anchor.is_empty() && !found.contains(anchor) => {
                    broken.push(format!("{name} -> {href}: no id {anchor} in {target}"))
                }
                Some(_) => {}
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links: {broken:#?}",
        broken.len()
    );
    followed
}

/// `file`, a relative link on the page `from`, as a path from the site's top.
fn resolve(from: &str, file: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in file.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{from} links above the site: {file}");
            }
            "." => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The values of every `name="…"` attribute in `html`, unescaped.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            value
                .replace("&amp;", "&")
                .replace("&#38;", "&")
                .replace("&quot;", "\"")
                .replace("&#34;", "\"")
                .replace("&#39;", "'")
        })
        .collect()
}

#[test]
fn every_link_of_the_example_site_leads_somewhere() {
    let temp = TempDir::new("site-links");
    let followed = check_links(&example(&temp));
    assert!(followed > 1_500, "only {followed} links followed");
    // And the quarterly fixture's, whose people include one outside the settings.
    let quarterly = TempDir::new("site-links-quarterly");
    check_links(&self::quarterly(&quarterly));
}

#[test]
fn the_link_checker_finds_a_broken_link() {
    let temp = TempDir::new("site-links-broken");
    let dir = quarterly(&temp);
    let page = dir.join("ideas/index.html");
    let html = fs::read_to_string(&page).unwrap();
    fs::write(&page, html.replace("finder.html", "finder.htm")).unwrap();
    let caught = std::panic::catch_unwind(|| check_links(&dir));
    assert!(caught.is_err(), "a broken link went unseen");
}

const HOSTILE: &str = "---\n\
    date: 2026-11-02\n\
    kind: frontline\n\
    site: \"Store </style><script>alert(1)</script>\"\n\
    people: [\"Eve \u{202e}gnp.exe\"]\n\
    tags: [\"</style>\", \"<script>\"]\n\
    ideas:\n  - { title: \"<script>alert(2)</script>\", id: \"x</style>\" }\n\
    ---\n\
    # Title </style><script>alert(3)</script>\n\n\
    <script>alert(4)</script>\n\n\
    <style>body { display: none }</style>\n\n\
    [click](javascript:alert(5)) and <a href=\"javascript:alert(6)\">this</a>\n\
    and <img src=\"https://example.com/x.png\" onerror=\"alert(7)\">\n\n\
    > I said \u{202e}txt.exe and </style>\n";

#[test]
fn hostile_text_is_shown_as_text_and_nothing_runs() {
    let temp = TempDir::new("site-hostile");
    let root = temp.path();
    fs::create_dir_all(root.join("visits")).unwrap();
    fs::write(
        root.join("insight.yaml"),
        "name: \"</title><script>alert(0)</script>\"\n",
    )
    .unwrap();
    fs::write(root.join("visits/2026-11-02-hostile.md"), HOSTILE).unwrap();
    let out = insight_at(root, &["site", "out"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pages = pages(&root.join("out"));
    let all: String = pages.values().map(String::as_str).collect();
    let lower = all.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element");
    assert!(!lower.contains("javascript:"), "a javascript: link");
    assert!(!lower.contains("onerror"), "an event handler");
    assert!(!lower.contains(" src="), "something fetched");
    assert!(!all.contains('\u{202e}'), "a right-to-left override");
    // `</style>` only ever closes the page's own stylesheet.
    for (name, page) in &pages {
        assert_eq!(page.matches("</style>").count(), 1, "{name}");
        assert_eq!(page.matches("<style>").count(), 1, "{name}");
    }
    let entry = pages
        .iter()
        .find(|(name, _)| name.starts_with("entries/2026-11-02"))
        .map(|(_, page)| page)
        .unwrap();
    // Raw HTML in the Markdown is cleaned away; the fields are escaped.
    for shown in [
        "<h1>Title alert(3)</h1>",
        "Store &#60;/style&#62;&#60;script&#62;alert(1)&#60;/script&#62;",
        "Eve \\u{202e}gnp.exe",
        ">&#60;/style&#62;</a>",
        "<p><a rel=\"noopener noreferrer\">click</a> and <a rel=\"noopener noreferrer\">this</a>",
        "<p>I said \\u{202e}txt.exe and </p>",
        "&#60;/title&#62;&#60;script&#62;alert(0)&#60;/script&#62;",
    ] {
        assert!(entry.contains(shown), "{shown} not in {entry}");
    }
    let idea = pages
        .iter()
        .find(|(name, _)| name.starts_with("ideas/x"))
        .map(|(_, page)| page)
        .unwrap();
    assert!(
        idea.contains("<h1>&#60;script&#62;alert(2)&#60;/script&#62;</h1>"),
        "{idea}"
    );
    assert!(
        idea.contains("<p>I said \\u{202e}txt.exe and</p>"),
        "{idea}"
    );
    check_links(&root.join("out"));
}

const SHARED: &str = "---\ndate: 2026-11-02\nkind: peer\nsite: Acme HQ\n\
                      people: [Ann Lee]\ncustomers: 1\ntags: [billing]\n---\n\
                      # Lunch with the CIO\n\n\
                      > Write to jo@acme.example.com or call +44 20 7946 0958, she said.\n";

const PRIVATE: &str = "---\ndate: 2026-11-03\nkind: frontline\nsite: HR desk\n\
                       people: [Hal Secret]\ncustomers: 5\nprivate: true\ntags: [grievances]\n\
                       ideas: [Quiet exit]\n---\n\
                       # The grievance visit\n\n> A grievance we must not repeat.\n";

#[test]
fn a_private_entry_and_contacts_never_reach_the_site() {
    let temp = TempDir::new("site-private");
    let root = temp.path();
    fs::create_dir_all(root.join("visits")).unwrap();
    let settings = "name: Shared\nprivate_keys: [people, site]\n";
    fs::write(root.join("insight.yaml"), settings).unwrap();
    fs::write(root.join("visits/2026-11-02-acme-hq.md"), SHARED).unwrap();
    fs::write(root.join("visits/2026-11-03-hr-desk.md"), PRIVATE).unwrap();
    insight_at(root, &["site", "out"]).ok();
    let files = files(&root.join("out"));
    let all: String = files
        .iter()
        .map(|(name, bytes)| format!("{name}\n{}", String::from_utf8_lossy(bytes)))
        .collect();
    for secret in [
        "HR desk",
        "hr-desk",
        "Hal Secret",
        "hal-secret",
        "grievance",
        "Quiet exit",
        "quiet-exit",
        "jo@",
        "7946",
        "Ann Lee",
        "ann-lee",
        "Acme",
        "acme",
    ] {
        assert!(!all.contains(secret), "{secret} on the site");
    }
    assert!(all.contains("Write to [e-mail address] or call [phone number], she said."));
    // The private keys' values are hidden, and so is the file name made of them.
    let entry = String::from_utf8(files["entries/2026-11-02-1.html"].clone()).unwrap();
    assert!(
        entry.contains("<a href=\"../people/person-1.html\">Person 1</a>"),
        "{entry}"
    );
    assert!(
        entry.contains("<p class=\"subtitle\">2026-11-02, (private)</p>"),
        "{entry}"
    );
}

#[test]
fn a_folder_the_site_did_not_make_is_refused_and_left_alone() {
    let temp = TempDir::new("site-refused");
    let journal = manifest_dir().join("tests/fixtures/quarterly");
    let journal = journal.to_str().unwrap();
    let dir = temp.path().join("mine");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "my own notes").unwrap();
    let run = site(temp.path(), journal, "mine", &[]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            2,
            "",
            format!(
                "error: {} is not empty and holds no earlier site\n\
                 hint: build the site into a new or empty folder, or into one an earlier `insight site` wrote\n",
                dir.display()
            )
            .as_str()
        )
    );
    assert_eq!(files(&dir).into_keys().collect::<Vec<_>>(), ["notes.txt"]);

    // A file that is not a folder is refused too.
    fs::write(temp.path().join("plain"), "x").unwrap();
    let run = site(temp.path(), journal, "plain", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(fs::read_to_string(temp.path().join("plain")).unwrap(), "x");
}

#[cfg(unix)]
#[test]
fn a_site_never_writes_through_a_link_it_did_not_make() {
    let temp = TempDir::new("site-link");
    let dir = quarterly(&temp);
    let journal = manifest_dir().join("tests/fixtures/quarterly");
    let elsewhere = temp.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("keep.txt"), "keep").unwrap();
    fs::remove_dir_all(dir.join("ideas")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("ideas")).unwrap();
    let run = site(temp.path(), journal.to_str().unwrap(), "site", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!(
            "error: {} is a symbolic link, which insight site did not make; not writing through it\n",
            dir.join("ideas").display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        files(&elsewhere).into_keys().collect::<Vec<_>>(),
        ["keep.txt"]
    );

    // A page replaced by a link to a file elsewhere: refused, the file untouched.
    fs::remove_file(dir.join("ideas")).unwrap();
    let again = TempDir::new("site-link-page");
    let dir = quarterly(&again);
    let target = again.path().join("target.html");
    fs::write(&target, "mine").unwrap();
    fs::remove_file(dir.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("index.html")).unwrap();
    let run = site(again.path(), journal.to_str().unwrap(), "site", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&target).unwrap(), "mine");
}

/// The home page, an idea and an entry of the example journal's site in
/// headless Chromium, at a desktop's width and a phone's: each drawn, and
/// far from blank. With `INSIGHT_SITE_SHOTS=DIR` the pictures are kept in
/// DIR to be looked at. Skipped without a Chromium, as the report's test is.
#[test]
fn the_site_in_a_browser_at_desktop_and_phone_width() {
    use crate::browser::{chromium, chromium_or_skip, png_facts};
    let Some(program) = chromium_or_skip() else {
        return;
    };
    let temp = TempDir::new("site-browser");
    let dir = example(&temp);
    let blank = temp.path().join("blank.html");
    fs::write(&blank, "<!DOCTYPE html>\n<title>blank</title>\n").unwrap();
    let kept = std::env::var_os("INSIGHT_SITE_SHOTS").map(PathBuf::from);
    let pages = [
        ("home", "index.html"),
        ("idea", "ideas/split-billing.html"),
        ("entry", "entries/2026-11-17-jewel-osco-chicago.html"),
    ];
    for (width, height) in [(1280, 1600), (390, 1600)] {
        let window = format!("--window-size={width},{height}");
        let shoot = |page: &Path, name: &str| {
            let png = temp.path().join(format!("{name}-{width}.png"));
            let shot = format!("--screenshot={}", png.display());
            chromium(&program, temp.path(), &[&window, &shot], page);
            let facts = png_facts(&fs::read(&png).unwrap());
            if let Some(kept) = &kept {
                fs::create_dir_all(kept).unwrap();
                fs::copy(&png, kept.join(png.file_name().unwrap())).unwrap();
            }
            facts
        };
        let (_, _, empty) = shoot(&blank, "blank");
        for (name, page) in pages {
            let (w, h, drawn) = shoot(&dir.join(page), name);
            assert_eq!((w, h), (width, height), "{name}");
            assert!(
                drawn > 5 * empty && drawn > 20_000,
                "{name} at {width} looks blank: {drawn} bytes of image data, a blank page has {empty}"
            );
        }
    }
    // The DOM the browser built from an entry: its notes, and no script.
    let dom = chromium(
        &program,
        temp.path(),
        &["--dump-dom"],
        &dir.join(pages[2].1),
    );
    assert!(
        dom.contains("<h1>Produce shift at Jewel-Osco</h1>"),
        "{dom}"
    );
    assert!(dom.contains("<blockquote>"), "{dom}");
    assert!(!dom.to_lowercase().contains("<script"), "a script element");
}

/// On a terminal, a build that takes a while counts its pages; the line is
/// taken away before the summary, and a pipe sees none of it.
#[test]
fn a_long_build_shows_its_progress_on_a_terminal() {
    let temp = TempDir::new("site-progress");
    let journal = manifest_dir().join("tests/fixtures/quarterly");
    let args = [
        "--today",
        "2026-11-22",
        "--journal",
        journal.to_str().unwrap(),
        "site",
        "out",
    ];
    let now = [("INSIGHT_PROGRESS_AFTER_MS", "0")];
    let screen = crate::common::on_terminal(temp.path(), &now, &args, None);
    assert!(screen.contains("\rwriting 28 of 28 pages, "), "{screen:?}");
    assert!(
        screen.ends_with("\r\x1b[Kwrote 28 of 28 pages to out (0 unchanged, 0 removed)\n"),
        "{screen:?}"
    );
    let piped = insight_in(temp.path(), &now, &args).ok();
    assert_eq!(
        piped,
        "wrote 0 of 28 pages to out (28 unchanged, 0 removed)\n"
    );
}
