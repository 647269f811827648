//! `insight completions SHELL`: a completion script for the shell, on stdout.

use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

use super::Cli;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let mut command = Cli::command();
    // clap_complete panics when a write fails; a buffer cannot fail, and
    // `out` turns a closed pipe into a quiet exit.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "insight", &mut script);
    out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
