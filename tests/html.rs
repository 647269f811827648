//! `insight report --format html`: the whole page for the `quarterly` fixture
//! (whose figures tests/report.rs works out by hand), text from the journal
//! that tries to be markup, and writing the page to a file.
//!
//! The page is compared whole with `tests/snapshots/quarterly-2026Q3.html`.
//! After a deliberate change to the page, look at the new one in a browser,
//! then run `INSIGHT_BLESS=1 cargo test --test main html::` to store it, and read the
//! diff before committing it.

use crate::common::{TempDir, fixture, insight};
use std::collections::BTreeSet;
use std::path::Path;

const SNAPSHOT: &str = "tests/snapshots/quarterly-2026Q3.html";

#[test]
fn the_page_is_the_stored_snapshot_byte_for_byte() {
    let page = fixture(
        "quarterly",
        &["report", "--quarter", "last", "--format", "html"],
    )
    .ok();
    let path = crate::common::manifest_dir().join(SNAPSHOT);
    if std::env::var_os("INSIGHT_BLESS").is_some() {
        std::fs::write(&path, &page).expect("write the snapshot");
    }
    let stored = std::fs::read_to_string(&path).expect("read the snapshot");
    if page != stored {
        let line = page
            .lines()
            .zip(stored.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| page.lines().count().min(stored.lines().count()));
        panic!(
            "the page differs from {SNAPSHOT} from line {}:\n  now:    {:?}\n  stored: {:?}\n\
             if the change is meant, run INSIGHT_BLESS=1 cargo test --test main html::",
            line + 1,
            page.lines().nth(line),
            stored.lines().nth(line)
        );
    }
    // The same journal and day give the same bytes every time.
    assert_eq!(
        fixture(
            "quarterly",
            &["report", "--quarter", "last", "--format", "html"]
        )
        .ok(),
        page
    );
}

#[test]
fn the_page_shows_the_numbers_of_the_markdown_report() {
    let page = fixture(
        "quarterly",
        &["report", "--quarter", "last", "--format", "html"],
    )
    .ok();
    // Totals with the previous quarter and the change, as in MARKDOWN_2026Q3.
    for row in [
        ("Entries", "3", "2", "+1"),
        ("Customers spoken to", "25", "12", "+13"),
        ("Hours", "9", "5.5", "+3.5"),
        ("Ideas raised", "2", "1", "+1"),
    ] {
        let cells = format!(
            "<th scope=\"row\" data-label=\"\">{}</th>\n\
             <td data-label=\"2026Q3\" class=\"num\">{}</td>\n\
             <td data-label=\"2026Q2\" class=\"num\">{}</td>\n\
             <td data-label=\"Change\" class=\"num\">{}</td>",
            row.0, row.1, row.2, row.3
        );
        assert!(page.contains(&cells), "{row:?}");
    }
    assert!(page.contains(
        "<p class=\"note\">Where the 3 ideas raised by 2026-09-30 stand: new 1, exploring 1, planned 1, building 0, shipped 0, dropped 0.</p>"
    ));
    // The summary comes first, in the text's own colour.
    assert!(page.contains(
        "<h2 id=\"summary-title\">Summary</h2>\n<p class=\"lead\">In 2026Q3, 3 people went out on 3 entries"
    ));
    // Each change of status on a line of its own: the date kept whole.
    assert!(page.contains(
        "<td data-label=\"When and where\"><span class=\"keep\">2026-07-05</span> exploring at Store A</td>"
    ));
    // The trend beside the previous quarter, month for month.
    assert!(page.contains("<span class=\"label\"><span>2026-07</span><span>2026-04</span></span>"));
    assert!(page.contains("<span class=\"value\"><span>1</span><span>0</span></span>"));
    // Every section of the Markdown report, in its order.
    let markdown = fixture(
        "quarterly",
        &["report", "--quarter", "last", "--format", "markdown"],
    )
    .ok();
    let md_sections: Vec<&str> = markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .collect();
    let html_sections: Vec<&str> = page
        .lines()
        .filter(|l| l.starts_with("<h2 "))
        .filter_map(|l| l.split('>').nth(1)?.strip_suffix("</h2"))
        .collect();
    assert_eq!(html_sections, md_sections);
}

