//! `insight export`: tidy tables that DuckDB reads back to the report's own
//! numbers, names in any script surviving the trip, and a folder that is
//! never emptied of what insight did not write.
//!
//! The DuckDB checks need Python's `duckdb` package. `.ci/run` installs it and
//! sets INSIGHT_REQUIRE_DUCKDB=1, which turns a missing package into a failure;
//! elsewhere those checks are skipped with a message.

use crate::common::{TempDir, fixture};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

/// Runs `script` with Python and DuckDB, in `dir`, and returns what it prints
/// as JSON; `None` when DuckDB is not installed (and not required).
fn duckdb(dir: &Path, script: &str) -> Option<Value> {
    let available = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("INSIGHT_REQUIRE_DUCKDB").is_none(),
            "INSIGHT_REQUIRE_DUCKDB is set but Python's duckdb is missing: pip install duckdb"
        );
        eprintln!("skipping the DuckDB checks: `pip install duckdb` to run them");
        return None;
    }
    let program = format!(
        "import duckdb, json\ncon = duckdb.connect()\ndef rows(sql):\n    \
         cur = con.execute(sql)\n    names = [d[0] for d in cur.description]\n    \
         return [dict(zip(names, [str(v) if hasattr(v, 'isoformat') else v for v in row])) for row in cur.fetchall()]\n{script}"
    );
    let output = Command::new("python3")
        .current_dir(dir)
        .args(["-c", &program])
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("JSON from the script"))
}

/// The report's numbers for 2026Q3, worked out again in SQL from the export.
const Q3_IN_SQL: &str = r#"
period = "e.date BETWEEN DATE '2026-07-01' AND DATE '2026-09-30'"
entries = "read_csv_auto('out/entries.csv') e"
totals = rows(f"""SELECT count(*) AS entries, coalesce(sum(customers), 0) AS customers,
    sum(coalesce(hours, 0)) AS hours, count(DISTINCT lower(site)) AS sites,
    (SELECT count(DISTINCT lower(trim(p.person))) FROM read_csv_auto('out/entry_people.csv') p
        JOIN {entries} USING (path) WHERE {period}) AS people
    FROM {entries} WHERE {period}""")[0]
kinds = rows(f"""SELECT kind, count(*) AS entries, coalesce(sum(customers), 0) AS customers,
    sum(coalesce(hours, 0)) AS hours FROM {entries} WHERE {period} GROUP BY kind ORDER BY kind""")
ideas = rows(f"""SELECT idea, sum(n) AS mentions, coalesce(sum(customers), 0) AS customers,
        min(first) AS first_date, max(last) AS last_date
    FROM (SELECT m.idea, e.path, count(*) AS n, any_value(e.customers) AS customers,
            min(e.date) AS first, max(e.date) AS last
        FROM read_csv_auto('out/idea_mentions.csv') m JOIN {entries} USING (path)
        WHERE {period} GROUP BY m.idea, e.path)
    GROUP BY idea ORDER BY idea""")
status = rows(f"""SELECT m.idea, arg_max(m.status_after, e.date) AS status
    FROM read_csv_auto('out/idea_mentions.csv') m JOIN {entries} USING (path)
    WHERE e.date <= DATE '2026-09-30' GROUP BY m.idea ORDER BY m.idea""")
print(json.dumps({"totals": totals, "kinds": kinds, "ideas": ideas, "status": status}))
"#;

#[test]
fn duckdb_reads_the_export_back_to_the_reports_numbers() {
    let dir = TempDir::new("export-duckdb");
    let out = dir.path().join("out");
    let run = fixture("history", &["export", out.to_str().unwrap()]);
    assert_eq!(
        run.ok(),
        format!("wrote 7 tables, 68 rows, to {}\n", out.display())
    );
    let report: Value =
        serde_json::from_str(&fixture("history", &["report", "-p", "2026Q3", "-f", "json"]).ok())
            .unwrap();
    let Some(sql) = duckdb(dir.path(), Q3_IN_SQL) else {
        return;
    };
    let totals = &report["totals"];
    assert_eq!(
        sql["totals"],
        json!({"entries": totals["entries"], "customers": totals["customers"],
               "hours": totals["hours"].as_f64().unwrap(),
               "sites": totals["sites"], "people": totals["people"]})
    );
    // The report lists every kind, with zeros; SQL only those with entries.
    let kinds: Vec<Value> = report["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["entries"] != 0)
        .map(|k| {
            json!({"kind": k["kind"], "entries": k["entries"], "customers": k["customers"],
                        "hours": k["hours"].as_f64().unwrap()})
        })
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| k["kind"].as_str().unwrap().to_string());
    assert_eq!(sql["kinds"], json!(sorted));
    let mut ideas: Vec<Value> = report["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let key = match i["id"].as_str() {
                Some(id) => format!("id:{id}"),
                None => format!("title:{}", i["title"].as_str().unwrap().to_lowercase()),
            };
            json!({"idea": key, "mentions": i["mentions"], "customers": i["customers"],
                   "first_date": i["first_date"], "last_date": i["last_date"]})
        })
        .collect();
    ideas.sort_by_key(|i| i["idea"].as_str().unwrap().to_string());
    assert_eq!(sql["ideas"], json!(ideas));
    let statuses: Vec<(&str, &str)> = sql["status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["idea"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("id:bill-split", "planned"),
            ("id:scan-and-go", "planned"),
            ("id:shelf-feed", "dropped"),
            ("title:queue display on the door", "new")
        ]
    );
}

