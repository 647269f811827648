//! `insight completions SHELL`: a completion script for the shell, on stdout.

use super::output::{Done, Output};
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, mut command: clap::Command) -> Result<Done> {
    // clap_complete panics when a write fails; a buffer cannot fail, and
    // the output step turns a closed pipe into a quiet exit.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "insight", &mut script);
    Ok(Done::print(Output::Bytes(script)))
}
