//! Front matter as people write it by hand in an editor: lists typed with
//! commas, stray slashes, YAML merge keys, numbers in every notation,
//! capitalised keys, tabs, keys a team adds on purpose, numeric titles.
//! Each input is quoted from what users were seen to type.

use crate::common::{TempDir, insight_at};

/// A journal of one entry, whose front matter is `yaml` (after the date,
/// kind and site when `complete`), with `settings` as its insight.yaml.
fn journal(name: &str, settings: &str, entries: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::create_dir_all(dir.path().join("visits")).unwrap();
    std::fs::write(dir.path().join("insight.yaml"), settings).unwrap();
    for (file, text) in entries {
        std::fs::write(dir.path().join("visits").join(file), text).unwrap();
    }
    dir
}

const HEAD: &str = "---\ndate: 2026-11-20\nkind: peer\nsite: HQ\n";

#[test]
fn a_list_typed_with_commas_is_one_value_and_check_says_how_to_write_a_list() {
    let text = format!(
        "{HEAD}people: Mei Chen, Sam O'Neil\ntags: mobile, pricing\nideas:\n  - title: Queue board\n    tags: queues, signage\n---\n"
    );
    let dir = journal("commas", "", &[("a.md", &text)]);
    // Still a valid entry: one person, one tag.
    let listed = insight_at(dir.path(), &["list", "--format", "csv"]).ok();
    assert_eq!(
        listed,
        "date,kind,site,title,customers,tags,people\n2026-11-20,peer,HQ,a,,\"mobile, pricing\",\"Mei Chen, Sam O'Neil\"\n"
    );
    let run = insight_at(dir.path(), &["check"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "visits/a.md:5:1: warning: `Mei Chen, Sam O'Neil` is one person, not a list\n\
         \x20 hint: for several, write a list: `people: [Mei Chen, Sam O'Neil]`\n\
         visits/a.md:6:1: warning: `mobile, pricing` is one tag, not a list\n\
         \x20 hint: for several, write a list: `tags: [mobile, pricing]`\n\
         visits/a.md:8:1: warning: `queues, signage` is one tag, not a list\n\
         \x20 hint: for several, write a list: `tags: [queues, signage]`\n\
         checked 1 entry: 3 warnings\n"
    );
}

#[test]
fn a_tag_with_an_empty_name_is_an_error_at_the_tag() {
    let text = format!("{HEAD}tags: [mobile/, /app]\n---\n");
    let dir = journal("empty-tag", "", &[("a.md", &text)]);
    let run = insight_at(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "visits/a.md:5:8: error: tag `mobile/` has an empty name between its `/`s\n\
         \x20 hint: write the names it is made of, such as `mobile/app`; here perhaps `mobile`\n\
         visits/a.md:5:17: error: tag `/app` has an empty name between its `/`s\n\
         \x20 hint: write the names it is made of, such as `mobile/app`; here perhaps `app`\n\
         checked 1 entry: 2 errors\n"
    );
}

#[test]
fn merge_keys_apply_as_pyyaml_and_ruamel_apply_them() {
    let idea = "---\ndate: 2026-11-20\nkind: peer\nsite: HQ\nextra:\n  pilot: &pilot\n    status: planned\n    tags: [mobile]\n\
                ideas:\n  - id: scan\n    title: Scan and go\n    <<: *pilot\n---\n";
    let root = "---\nvisit: &store\n  kind: frontline\n  site: Store 12\n<<: *store\ndate: 2026-11-21\n---\n";
    let dir = journal(
        "merge",
        "extra_keys: [extra, visit]\n",
        &[("a.md", idea), ("b.md", root)],
    );
    let run = insight_at(dir.path(), &["list", "--format", "jsonl"]);
    assert_eq!(
        run.ok(),
        "{\"path\":\"visits/a.md\",\"date\":\"2026-11-20\",\"kind\":\"peer\",\"site\":\"HQ\",\"role\":null,\"title\":\"a\",\
         \"people\":[],\"customers\":null,\"hours\":null,\"tags\":[],\"ideas\":[{\"id\":\"scan\",\"title\":\"Scan and go\",\
         \"status\":\"planned\",\"status_inherited\":false,\"owner\":null,\"tags\":[\"mobile\"]}]}\n\
         {\"path\":\"visits/b.md\",\"date\":\"2026-11-21\",\"kind\":\"frontline\",\"site\":\"Store 12\",\"role\":null,\
         \"title\":\"b\",\"people\":[],\"customers\":null,\"hours\":null,\"tags\":[],\"ideas\":[]}\n"
    );
    assert_eq!(
        insight_at(dir.path(), &["check", "--strict"]).ok(),
        "checked 2 entries: no problems\n"
    );
}

#[test]
fn numbers_follow_one_rule_and_everything_else_is_text() {
    let dir = journal(
        "numbers",
        "",
        &[
            ("a.md", &format!("{HEAD}customers: 1_000\n---\n")),
            ("b.md", &format!("{HEAD}customers: 0b101\n---\n")),
            ("c.md", &format!("{HEAD}hours: 1:30\n---\n")),
            (
                "d.md",
                &format!("{HEAD}customers: 1000\nhours: 1.5\nrole: yes\n---\n"),
            ),
        ],
    );
    let run = insight_at(dir.path(), &["check"]);
    assert_eq!(
        run.stdout,
        "visits/a.md:5:1: error: `customers`: expected a whole number, found `1_000`: write numbers in plain decimal digits, such as 1000 or 7.5\n\
         visits/b.md:5:1: error: `customers`: expected a whole number, found `0b101`: write numbers in plain decimal digits, such as 1000 or 7.5\n\
         visits/c.md:5:1: error: `hours`: expected a number, found `1:30`: write numbers in plain decimal digits, such as 1000 or 7.5\n\
         checked 4 entries: 3 errors\n"
    );
    // `yes` is the text "yes", as YAML 1.2 reads it.
    let json = insight_at(dir.path(), &["list", "--format", "json"]).stdout;
    assert!(json.contains("\"role\": \"yes\",\n    \"title\": \"d\",\n    \"people\": [],\n    \"customers\": 1000,\n    \"hours\": 1.5,"), "{json}");
}

#[test]
fn a_capitalised_key_is_named_in_the_hint() {
    let text = "---\nDate: 2026-11-20\nkind: peer\nSite: HQ\n---\n";
    let dir = journal("capital", "", &[("a.md", text)]);
    assert_eq!(
        insight_at(dir.path(), &["check"]).stdout,
        "visits/a.md:2:1: error: missing `date`\n\
         \x20 hint: keys are written in lower case: write `date:` for `Date:`\n\
         visits/a.md:4:1: error: missing `site`\n\
         \x20 hint: keys are written in lower case: write `site:` for `Site:`\n\
         checked 1 entry: 2 errors\n"
    );
}

#[test]
fn a_tab_where_yaml_forbids_one_says_what_to_do() {
    let text = format!("{HEAD}tags:\n\t- mobile\n---\n");
    let dir = journal("tab", "", &[("a.md", &text)]);
    assert_eq!(
        insight_at(dir.path(), &["check"]).stdout,
        "visits/a.md:6:1: error: a tab where YAML allows only spaces\n\
         \x20 hint: indent with spaces, and quote a value that starts with a tab\n\
         checked 1 entry: 1 error\n"
    );
    // The tab is named on its own line, not the line before it.
    for (text, line) in [
        ("---\ndate: 2026-03-01\nkind: peer\n\tsite: S\n---\n", 4),
        (
            "---\ndate: 2026-03-01\nkind: peer\nsite: S\npeople:\n  - A\n\t- B\n---\n",
            7,
        ),
        (
            "---\ndate: 2026-03-01\nkind: peer\nsite: S\nideas:\n  - title: A\n\tstatus: new\n---\n",
            7,
        ),
    ] {
        let dir = journal("tab-line", "", &[("a.md", text)]);
        let run = insight_at(dir.path(), &["check"]);
        assert!(
            run.stdout.starts_with(&format!(
                "visits/a.md:{line}:1: error: a tab where YAML allows only spaces\n"
            )),
            "{text:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn keys_a_team_declares_are_not_warned_about() {
    let text = format!(
        "{HEAD}notes: call back in May\ndescription: Lunch\nideas:\n  - title: X\n    notes: later\n---\n"
    );
    let warned = journal("declared-none", "", &[("a.md", &text)]);
    assert_eq!(insight_at(warned.path(), &["check", "--strict"]).code, 1);
    let declared = journal(
        "declared",
        "extra_keys: [notes, description]\n",
        &[("a.md", &text)],
    );
    assert_eq!(
        insight_at(declared.path(), &["check", "--strict"]).ok(),
        "checked 1 entry: no problems\n"
    );
}

#[test]
fn numeric_titles_and_tags_stay_as_written() {
    let dir = journal(
        "as-written",
        "",
        &[
            ("a.md", &format!("{HEAD}title: 2.0\ntags: [1.10]\n---\n")),
            ("b.md", &format!("{HEAD}tags: [1.1, 010]\n---\n")),
        ],
    );
    assert_eq!(
        insight_at(dir.path(), &["list", "--format", "csv"]).ok(),
        "date,kind,site,title,customers,tags,people\n2026-11-20,peer,HQ,2.0,,1.10,\n2026-11-20,peer,HQ,b,,\"1.1, 010\",\n"
    );
    assert_eq!(
        insight_at(dir.path(), &["tags", "--format", "csv"]).ok(),
        "tag,entries\n010,1\n1.1,1\n1.10,1\n"
    );
}
