//! `insight new`: capture a visit in seconds. The front matter is serialized from
//! the flags, never pasted into text, so whatever the user types comes back as typed.

use std::path::Path;

use super::context::Context;
use super::output::{self, Done};
use crate::check::sources;
use crate::edit::new_entry::{self, NewEntry};
use crate::edit::template::{self, Template};
use crate::edit::typed_idea::{self, TypedIdea};
use crate::edit::write;
use crate::error::{Error, Result};
use crate::model::config::Config;
use crate::model::entry;
use crate::model::paths::relative;
use crate::model::placeholders;
use crate::model::suggest::did_you_mean;
use crate::parse::yaml::Value;
use crate::read::find::Location;
use crate::render::diagnostics::diagnostics;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The template to start from, a file in the templates folder: visit, peer, immersion, research, sales, …
    /// (default: the template for --kind; else asked for on a terminal; else visit)
    #[arg(value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// The kind of visit: frontline, peer, immersion, research, sales, … Without TEMPLATE,
    /// it chooses the template whose `kind:` it is
    #[arg(long, value_name = "KIND", add = clap_complete::ArgValueCandidates::new(super::candidates::kinds))]
    pub kind: Option<String>,
    /// When the visit happened (default: today): 2026-07-14, 2026/7/14, yesterday, last friday, 3 days ago, …
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where: a store, a call centre, a customer's office (asked for on a terminal if missing)
    #[arg(long, value_name = "SITE", add = clap_complete::ArgValueCandidates::new(super::candidates::sites))]
    pub site: Option<String>,
    /// The role worked: bakery, call-centre agent, …
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Who went (repeat for several people; default: `me:` in insight.yaml, else git's user.name)
    #[arg(long = "person", value_name = "NAME", add = clap_complete::ArgValueCandidates::new(super::candidates::people))]
    pub people: Vec<String>,
    /// A customer you spoke to, by name (repeat for each); their count is
    /// how many you spoke to
    #[arg(long = "customer", value_name = "NAME", conflicts_with = "customers")]
    pub customer_names: Vec<String>,
    /// How many customers you spoke to
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(..=crate::model::entry::MAX_CUSTOMERS))]
    pub customers: Option<u64>,
    /// Time spent, in hours
    #[arg(long, value_name = "HOURS", value_parser = parse_hours)]
    pub hours: Option<f64>,
    /// A tag (repeat for several)
    #[arg(long = "tag", value_name = "TAG", add = clap_complete::ArgValueCandidates::new(super::candidates::tags))]
    pub tags: Vec<String>,
    /// An idea that came up (repeat for several): a title, with an id in brackets before it, a
    /// status in parentheses after it and an owner after @ when wanted: "[aisle-finder] Aisle
    /// finder (exploring) @Wayne Shurts"; "[aisle-finder] (building)" moves an idea the journal
    /// knows to a new status
    #[arg(long = "idea", value_name = "IDEA")]
    pub ideas: Vec<String>,
    /// What a customer said, added to the text as a block quote (repeat for several)
    #[arg(long = "quote", value_name = "TEXT")]
    pub quotes: Vec<String>,
    /// A title (default: the body's first heading, which starts as the site)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Do not open $VISUAL or $EDITOR on the new entry
    #[arg(long)]
    pub no_edit: bool,
    /// Print the entry that would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Site, role, names, tags and titles are one line each: a pasted line break or
/// tab becomes a space, so that the front matter stays one value per line.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n', '\t'], " ").trim().to_string()
}

fn one_line_each(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| one_line(t))
        .filter(|t| !t.is_empty())
        .collect()
}

impl Args {
    fn one_line_values(mut self) -> Args {
        let line = |text: Option<String>| text.map(|t| one_line(&t)).filter(|t| !t.is_empty());
        self.site = self.site.map(|t| one_line(&t));
        self.role = line(self.role);
        self.title = line(self.title);
        self.people = one_line_each(&self.people);
        self.customer_names = one_line_each(&self.customer_names);
        self.tags = one_line_each(&self.tags);
        self.ideas = one_line_each(&self.ideas);
        self
    }
}

/// Hours as a journal writes them: plain decimal digits (not `1e3` or
/// `1_000`), from 0 to the most an entry may have.
fn parse_hours(text: &str) -> std::result::Result<f64, String> {
    let most = crate::model::entry::MAX_HOURS;
    match crate::model::values::decimal(text.trim()) {
        Some(h) if (0.0..=most).contains(&h) => Ok(h),
        _ => Err(format!(
            "`{text}` is not a number of hours from 0 to {most}: write plain digits, such as 8 or 7.5"
        )),
    }
}

