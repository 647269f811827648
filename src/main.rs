use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
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
