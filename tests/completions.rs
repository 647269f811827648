//! `insight completions SHELL` and `insight man`: they work anywhere, with no
//! journal, and name every subcommand.

use crate::common::{TempDir, insight_in};

const SUBCOMMANDS: [&str; 15] = [
    "init",
    "new",
    "list",
    "show",
    "tags",
    "report",
    "ideas",
    "people",
    "quotes",
    "check",
    "diff",
    "export",
    "lsp",
    "completions",
    "man",
];

#[test]
fn completion_scripts_name_every_subcommand() {
    let nowhere = TempDir::new("completions");
    for (shell, start) in [
        ("bash", "_insight() {\n"),
        ("zsh", "#compdef insight\n"),
        ("fish", "# Print an optspec for argparse"),
        (
            "powershell",
            "\nusing namespace System.Management.Automation",
        ),
        ("elvish", "\nuse builtin;\n"),
    ] {
        let script = insight_in(nowhere.path(), &[], &["completions", shell]).ok();
        assert!(script.starts_with(start), "{shell}: {}", &script[..80]);
        for subcommand in SUBCOMMANDS {
            let named = script
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .any(|word| word == subcommand);
            assert!(named, "{shell} does not complete `{subcommand}`");
        }
        // Options of subcommands are completed too.
        assert!(script.contains("has-ideas"), "{shell}");
    }
    let run = insight_in(nowhere.path(), &[], &["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_man_page_names_every_subcommand() {
    let nowhere = TempDir::new("man");
    let page = insight_in(nowhere.path(), &[], &["man"]).ok();
    assert!(
        page.contains("\n.TH insight 1  \"insight 0.1.0\" \n.SH NAME\ninsight \\- "),
        "{page}"
    );
    for subcommand in SUBCOMMANDS {
        assert!(
            page.contains(&format!("\n.TP\ninsight\\-{subcommand}(1)\n")),
            "man page lacks {subcommand}"
        );
    }
    let report = insight_in(nowhere.path(), &[], &["man", "report"]).ok();
    assert!(report.contains("\n.TH insight-report 1 "), "{report}");
    assert!(
        report.contains("\n.SH SYNOPSIS\n\\fBinsight report\\fR "),
        "{report}"
    );
    assert!(report.contains("\\-\\-period"), "{report}");
    let run = insight_in(nowhere.path(), &[], &["man", "reprot"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: `reprot` is not an insight command\n\
             hint: did you mean `report`? The commands are init, new, list, show, tags, report, ideas, people, quotes, check, diff, export, lsp, completions, man\n"
        )
    );
}