/// `--tag` as `check` would take it: names joined by `/`, none empty; a
/// comma in one is told, as `check` tells it in a file.
fn checked_tags(tags: &[String]) -> Result<()> {
    for tag in tags {
        if let Err(meant) = crate::model::tags::well_made(tag) {
            let error = Error::new(format!(
                "`--tag {tag}`: a tag is names joined by `/`, and one of its names is empty"
            ));
            return Err(match meant.is_empty() {
                true => error.hint("give the tag a name, such as `--tag mobile/app`"),
                false => error.hint(format!("did you mean `--tag {meant}`?")),
            });
        }
        if tag.contains(',') {
            let names: Vec<String> = tag
                .split(',')
                .map(|t| format!("--tag {}", t.trim()))
                .collect();
            output::warn_with_hint(
                &format!("`--tag {tag}` is one tag, not a list"),
                &format!("for several, repeat the flag: {}", names.join(" ")),
            );
        }
    }
    Ok(())
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let args = args.one_line_values();
    checked_tags(&args.tags)?;
    let location = context.locate()?.first();
    let config = &location.config;
    let kind = args
        .kind
        .as_deref()
        .map(|k| known_kind(k, config))
        .transpose()?;
    let (name, template) = choose_template(context, &location, &args, kind.as_deref())?;
    warn_of_unknown_placeholders(&name, &template);
    let kind = match kind {
        Some(kind) => kind,
        None => template::kind_of(&template, &name, config)?,
    };
    let site = site(context, &args)?;
    let date = match &args.date {
        Some(text) => {
            crate::model::period::parse_day(text, context.today, context.calendar(&location))
                .map_err(|e| context.period_error(Some("--date"), e))?
        }
        None => context.today,
    };
    let people = people(&args, &template, &location);
    let ideas = ideas(&args.ideas, &location, context.cache)?;
    let new = NewEntry {
        date,
        kind,
        site,
        role: args.role,
        people,
        customers: args.customers,
        customer_names: args.customer_names,
        hours: args.hours,
        tags: args.tags,
        ideas,
        title: args.title,
        quotes: args.quotes,
    };
    let contents = new_entry::compose(&template, &new);
    // The entry must read back as written; if it does not, it is a bug here,
    // and better caught before the user's editor opens.
    if let Err(problems) = entry::parse("new entry", &contents, config) {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(Error::internal(format!(
            "the new entry would not read back: {first}"
        )));
    }
    let candidates = new_entry::file_names(&location.entries_dir(), date, &new.site);
    if args.dry_run {
        let target = candidates
            .into_iter()
            .find(|p| !p.exists())
            .unwrap_or_default();
        output::note(&format!(
            "dry run: would create {}",
            context.display_path(&target)
        ));
        return Ok(Done::text(contents));
    }
    let path = write::create_first_free(candidates, contents.as_bytes())?;
    if !args.no_edit && context.interactive && context.width.is_some() {
        open_editor(context, &path);
    }
    show_problems(context, &location, &path);
    Ok(Done::text(format!("{}\n", context.display_path(&path))))
}

/// `--kind` as the journal spells it.
fn known_kind(kind: &str, config: &Config) -> Result<String> {
    if let Some(known) = config.kinds.iter().find(|k| k.eq_ignore_ascii_case(kind)) {
        return Ok(known.clone());
    }
    let kinds = config.kinds.join(", ");
    let hint = match did_you_mean(kind, &config.kinds) {
        Some(near) => format!("did you mean `{near}`? The kinds are {kinds}"),
        None => format!("the kinds are {kinds}"),
    };
    Err(Error::new(format!("`--kind {kind}`: not a kind of this journal")).hint(hint))
}

/// The template named, else the one for `--kind`, else the one the user picks
/// on a terminal, else `visit`.
fn choose_template(
    context: &Context,
    location: &Location,
    args: &Args,
    kind: Option<&str>,
) -> Result<(String, Template)> {
    let name = match (&args.template, kind) {
        (Some(name), _) => name.clone(),
        (None, Some(kind)) => return template::for_kind(&location.templates_dir(), kind),
        (None, None) if context.interactive => {
            let names = template::names(&location.templates_dir());
            let answer = output::prompt(&format!("Template ({}) [visit]: ", names.join(", ")))?;
            match answer.trim() {
                "" => "visit".to_string(),
                typed => typed.to_string(),
            }
        }
        (None, None) => "visit".to_string(),
    };
    Ok((
        name.clone(),
        template::read(&location.templates_dir(), &name)?,
    ))
}

