//! What is shared leaves out what is private: `private: true` entries and
//! `private_keys:` never reach an export or `report --shared`, contacts in
//! bodies are masked there, and `check` warns about a contact in a quote.

use crate::common::{TempDir, insight_at};
use std::fs;
use std::path::Path;

const SETTINGS: &str = "label: shared\nprivate_keys: [people, site]\n";

const LUNCH: &str = "---\ndate: 2026-11-02\nkind: peer\nsite: Acme HQ\n\
                     people: [Ann Lee, Bo Chen]\ncustomers: 1\ntags: [billing]\n---\n\
                     # Lunch with the CIO\n\n\
                     > Write to jo@acme.example.com or call +44 20 7946 0958, she said.\n\n\
                     Notes taken on 2026-11-02 with 12 customers.\n";

const HR_SHIFT: &str = "---\ndate: 2026-11-03\nkind: frontline\nsite: HR desk\n\
                        people: [Ann Lee]\ncustomers: 5\nprivate: true\n---\n\
                        > A grievance we must not repeat.\n";

fn journal(temp: &TempDir) -> &Path {
    let root = temp.path();
    fs::create_dir_all(root.join("visits")).unwrap();
    fs::write(root.join("insight.yaml"), SETTINGS).unwrap();
    fs::write(root.join("visits/2026-11-02-acme-hq.md"), LUNCH).unwrap();
    fs::write(root.join("visits/2026-11-03-hr-desk.md"), HR_SHIFT).unwrap();
    root
}

#[test]
fn an_export_holds_only_what_may_be_shared() {
    let temp = TempDir::new("privacy-export");
    let root = journal(&temp);
    assert_eq!(
        insight_at(root, &["export", "out"]).ok(),
        "wrote 7 tables, 5 rows, to out\n"
    );
    // RFC 4180 ends each line with CR LF; compared here with LF.
    let table = |name: &str| {
        let text = fs::read_to_string(root.join("out").join(name)).unwrap();
        text.replace("\r\n", "\n")
    };
    assert_eq!(
        table("entries.csv"),
        "path,journal,date,kind,site,role,title,customers,hours\n\
         visits/2026-11-02-1.md,shared,2026-11-02,peer,(private),,Lunch with the CIO,1,\n"
    );
    assert_eq!(
        table("entry_people.csv"),
        "path,position,person\nvisits/2026-11-02-1.md,1,Person 1\nvisits/2026-11-02-1.md,2,Person 2\n"
    );
    assert_eq!(
        table("quotes.csv"),
        "path,position,text\n\
         visits/2026-11-02-1.md,1,\"Write to [e-mail address] or call [phone number], she said.\"\n"
    );
    let everything: String = ["entries", "entry_people", "entry_tags", "quotes", "people"]
        .iter()
        .map(|t| table(&format!("{t}.csv")))
        .collect();
    for secret in [
        "Ann Lee",
        "Acme",
        "HR desk",
        "grievance",
        "jo@",
        "7946",
        "hr-desk",
    ] {
        assert!(!everything.contains(secret), "{secret} in the export");
    }
    // The second run reads the index, which must remember `private: true`.
    insight_at(root, &["export", "again"]).ok();
    let again = fs::read_to_string(root.join("again/entries.csv")).unwrap();
    assert_eq!(again.replace("\r\n", "\n"), table("entries.csv"));
}

#[test]
fn a_shared_report_hides_what_the_whole_report_shows() {
    let temp = TempDir::new("privacy-report");
    let root = journal(&temp);
    let args = ["report", "--format", "markdown", "--quarter", "2026Q4"];
    let whole = insight_at(root, &args).ok();
    assert!(whole.contains("HR desk") && whole.contains("jo@acme.example.com"));
    let shared = insight_at(root, &[&args[..], &["--shared"]].concat()).ok();
    for secret in ["HR desk", "Acme", "Ann Lee", "grievance", "jo@acme", "7946"] {
        assert!(!shared.contains(secret), "{secret} in:\n{shared}");
    }
    assert!(shared.contains("> Write to [e-mail address] or call [phone number], she said."));
    assert!(shared.contains("| Entries | 1 |"), "{shared}");
}

#[test]
fn check_warns_about_a_contact_in_a_quote() {
    let temp = TempDir::new("privacy-check");
    let root = journal(&temp);
    let run = insight_at(root, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hint = "  hint: what is shared (the site, `export`, `report --shared`) masks it; \
                take it out of the quote if it should not be in the journal at all\n";
    assert_eq!(
        run.stdout,
        format!(
            "visits/2026-11-02-acme-hq.md:11:12: warning: this quote holds an e-mail address: `jo@acme.example.com`\n{hint}\
             visits/2026-11-02-acme-hq.md:11:40: warning: this quote holds a phone number: `+44 20 7946 0958`\n{hint}\
             checked 2 entries: 2 warnings\n"
        )
    );
}

#[test]
fn counted_keys_cannot_be_private_and_private_is_true_or_false() {
    let temp = TempDir::new("privacy-refused");
    let root = journal(&temp);
    fs::write(root.join("insight.yaml"), "private_keys: [people, tags]\n").unwrap();
    let run = insight_at(root, &["list"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "`private_keys`: `tags` cannot be private: reports count and filter by it; the keys that can be are site, role, people, title, and an entry can be left out whole with `private: true`"
        ),
        "{}",
        run.stderr
    );
    fs::write(root.join("insight.yaml"), SETTINGS).unwrap();
    let maybe = HR_SHIFT.replace("private: true", "private: maybe");
    fs::write(root.join("visits/2026-11-03-hr-desk.md"), maybe).unwrap();
    let run = insight_at(root, &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "visits/2026-11-03-hr-desk.md:7:1: error: `private`: expected true or false, found `maybe`"
        ),
        "{}",
        run.stdout
    );
}
