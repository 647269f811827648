//! The HTML report in a real browser: headless Chromium draws the example
//! journal's yearly page as a screenshot and as a PDF, and dumps the DOM it
//! built. This is what a reader of the page gets; the other tests only read
//! the bytes.
//!
//! Without a Chromium (`chromium` or `chromium-browser` on the PATH, or the
//! program named by `INSIGHT_CHROMIUM`) the test says so and passes, so that
//! `cargo test` works anywhere; `.ci/run` installs Debian's `chromium` and
//! sets `INSIGHT_REQUIRE_CHROMIUM=1`, which makes a missing browser a failure.
//! The page count assumes Debian's fonts as `.ci/run` installs them
//! (`fonts-noto-cjk` for the Chinese quotes).

use crate::common::TempDir;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The PDF's pages on Chromium's default paper (US Letter), with the print
/// stylesheet: no chart, quote or table row cut by a page break.
const PDF_PAGES: usize = 8;
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 2000;
/// No run of Chromium may take longer; it is stopped and the test fails.
const PATIENCE: Duration = Duration::from_secs(120);

const SECTIONS: [&str; 10] = [
    "Summary",
    "Totals",
    "By kind",
    "Tags",
    "Sites",
    "Ideas that moved",
    "Ideas",
    "Coverage",
    "Voice of the customer",
    "Trend",
];

fn find_chromium() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("INSIGHT_CHROMIUM").filter(|n| !n.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| [dir.join("chromium"), dir.join("chromium-browser")])
        .find(|candidate| candidate.is_file())
}

/// Chromium, or `None` with a message when the test may be skipped.
pub(crate) fn chromium_or_skip() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("INSIGHT_REQUIRE_CHROMIUM").is_none(),
            "INSIGHT_REQUIRE_CHROMIUM is set but no chromium was found: apt-get install -y chromium fonts-noto-cjk"
        );
        eprintln!(
            "skipped: no chromium on the PATH (apt-get install -y chromium fonts-noto-cjk, or set INSIGHT_CHROMIUM)"
        );
    }
    found
}

/// Runs headless Chromium on `page` with `args`, in a profile of its own
/// and cut off from the network; returns its stdout.
pub(crate) fn chromium(program: &Path, work: &Path, args: &[&str], page: &Path) -> String {
    let profile = work.join(format!("profile-{}", args.join("").len()));
    let _ = std::fs::remove_dir_all(&profile);
    let mut child = Command::new(program)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("chromium {args:?} did not finish in {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("read chromium");
    assert!(
        output.status.success(),
        "chromium {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A PNG's width, height and the bytes of its compressed image data.
pub(crate) fn png_facts(png: &[u8]) -> (u32, u32, usize) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be32 = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    let (width, height) = (be32(16), be32(20));
    let mut at = 8;
    let mut data = 0;
    while at + 8 <= png.len() {
        let length = be32(at) as usize;
        if &png[at + 4..at + 8] == b"IDAT" {
            data += length;
        }
        at += 12 + length;
    }
    (width, height, data)
}

/// The pages of a PDF: its `/Type /Page` objects (not the `/Pages` tree).
fn pdf_pages(pdf: &[u8]) -> usize {
    let marker = b"/Type /Page";
    pdf.windows(marker.len() + 1)
        .filter(|w| w.starts_with(marker) && w[marker.len()] != b's')
        .count()
}

#[test]
fn the_yearly_page_in_a_browser() {
    let Some(program) = chromium_or_skip() else {
        return;
    };
    let dir = TempDir::new("browser");
    let page = dir.path().join("report.html");
    let run = crate::common::example_year_page(&["-o", page.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!DOCTYPE html>\n<title>blank</title>\n").unwrap();
    let window = format!("--window-size={WIDTH},{HEIGHT}");

    // A screenshot: the right size, and far more drawn on it than on a blank page.
    let png = dir.path().join("report.png");
    let shot = format!("--screenshot={}", png.display());
    chromium(&program, dir.path(), &[&window, &shot], &page);
    let (width, height, drawn) = png_facts(&std::fs::read(&png).unwrap());
    assert_eq!((width, height), (WIDTH, HEIGHT));
    let empty_png = dir.path().join("blank.png");
    let empty_shot = format!("--screenshot={}", empty_png.display());
    chromium(&program, dir.path(), &[&window, &empty_shot], &blank);
    let (_, _, empty) = png_facts(&std::fs::read(&empty_png).unwrap());
    assert!(
        drawn > 5 * empty && drawn > 50_000,
        "the screenshot looks blank: {drawn} bytes of image data, a blank page has {empty}"
    );

    // Printed: the pages the print stylesheet gives.
    let pdf = dir.path().join("report.pdf");
    let print = format!("--print-to-pdf={}", pdf.display());
    chromium(
        &program,
        dir.path(),
        &["--no-pdf-header-footer", &print],
        &page,
    );
    let pdf = std::fs::read(&pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert_eq!(pdf_pages(&pdf), PDF_PAGES, "pages of the PDF");

    // The DOM the browser built: every section, quotes in their language, no script.
    let dom = chromium(&program, dir.path(), &["--dump-dom"], &page);
    assert!(dom.contains("<h1>Frontline CIO Circle: 2026</h1>"), "{dom}");
    for section in SECTIONS {
        assert!(
            dom.contains(&format!("-title\">{section}</h2>")),
            "no heading {section}"
        );
    }
    assert_eq!(dom.matches("</h2>").count(), SECTIONS.len());
    assert!(!dom.to_lowercase().contains("<script"), "a script element");
    assert!(dom.contains("<blockquote lang=\"zh\">"));
    assert!(dom.contains("<blockquote lang=\"de\">"));
}