/// `--person`, else the template's people, else `me:` from insight.yaml, else git's user.name.
fn people(args: &Args, template: &Template, location: &Location) -> Vec<String> {
    if !args.people.is_empty() {
        return args.people.clone();
    }
    if !template.people.is_empty() {
        return template.people.clone();
    }
    location
        .config
        .me
        .clone()
        .or_else(|| crate::read::git::user_name(&location.root))
        .map(|name| one_line(&name))
        .filter(|name| !name.is_empty())
        .into_iter()
        .collect()
}

/// Each `--idea` as it goes into the front matter: a plain title, or a mapping
/// when it has an id or a status. An id without a title is a follow-up, as the
/// journal writes them (`{id, status}`), and must name an idea that has a title.
fn ideas(
    typed: &[String],
    location: &Location,
    cache: crate::read::worktree::Cache,
) -> Result<Vec<Value>> {
    let statuses = &location.config.statuses;
    let read: Vec<TypedIdea> = typed
        .iter()
        .map(|text| {
            typed_idea::parse(text, statuses).map_err(|m| Error::new(format!("--idea {m}")))
        })
        .collect::<Result<_>>()?;
    let follow_ups: Vec<&str> = read
        .iter()
        .filter(|i| i.title.is_empty())
        .filter_map(|i| i.id.as_deref())
        .collect();
    if !follow_ups.is_empty() {
        let journal = location
            .clone()
            .load(crate::model::journal::Bodies::Drop, cache);
        for id in follow_ups {
            known_id(&journal, id)?;
        }
    }
    Ok(read.into_iter().map(new_entry::idea_value).collect())
}

/// A follow-up by id alone needs an idea of that id with a title somewhere.
fn known_id(journal: &crate::model::journal::Journal, id: &str) -> Result<()> {
    let titled = journal
        .entries
        .iter()
        .flat_map(|e| &e.ideas)
        .any(|idea| idea.id.as_deref() == Some(id) && idea.title.is_some());
    if titled {
        return Ok(());
    }
    Err(Error::new(format!(
        "--idea [{id}]: no idea in the journal has the id `{id}`, so it needs a title"
    ))
    .hint(format!("write it as --idea \"[{id}] Its title\"")))
}

/// Runs `insight check`'s checks on the new entry, as the user left it, and
/// shows what they find on stderr, so that a typo is caught at once. The
/// file is not touched.
fn show_problems(context: &Context, location: &Location, path: &Path) {
    let rel = relative(location.root.as_path(), path);
    let found = sources::one_entry(location, &rel, context.today, context.cache);
    if found.is_empty() {
        return;
    }
    output::note_lines(&diagnostics(&found, output::stderr_color()));
    let shown = context.display_path(path);
    output::warn(&format!(
        "{shown} is saved as you left it; fix what is above, then run `insight check {shown}`"
    ));
}

fn site(context: &Context, args: &Args) -> Result<String> {
    let typed = match &args.site {
        Some(site) => site.clone(),
        None if context.interactive => output::prompt("Site (where the visit happened): ")?,
        None => {
            return Err(Error::new("missing --site: say where the visit happened")
                .hint("for example: insight new visit --site \"Cub Foods, Minneapolis\""));
        }
    };
    let site = one_line(&typed);
    if site.is_empty() {
        return Err(Error::new("the site is empty")
            .hint("give --site a name, e.g. --site \"Cub Foods, Minneapolis\""));
    }
    Ok(site)
}

/// Opens `$VISUAL`, else `$EDITOR`, on the new file. Through `sh`, so that an
/// editor given with arguments (`code --wait`) works.
fn open_editor(context: &Context, path: &Path) {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.trim().is_empty());
    let Some(editor) = editor else {
        return;
    };
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("insight")
        .arg(path)
        .status();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => super::output::warn(&format!(
            "the editor exited with {status}; the entry is saved as {}",
            context.display_path(path)
        )),
        Err(e) => super::output::warn(&format!("cannot start the editor `{editor}`: {e}")),
    }
}

/// A `{{…}}` in the template that is not a placeholder is written into the
/// entry as it is: named, with the placeholder it is close to.
fn warn_of_unknown_placeholders(name: &str, template: &Template) {
    let known: Vec<String> = placeholders::names().map(String::from).collect();
    let listed = known.join(", ");
    for written in template::unknown_placeholders(&template.body) {
        let hint = match did_you_mean(written, &known) {
            Some(near) => format!("did you mean `{near}`? The placeholders are {listed}"),
            None => format!("the placeholders are {listed}"),
        };
        output::warn_with_hint(
            &format!(
                "template `{name}` has `{written}`, which is not a placeholder; it is written as it is"
            ),
            &hint,
        );
    }
}
