//! `--color` and NO_COLOR: with `auto`, colour only on a terminal and not when
//! NO_COLOR is set; an explicit `--color always` or `never` wins over NO_COLOR,
//! as the NO_COLOR convention says, on stdout and in stderr's labels alike.

use crate::common::{insight_in, manifest_dir, on_terminal};

const BOLD_HEADER: &str = "\u{1b}[1mDate";
const RED_ERROR: &str = "\u{1b}[1;31merror:\u{1b}[0m";

fn list(env: &[(&str, &str)], extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["--journal", "tests/fixtures/basic"];
    args.extend_from_slice(extra);
    args.push("list");
    insight_in(&manifest_dir(), env, &args)
}

#[test]
fn an_explicit_color_always_wins_over_no_color() {
    let run = list(&[("NO_COLOR", "1")], &["--color", "always"]);
    assert!(run.stdout.starts_with(BOLD_HEADER), "{}", run.stdout);
    let run = insight_in(
        &manifest_dir(),
        &[("NO_COLOR", "1")],
        &[
            "--color",
            "always",
            "--journal",
            "tests/fixtures/basic",
            "list",
            "-p",
            "soon",
        ],
    );
    assert!(run.stderr.starts_with(RED_ERROR), "{}", run.stderr);
    // Piped, auto means no colour.
    assert!(!list(&[], &[]).stdout.contains('\u{1b}'));
}

#[test]
fn on_a_terminal_no_color_and_never_turn_colour_off() {
    let root = manifest_dir();
    let args = ["--journal", "tests/fixtures/basic", "list", "--limit", "1"];
    let coloured = on_terminal(&root, &[], &args, None);
    assert!(coloured.starts_with(BOLD_HEADER), "{coloured}");
    let plain = on_terminal(&root, &[("NO_COLOR", "1")], &args, None);
    assert!(plain.starts_with("Date "), "{plain}");
    let mut never = vec!["--color", "never"];
    never.extend(args);
    assert_eq!(on_terminal(&root, &[], &never, None), plain);
    // stderr's labels follow --color never too.
    let journal = ["--journal", "tests/fixtures/basic"];
    let error = on_terminal(
        &root,
        &[],
        &[&journal[..], &["--color", "never", "list", "-p", "soon"]].concat(),
        None,
    );
    assert!(
        error.starts_with("error: `soon` is not a period\n"),
        "{error}"
    );
    let error = on_terminal(
        &root,
        &[],
        &[&journal[..], &["list", "-p", "soon"]].concat(),
        None,
    );
    assert!(error.starts_with(RED_ERROR), "{error}");
}

#[test]
fn help_says_what_color_does() {
    let help = insight_in(&manifest_dir(), &[], &["--help"]).ok();
    assert!(
        help.contains(
            "When to use colour: auto (on a terminal, unless NO_COLOR is set), always or\n"
        ),
        "{help}"
    );
    assert!(
        help.contains("an explicit always or never wins over NO_COLOR"),
        "{help}"
    );
}
