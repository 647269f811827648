//! `insight completions SHELL`: a completion script for the shell, on stdout.

use super::output::{Done, Output};
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, _: clap::Command) -> Result<Done> {
    // The script asks `insight` for the completions as they are typed
    // (`COMPLETE=SHELL insight -- …`), so that they offer the journal's
    // own tags, people, sites and ideas, not only the options.
    let name = args.shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| crate::error::Error::internal(format!("no completion for {name}")))?;
    let mut script = Vec::new();
    shell.write_registration("COMPLETE", "insight", "insight", "insight", &mut script)?;
    Ok(Done::print(Output::Bytes(script)))
}
