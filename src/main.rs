use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `COMPLETE=bash insight …`: the shell asks for completions, offered
    // from the journal's own values; answered here, and the process ends.
    clap_complete::CompleteEnv::with_factory(insight::commands::Cli::command).complete();
    let cli = insight::commands::Cli::parse();
    match insight::commands::run(cli) {
        Ok(code) => code,
        // `insight list | head`: the reader has all it wanted.
        Err(error) if error.broken_pipe => ExitCode::SUCCESS,
        Err(error) => {
            insight::commands::output::report_error(&error);
            ExitCode::from(2)
        }
    }
}
