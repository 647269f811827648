//! `insight man [COMMAND]`: the manual page, as roff on stdout, for `man -l -`
//! or to install as insight.1 (and insight-COMMAND.1).

use super::output::{Done, Output};
use crate::error::{Error, Result};
use crate::model::suggest::did_you_mean;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A subcommand whose own page to print, such as report (default: the page for insight)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn run(args: Args, mut insight: clap::Command) -> Result<Done> {
    // Building names each subcommand as `man` expects its page: insight-report(1),
    // run as `insight report`.
    insight.build();
    let page = match &args.command {
        None => insight,
        Some(name) => {
            let names: Vec<String> = insight
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .filter(|name| name != "help")
                .collect();
            let found = insight.find_subcommand(name).cloned().ok_or_else(|| {
                let list = format!("the commands are {}", names.join(", "));
                let hint = match did_you_mean(name, &names) {
                    Some(near) => format!("did you mean `{near}`? {}", capitalized(&list)),
                    None => list,
                };
                Error::new(format!("`{name}` is not an insight command")).hint(hint)
            })?;
            found.version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    Ok(Done::print(Output::Bytes(roff)))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