/// A journal whose every name tries to be markup. (Raw HTML in a body is
/// markup to CommonMark, and never part of a quote's text; escaped, or in a
/// code span, it is text, and that text must reach the page as text.)
fn hostile_journal(dir: &Path) {
    std::fs::create_dir_all(dir.join("visits")).unwrap();
    std::fs::write(
        dir.join("insight.yaml"),
        "name: 'Evil \"journal\" <x> & co'\n\
         kinds: [frontline, '<b>kind</b>']\n\
         people:\n  - { name: '<img src=x onerror=alert(1)>', group: staff }\n\
         targets:\n  staff: { entries_per_year: 2 }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("visits/2026-07-05-x.md"),
        "---\n\
         date: 2026-07-05\n\
         kind: '<b>kind</b>'\n\
         site: <script>alert(1)</script>\n\
         people: ['<img src=x onerror=alert(1)>']\n\
         customers: 3\n\
         tags: ['</table>']\n\
         ideas:\n  - { id: '\"><svg onload=alert(1)>', title: '<style>body{display:none}</style>', status: exploring, owner: '</td></tr>' }\n\
         ---\n\
         > A quote holding \\</svg>\\<script>alert(2)\\</script> and `</blockquote>` & more.\n",
    )
    .unwrap();
}

/// Every element name the page uses; anything else came from the journal.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "p",
    "nav",
    "ul",
    "li",
    "a",
    "main",
    "section",
    "h2",
    "figure",
    "figcaption",
    "div",
    "span",
    "svg",
    "rect",
    "line",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "br",
    "dl",
    "dt",
    "dd",
    "pre",
];

fn element_names(page: &str) -> BTreeSet<String> {
    page.split('<')
        .skip(1)
        .filter(|tag| !tag.starts_with('!'))
        .map(|tag| {
            tag.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect()
        })
        .collect()
}

#[test]
fn text_from_the_journal_is_shown_never_run() {
    let dir = TempDir::new("html-hostile");
    hostile_journal(dir.path());
    let run = insight(&[
        "--journal",
        dir.str(),
        "report",
        "--year",
        "2026",
        "--format",
        "html",
    ]);
    let page = run.ok();
    let unknown: Vec<String> = element_names(&page)
        .into_iter()
        .filter(|name| !ELEMENTS.contains(&name.as_str()))
        .collect();
    assert!(unknown.is_empty(), "elements from the journal: {unknown:?}");
    assert!(!page.to_lowercase().contains("<script"));
    assert_eq!(page.matches("<svg").count(), page.matches("</svg>").count());
    assert_eq!(page.matches("<style>").count(), 1);
    assert_eq!(
        page.matches("<table>").count(),
        page.matches("</table>").count()
    );
    // Each shows as the text it is.
    for shown in [
        "<title>Evil &#34;journal&#34; &#60;x&#62; &#38; co: 2026</title>",
        "<meta name=\"insight-journal\" content=\"Evil &#34;journal&#34; &#60;x&#62; &#38; co\">",
        ">&#60;script&#62;alert(1)&#60;/script&#62;</th>",
        "<span>&#60;b&#62;kind&#60;/b&#62;</span>",
        ">&#60;/table&#62;</th>",
        ">&#34;&#62;&#60;svg onload=alert(1)&#62;</th>",
        ">&#60;style&#62;body{display:none}&#60;/style&#62;</td>",
        ">&#60;/td&#62;&#60;/tr&#62;</td>",
        "<span>&#60;img src=x onerror=alert(1)&#62;</span>",
        "<p>A quote holding &#60;/svg&#62;&#60;script&#62;alert(2)&#60;/script&#62; and &#60;/blockquote&#62; &#38; more.</p>",
        "<figcaption>2026-07-05, &#60;script&#62;alert(1)&#60;/script&#62;</figcaption>",
    ] {
        assert!(page.contains(shown), "missing {shown}");
    }
}