#[test]
fn names_in_any_script_with_commas_quotes_and_line_breaks_survive() {
    let dir = TempDir::new("export-names");
    let journal = dir.path().join("j");
    std::fs::create_dir_all(journal.join("visits")).unwrap();
    std::fs::write(journal.join("insight.yaml"), "name: Names\n").unwrap();
    let site = "Tower One, floor 12 \"West\"\nLoading dock";
    std::fs::write(
        journal.join("visits/a.md"),
        "---\ndate: 2026-03-01\nkind: frontline\nsite: \"Tower One, floor 12 \\\"West\\\"\\nLoading dock\"\n\
         people: [Zoë Ångström, 王芳, \"O'Neil, Sam\"]\ntags: [東京, Zürich]\n---\n# 東京の店舗\n\n> 「レジが遅い」, she said.\n",
    )
    .unwrap();
    for format in ["csv", "jsonl"] {
        let out = dir.path().join(format);
        let run = crate::common::insight_in(
            &journal,
            &[],
            &["export", out.to_str().unwrap(), "--format", format],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let read = if format == "csv" {
            "read_csv_auto"
        } else {
            "read_json_auto"
        };
        let script = format!(
            "print(json.dumps({{'site': rows(\"SELECT site, title FROM {read}('{format}/entries.{format}')\")[0], \
             'people': [r['person'] for r in rows(\"SELECT person FROM {read}('{format}/entry_people.{format}') ORDER BY position\")], \
             'tags': [r['tag'] for r in rows(\"SELECT tag FROM {read}('{format}/entry_tags.{format}') ORDER BY position\")], \
             'quote': rows(\"SELECT text FROM {read}('{format}/quotes.{format}')\")[0]['text']}}))"
        );
        let Some(back) = duckdb(dir.path(), &script) else {
            return;
        };
        assert_eq!(
            back,
            json!({"site": {"site": site, "title": "東京の店舗"},
                   "people": ["Zoë Ångström", "王芳", "O'Neil, Sam"],
                   "tags": ["東京", "Zürich"],
                   "quote": "「レジが遅い」, she said."}),
            "{format}"
        );
    }
}

#[test]
fn export_writes_only_into_its_own_folder_and_files() {
    let dir = TempDir::new("export-folder");
    let out = dir.path().join("out");
    let export = |args: &[&str]| {
        let mut all = vec!["export", out.to_str().unwrap()];
        all.extend_from_slice(args);
        fixture("history", &all)
    };
    assert_eq!(export(&[]).code, 0);
    let names = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&out),
        [
            "entries.csv",
            "entry_people.csv",
            "entry_tags.csv",
            "idea_mentions.csv",
            "ideas.csv",
            "insight-export.json",
            "people.csv",
            "quotes.csv"
        ]
    );
    // Again, filtered, in the other format, with a file of the user's beside it:
    // the user's file stays, the CSV files that export wrote go.
    std::fs::write(out.join("notes.txt"), "mine\n").unwrap();
    assert_eq!(
        export(&["--format", "jsonl", "--quarter", "2026Q3"]).code,
        0
    );
    assert_eq!(
        names(&out),
        [
            "entries.jsonl",
            "entry_people.jsonl",
            "entry_tags.jsonl",
            "idea_mentions.jsonl",
            "ideas.jsonl",
            "insight-export.json",
            "notes.txt",
            "people.jsonl",
            "quotes.jsonl"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("entries.jsonl"))
            .unwrap()
            .lines()
            .count(),
        3
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine\n"
    );
    // A folder of someone else's is refused, and left as it was.
    let theirs = dir.path().join("theirs");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("entries.csv"), "precious\n").unwrap();
    let run = fixture("history", &["export", theirs.to_str().unwrap()]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        format!(
            "error: {} is not empty and holds no earlier export\n\
             hint: export into a new or empty folder, or into one an earlier `insight export` wrote\n",
            theirs.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(theirs.join("entries.csv")).unwrap(),
        "precious\n"
    );
    // A table file the manifest does not list is not replaced either.
    std::fs::remove_file(out.join("entries.jsonl")).unwrap();
    std::fs::write(out.join("entries.jsonl"), "mine too\n").unwrap();
    let manifest = std::fs::read_to_string(out.join("insight-export.json")).unwrap();
    std::fs::write(
        out.join("insight-export.json"),
        manifest.replace("\"entries.jsonl\",", ""),
    )
    .unwrap();
    let run = export(&["--format", "jsonl"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("was not written by insight export"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(out.join("entries.jsonl")).unwrap(),
        "mine too\n"
    );
}

#[test]
fn the_tables_and_their_columns() {
    let dir = TempDir::new("export-columns");
    let out = dir.path().join("out");
    assert_eq!(
        fixture("history", &["export", out.to_str().unwrap()]).code,
        0
    );
    let header = |name: &str| {
        std::fs::read_to_string(out.join(name))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        header("entries.csv"),
        "path,journal,date,kind,site,role,title,customers,hours"
    );
    assert_eq!(header("entry_people.csv"), "path,position,person");
    assert_eq!(header("entry_tags.csv"), "path,position,tag,tag_normalized");
    assert_eq!(
        header("idea_mentions.csv"),
        "path,position,idea,id,title,status,status_after,owner"
    );
    assert_eq!(
        header("ideas.csv"),
        "idea,id,title,status,owner,first_date,last_date,mentions,sites,customers"
    );
    assert_eq!(header("quotes.csv"), "path,position,text");
    assert_eq!(
        header("people.csv"),
        "person,group,target_entries,target_hours"
    );
    let mentions = std::fs::read_to_string(out.join("idea_mentions.csv")).unwrap();
    // A follow-up by id alone: no title, no status stated, the status it inherits.
    assert!(
        mentions
            .contains("visits/2026-11-20-data-lab.md,1,id:bill-split,bill-split,,,planned,\r\n"),
        "{mentions}"
    );
}
