//! Running the real binary the way a user would, with a cleared environment so
//! every run is repeatable (no NO_COLOR, no INSIGHT_JOURNAL, no EDITOR).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts success with nothing on stderr, and returns stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        assert_eq!(self.stderr, "", "unexpected stderr");
        self.stdout
    }
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `insight ARGS` run in `cwd` with `env` only.
pub fn insight_in(cwd: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_insight"))
        .current_dir(cwd)
        .env_clear()
        // `insight new` asks git for user.name: keep the machine's own settings out.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .envs(env.iter().copied())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run insight");
    Run::from(output)
}

/// `insight --today 2026-11-22 ARGS` from the repository root.
pub fn insight(args: &[&str]) -> Run {
    let mut all = vec!["--today", "2026-11-22"];
    all.extend_from_slice(args);
    insight_in(&manifest_dir(), &[], &all)
}

/// The example journal's HTML report for 2026 as of 2026-11-23, with eight
/// quotes (Chinese, Swedish and German among them), as `scripts/screenshot.sh`
/// draws it; `args` say where it goes (`-o FILE`, or `--format html`).
pub fn example_year_page(args: &[&str]) -> Run {
    let mut all = vec![
        "--journal",
        "examples/journal",
        "--today",
        "2026-11-23",
        "report",
        "--year",
        "2026",
        "--quotes",
        "8",
    ];
    all.extend_from_slice(args);
    insight_in(&manifest_dir(), &[], &all)
}

/// `insight --today 2026-11-22 ARGS` run in `cwd`.
pub fn insight_at(cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--today", "2026-11-22"];
    all.extend_from_slice(args);
    insight_in(cwd, &[], &all)
}

/// `insight --today 2026-11-22 ARGS` on the fixture journal `tests/fixtures/NAME`.
pub fn fixture(name: &str, args: &[&str]) -> Run {
    let journal = format!("tests/fixtures/{name}");
    let mut all = vec!["--journal", journal.as_str()];
    all.extend_from_slice(args);
    insight(&all)
}

/// `insight` on the `basic` fixture journal.
pub fn basic(args: &[&str]) -> Run {
    fixture("basic", args)
}

/// A fresh, empty folder under the system's temp folder, removed on drop.
/// Its name starts with `insight-NAME-` so a folder left by a killed run says
/// which test made it; `tempfile` makes the rest unique.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = tempfile::Builder::new()
            .prefix(&format!("insight-{name}-"))
            .tempdir()
            .expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    pub fn str(&self) -> &str {
        self.path().to_str().expect("utf-8 temp path")
    }
}

/// Copies a fixture journal so a test may change it, without the index that
/// runs on the fixture may have left in its `.insight/`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        if entry.file_name() == ".insight" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// `git ARGS` in `dir` with a fixed identity and clock, so commit ids are the
/// same on every run; panics when git fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .env_clear()
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ann Berg")
        .env("GIT_AUTHOR_EMAIL", "ann@example.com")
        .env("GIT_COMMITTER_NAME", "Ann Berg")
        .env("GIT_COMMITTER_EMAIL", "ann@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00+00:00")
        .args(args)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `insight ARGS` in `dir` on a pseudo-terminal (util-linux `script`),
/// 100 columns wide, with `env` only. When `answer` is given, it is typed once
/// the screen ends with a prompt (`: `). Returns the screen, `\r\n` as `\n`;
/// stdout and stderr share it, as on a terminal.
pub fn on_terminal(
    dir: &Path,
    env: &[(&str, &str)],
    args: &[&str],
    answer: Option<&str>,
) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = vec![quote(env!("CARGO_BIN_EXE_insight"))];
    line.extend(args.iter().map(|a| quote(a)));
    let mut child = Command::new("script")
        .args(["-qec", &line.join(" "), "/dev/null"])
        .current_dir(dir)
        .env_clear()
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("COLUMNS", "100")
        .env("PATH", "/usr/bin:/bin")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs insight on a terminal");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut screen = Vec::new();
    if let Some(answer) = answer {
        let mut byte = [0u8];
        while !screen.ends_with(b": ") && stdout.read(&mut byte).unwrap_or(0) == 1 {
            screen.push(byte[0]);
        }
        writeln!(stdin, "{answer}").expect("type the answer");
    }
    drop(stdin);
    stdout.read_to_end(&mut screen).expect("read the screen");
    child.wait().expect("script ends");
    String::from_utf8_lossy(&screen).replace("\r\n", "\n")
}