#[test]
fn quotes_and_titles_carry_their_language() {
    let page = crate::common::example_year_page(&["--format", "html"]).ok();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    for marked in [
        "<blockquote lang=\"zh\"><p>要是每天都能自动拿到这些数据,我们的质量报告可以提前一周完成。</p></blockquote>",
        "<blockquote lang=\"sv\"><p>Kartan på hemsidan är jättebra för att hitta hit, men här inne går jag vilse.</p></blockquote>",
        "<blockquote lang=\"de\"><p>Einen Computer habe ich im Laden nicht. Mein Handy habe ich immer dabei, auch in der Pause.</p></blockquote>",
        "<td data-label=\"Idea\" lang=\"zh\">为外包客户提供自助数据提取接口</td>",
        "<td data-label=\"Idea\" lang=\"sv\">Låt kassapersonalen se samma hyllplacering som appen visar</td>",
    ] {
        assert!(page.contains(marked), "missing {marked}");
    }
    // English, the page's own language, is not marked again.
    assert!(page.contains(
        "<blockquote><p>I never remember to load the coupons before I come. By the time I&#39;m paying it&#39;s too late.</p></blockquote>"
    ));
}

#[test]
fn an_html_file_name_chooses_the_page_and_only_an_earlier_page_is_replaced() {
    let dir = TempDir::new("html-output");
    let file = dir.path().join("reports/2026Q3.html");
    let p = file.to_str().unwrap();
    let run = fixture("quarterly", &["report", "--quarter", "last", "-o", p]);
    assert_eq!((run.code, run.stderr), (0, format!("wrote {p}\n")));
    let snapshot = std::fs::read_to_string(crate::common::manifest_dir().join(SNAPSHOT)).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), snapshot);
    // An earlier page of this journal may be replaced, as .htm too.
    assert_eq!(
        fixture("quarterly", &["report", "--quarter", "last", "-o", p]).code,
        0
    );
    let htm = dir.path().join("r.htm");
    let h = htm.to_str().unwrap();
    assert_eq!(fixture("quarterly", &["report", "-o", h]).code, 0);
    assert_eq!(fixture("quarterly", &["report", "-o", h]).code, 0);
    // A page of another journal, or any other HTML file, is not.
    let other = insight(&["--journal", "tests/fixtures/basic", "report", "-o", p]);
    assert_eq!(other.code, 2);
    assert!(
        other
            .stderr
            .contains("exists and does not look like an insight report"),
        "{}",
        other.stderr
    );
    let own = dir.path().join("index.html");
    std::fs::write(&own, "<!DOCTYPE html>\n<title>My page</title>\n").unwrap();
    assert_eq!(
        fixture("quarterly", &["report", "-o", own.to_str().unwrap()]).code,
        2
    );
    assert_eq!(
        std::fs::read_to_string(&own).unwrap(),
        "<!DOCTYPE html>\n<title>My page</title>\n"
    );
}

#[test]
fn the_page_is_the_whole_report_not_a_by_table() {
    let run = fixture("quarterly", &["report", "--by", "kind", "--format", "html"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --by gives one table, and the HTML page is the whole report\n\
         hint: leave out --by for the page, or use --format table, markdown, json or csv with --by\n"
    );
    let run = fixture("quarterly", &["report", "--by", "kind", "-o", "by.html"]);
    assert_eq!(run.code, 2);
    assert!(!crate::common::manifest_dir().join("by.html").exists());
}

#[test]
fn a_period_without_entries_draws_no_empty_charts() {
    let page = fixture(
        "quarterly",
        &["report", "--quarter", "2026Q1", "--format", "html"],
    )
    .ok();
    let captions: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("<figcaption>"))
        .collect();
    // Only coverage, where no entry is news: everyone is behind.
    assert_eq!(
        captions,
        ["Toward the yearly target, 2026-01-01 to 2026-03-31</figcaption>"]
    );
    // The trend's table still says so, month by month.
    assert_eq!(
        page.matches("<td data-label=\"Entries in 2025Q4\" class=\"num\">0</td>")
            .count(),
        3
    );
}
