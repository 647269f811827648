//! `insight lsp` in a real editor: Neovim, headless, runs
//! `tests/neovim/lsp.lua`, which starts the server on a new entry of a
//! copy of `tests/fixtures/lsp`, types a mistake and checks the diagnostic,
//! then a completion list, a hover and a definition, as a user sees them.
//!
//! Without an `nvim` on the PATH (or the program named by `INSIGHT_NVIM`)
//! the test says so and passes, so that `cargo test` works anywhere;
//! `.ci/run` installs Debian's `neovim` and sets `INSIGHT_REQUIRE_NEOVIM=1`,
//! which makes a missing editor a failure.

use crate::common::{TempDir, manifest_dir};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// No run of Neovim may take longer; it is stopped and the test fails.
const PATIENCE: Duration = Duration::from_secs(120);

fn find_nvim() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("INSIGHT_NVIM").filter(|n| !n.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("nvim"))
        .find(|candidate| candidate.is_file())
}

/// Neovim, or `None` with a message when the test may be skipped.
fn nvim_or_skip() -> Option<PathBuf> {
    let found = find_nvim();
    if found.is_none() {
        assert!(
            std::env::var_os("INSIGHT_REQUIRE_NEOVIM").is_none(),
            "INSIGHT_REQUIRE_NEOVIM is set but no nvim was found: apt-get install -y neovim"
        );
        eprintln!("skipped: no nvim on the PATH (apt-get install -y neovim, or set INSIGHT_NVIM)");
    }
    found
}

#[test]
fn neovim_shows_the_diagnostic_completion_hover_and_definition() {
    let Some(nvim) = nvim_or_skip() else {
        return;
    };
    let (_journal, root) = crate::lsp::journal();
    let home = TempDir::new("nvim-home");
    let result = home.path().join("result.txt");
    let script = manifest_dir().join("tests/neovim/lsp.lua");
    let mut child = Command::new(&nvim)
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&root)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("INSIGHT_BIN", env!("CARGO_BIN_EXE_insight"))
        .env("INSIGHT_TEST_ROOT", &root)
        .env("INSIGHT_TEST_OUT", &result)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("nvim ran for more than {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let told = std::fs::read_to_string(&result).unwrap_or_default();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "nvim: {status}\n{told}\n{stderr}");
    assert_eq!(
        told,
        "\
ok diagnostics
ok diagnostic line
ok diagnostic message
ok cleared
ok tags
ok hover
ok definition file
ok definition line
done
",
        "{stderr}"
    );
}
