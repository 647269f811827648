//! `insight man [COMMAND]`: the manual page, as roff on stdout, for `man -l -`
//! or to install as insight.1 (and insight-COMMAND.1).

use super::output::{Done, Output};
use crate::error::{Error, Result};
use crate::model::suggest::did_you_mean;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A subcommand whose own page to print, such as report, "tags rename" or tags-rename (default: the page for insight)
    #[arg(value_name = "COMMAND", num_args = 0..)]
    pub command: Vec<String>,
}

pub fn run(args: Args, mut insight: clap::Command) -> Result<Done> {
    // Building names each subcommand as `man` expects its page: insight-report(1),
    // run as `insight report`.
    insight.build();
    // `tags rename`, `tags-rename` and `insight-tags-rename` are one page.
    let typed = args.command.join(" ");
    let words: Vec<&str> = typed
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .skip_while(|w| *w == "insight")
        .collect();
    let mut page = insight;
    let mut path = Vec::new();
    for word in words {
        page = subcommand(&page, word, &path)?;
        path.push(word);
    }
    let page = page.version(env!("CARGO_PKG_VERSION"));
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    Ok(Done::print(Output::Bytes(roff)))
}

/// The subcommand `name` of `parent` (reached by `path`), or an error
/// listing the ones there are.
fn subcommand(parent: &clap::Command, name: &str, path: &[&str]) -> Result<clap::Command> {
    if let Some(found) = parent.find_subcommand(name) {
        return Ok(found.clone());
    }
    let names: Vec<String> = parent
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect();
    let full = path
        .iter()
        .copied()
        .chain([name])
        .collect::<Vec<_>>()
        .join(" ");
    let list = match names.as_slice() {
        [] => format!("`insight {}` has no commands of its own", path.join(" ")),
        _ if path.is_empty() => format!("the commands are {}", names.join(", ")),
        _ => format!(
            "the commands of `insight {}` are {}",
            path.join(" "),
            names.join(", ")
        ),
    };
    let hint = match did_you_mean(name, &names) {
        Some(near) => format!("did you mean `{near}`? {}", capitalized(&list)),
        None => list,
    };
    Err(Error::new(format!("`{full}` is not an insight command")).hint(hint))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
