//! `insight new`: capture a visit in seconds. The front matter is serialized from
//! the flags, never pasted into text, so whatever the user types comes back as typed.

use jiff::civil::Date;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod idea;

use super::{Context, period_error};
use crate::edit::template;
use crate::edit::write;
use crate::error::{Error, Result};
use crate::model::config::Config;
use crate::model::entry;
use crate::model::paths::relative;
use crate::model::slug;
use crate::model::suggest::did_you_mean;
use crate::model::values;
use crate::parse::frontmatter;
use crate::parse::yaml::{self, Node, Value};
use crate::read::find::Location;
use idea::TypedIdea;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The template to start from, a file in the templates folder: visit, peer, immersion, research, sales, …
    /// (default: the template for --kind; else asked for on a terminal; else visit)
    #[arg(value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// The kind of visit: frontline, peer, immersion, research, sales, … Without TEMPLATE,
    /// it chooses the template whose `kind:` it is
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// When the visit happened (default: today): 2026-07-14, 2026/7/14, yesterday, last friday, 3 days ago, …
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where: a store, a call centre, a customer's office (asked for on a terminal if missing)
    #[arg(long, value_name = "SITE")]
    pub site: Option<String>,
    /// The role worked: bakery, call-centre agent, …
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Who went (repeat for several people; default: `me:` in insight.yaml, else git's user.name)
    #[arg(long = "person", value_name = "NAME")]
    pub people: Vec<String>,
    /// How many customers you spoke to
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(..=crate::model::entry::MAX_CUSTOMERS))]
    pub customers: Option<u64>,
    /// Time spent, in hours
    #[arg(long, value_name = "HOURS", value_parser = parse_hours)]
    pub hours: Option<f64>,
    /// A tag (repeat for several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// An idea that came up (repeat for several): a title, with an id in brackets before it and a
    /// status in parentheses after it when wanted: "[aisle-finder] Aisle finder (exploring)";
    /// "[aisle-finder] (building)" moves an idea the journal knows to a new status
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
        self.tags = one_line_each(&self.tags);
        self.ideas = one_line_each(&self.ideas);
        self
    }
}

fn parse_hours(text: &str) -> std::result::Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(h) if (0.0..=crate::model::entry::MAX_HOURS).contains(&h) => Ok(h),
        _ => Err(format!(
            "`{text}` is not a number of hours from 0 to {}",
            crate::model::entry::MAX_HOURS
        )),
    }
}

/// What a template contributes: its kind, defaults for some fields, and a body.
struct Template {
    kind: Option<String>,
    role: Option<String>,
    people: Vec<String>,
    tags: Vec<String>,
    body: String,
}

/// What goes into the new entry besides the flags taken as typed.
struct Chosen {
    kind: String,
    site: String,
    date: Date,
    people: Vec<String>,
    ideas: Vec<Value>,
}

pub fn run(context: &Context, args: Args, out: &mut impl Write) -> Result<ExitCode> {
    let args = args.one_line_values();
    let location = context.locate()?.first();
    let config = &location.config;
    let kind = args
        .kind
        .as_deref()
        .map(|k| known_kind(k, config))
        .transpose()?;
    let (name, template) = choose_template(context, &location, &args, kind.as_deref())?;
    let kind = match kind {
        Some(kind) => kind,
        None => kind_of(&template, &name, config)?,
    };
    let site = site(context, &args)?;
    let date = match &args.date {
        Some(text) => {
            crate::model::period::parse_day(text, context.today, context.calendar(&location))
                .map_err(|e| period_error(Some("--date"), e))?
        }
        None => context.today,
    };
    let chosen = Chosen {
        kind,
        site,
        date,
        people: people(&args, &template, &location),
        ideas: ideas(&args.ideas, &location, context.cache)?,
    };
    let contents = compose(&args, &template, &chosen);
    // The entry must read back as written; if it does not, it is a bug here,
    // and better caught before the user's editor opens.
    if let Err(problems) = entry::parse("new entry", &contents, config) {
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        return Err(
            Error::new(format!("the new entry would not read back: {first}"))
                .hint("this is a bug in insight; please report it with the command you ran"),
        );
    }
    let candidates = file_names(&location, date, &chosen.site);
    if args.dry_run {
        out.write_all(contents.as_bytes())?;
        let target = candidates
            .into_iter()
            .find(|p| !p.exists())
            .unwrap_or_default();
        eprintln!("dry run: would create {}", context.display_path(&target));
        return Ok(ExitCode::SUCCESS);
    }
    let path = write::create_first_free(candidates, contents.as_bytes())?;
    if !args.no_edit && context.interactive && context.width.is_some() {
        open_editor(context, &path);
    }
    show_problems(context, &location, &path)?;
    writeln!(out, "{}", context.display_path(&path))?;
    Ok(ExitCode::SUCCESS)
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
        (None, Some(kind)) => return template_for_kind(location, kind),
        (None, None) if context.interactive => {
            let names = template_names(&location.templates_dir());
            let answer = prompt(&format!("Template ({}) [visit]: ", names.join(", ")))?;
            match answer.trim() {
                "" => "visit".to_string(),
                typed => typed.to_string(),
            }
        }
        (None, None) => "visit".to_string(),
    };
    Ok((name.clone(), read_template(location, &name)?))
}

/// The template whose kind is `kind`: `templates/KIND.md` first, then the
/// others by name (so `frontline` finds `visit.md`); a kind without one
/// starts from a bare heading.
fn template_for_kind(location: &Location, kind: &str) -> Result<(String, Template)> {
    let mut names = template_names(&location.templates_dir());
    names.sort_by_key(|name| !name.eq_ignore_ascii_case(kind));
    for name in names {
        let template = read_template(location, &name)?;
        if template
            .kind
            .as_deref()
            .unwrap_or(&name)
            .eq_ignore_ascii_case(kind)
        {
            return Ok((name, template));
        }
    }
    let bare = Template {
        kind: Some(kind.to_string()),
        role: None,
        people: vec![],
        tags: Default::default(),
        body: "# {{title}}\n".to_string(),
    };
    Ok((kind.to_string(), bare))
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
        .map(|text| idea::parse(text, statuses).map_err(|m| Error::new(format!("--idea {m}"))))
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
    Ok(read.into_iter().map(idea_value).collect())
}

fn idea_value(typed: TypedIdea) -> Value {
    if typed.id.is_none() && typed.status.is_none() {
        return Value::Str(typed.title);
    }
    let mut pairs = Vec::new();
    pairs.extend(typed.id.map(|id| ("id".to_string(), Value::Str(id))));
    if !typed.title.is_empty() {
        pairs.push(("title".to_string(), Value::Str(typed.title)));
    }
    pairs.extend(typed.status.map(|s| ("status".to_string(), Value::Str(s))));
    Value::Map(pairs)
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
/// prints what they find, so that a typo is caught at once. The file is not touched.
fn show_problems(context: &Context, location: &Location, path: &Path) -> Result<()> {
    let rel = relative(location.root.as_path(), path);
    let found = super::check::entry_problems(location, &rel, context.today, context.cache);
    if found.is_empty() {
        return Ok(());
    }
    let mut stderr = std::io::stderr().lock();
    super::check::write_diagnostics(&mut stderr, &found)?;
    let shown = context.display_path(path);
    crate::warn(&format!(
        "{shown} is saved as you left it; fix what is above, then run `insight check {shown}`"
    ));
    Ok(())
}

fn read_template(location: &Location, name: &str) -> Result<Template> {
    let dir = location.templates_dir();
    let file = if name.ends_with(".md") {
        name.to_string()
    } else {
        format!("{name}.md")
    };
    let path = dir.join(&file);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        // A journal that has no copy of a standard template still gets it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match template::built_in(&file) {
            Some(text) => text.to_string(),
            None => {
                return Err(Error::new(format!(
                    "no template `{name}`: {} does not exist",
                    path.display()
                ))
                .hint(available_templates(&dir)));
            }
        },
        Err(e) => return Err(Error::io("read", &path, &e)),
    };
    let text = frontmatter::strip_bom(&text);
    let Ok(split) = frontmatter::split(text) else {
        // A template without front matter is all body.
        return Ok(Template {
            kind: None,
            role: None,
            people: vec![],
            tags: Default::default(),
            body: text.to_string(),
        });
    };
    let root = yaml::parse(split.yaml).map_err(|e| {
        Error::new(format!(
            "{}:{}:{}: {}",
            path.display(),
            split.yaml_line + e.line - 1,
            e.column,
            e.message
        ))
        .hint("fix the template's front matter")
    })?;
    let bad =
        |key: &str, message: String| Error::new(format!("{}: `{key}`: {message}", path.display()));
    let get = |key| root.get(key).filter(|n| **n != Node::Null);
    Ok(Template {
        kind: values::optional_string(get("kind")).map_err(|m| bad("kind", m))?,
        role: values::optional_string(get("role")).map_err(|m| bad("role", m))?,
        people: values::string_list(get("people")).map_err(|m| bad("people", m))?,
        tags: values::string_list(get("tags")).map_err(|m| bad("tags", m))?,
        body: split.body.to_string(),
    })
}

/// The templates in `dir` and the standard ones, by name.
fn template_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".md")
                .map(String::from)
        })
        .collect();
    names.extend(template::BUILT_IN_NAMES.map(String::from));
    names.sort();
    names.dedup();
    names
}

fn available_templates(dir: &Path) -> String {
    format!(
        "the templates are {} (add your own as {}/NAME.md)",
        template_names(dir).join(", "),
        dir.display()
    )
}

fn kind_of(template: &Template, name: &str, config: &Config) -> Result<String> {
    let name = name.trim_end_matches(".md");
    let kind = template.kind.clone().unwrap_or_else(|| name.to_string());
    config
        .kinds
        .iter()
        .find(|k| k.eq_ignore_ascii_case(&kind))
        .cloned()
        .ok_or_else(|| {
            Error::new(format!(
                "template `{name}` is for kind `{kind}`, which is not a kind of this journal"
            ))
            .hint(format!(
                "set `kind:` in the template to one of {}",
                config.kinds.join(", ")
            ))
        })
}

fn site(context: &Context, args: &Args) -> Result<String> {
    let typed = match &args.site {
        Some(site) => site.clone(),
        None if context.interactive => prompt("Site (where the visit happened): ")?,
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

fn prompt(question: &str) -> Result<String> {
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::new(format!("cannot read the answer: {e}")))?;
    Ok(answer)
}

/// The whole new file: front matter from the flags and the template, then the
/// template's body with its placeholders filled.
fn compose(args: &Args, template: &Template, chosen: &Chosen) -> String {
    let date = chosen.date.to_string();
    let mut pairs: Vec<(&str, Value)> = vec![
        ("date", Value::Str(date.clone())),
        ("kind", Value::Str(chosen.kind.clone())),
        ("site", Value::Str(chosen.site.clone())),
    ];
    if let Some(role) = args.role.clone().or_else(|| template.role.clone()) {
        pairs.push(("role", Value::Str(role)));
    }
    if !chosen.people.is_empty() {
        pairs.push(("people", Value::List(chosen.people.clone())));
    }
    if let Some(customers) = args.customers {
        pairs.push(("customers", Value::Int(customers)));
    }
    if let Some(hours) = args.hours {
        pairs.push((
            "hours",
            if hours.fract() == 0.0 {
                Value::Int(hours as u64)
            } else {
                Value::Float(hours)
            },
        ));
    }
    let mut tags = template.tags.clone();
    tags.extend(
        args.tags
            .iter()
            .filter(|t| !template.tags.contains(t))
            .cloned(),
    );
    if !tags.is_empty() {
        pairs.push(("tags", Value::List(tags)));
    }
    if !chosen.ideas.is_empty() {
        pairs.push(("ideas", Value::Items(chosen.ideas.clone())));
    }
    if let Some(title) = &args.title {
        pairs.push(("title", Value::Str(title.clone())));
    }
    let quotes = template::block_quotes(&args.quotes);
    let body = template::fill(
        &template.body,
        &template::Fill {
            title: args.title.as_deref().unwrap_or(&chosen.site),
            site: &chosen.site,
            date: &date,
            quotes: &quotes,
        },
    );
    format!("---\n{}---\n{}", yaml::to_front_matter(&pairs), body)
}

/// `<entries>/<YYYY>/<YYYY-MM-DD>-<site-slug>.md`, then `-2`, `-3`, … when taken.
fn file_names(location: &Location, date: Date, site: &str) -> impl Iterator<Item = PathBuf> {
    let dir = location.entries_dir().join(date.year().to_string());
    let stem = format!("{date}-{}", slug::slug(site));
    (1..=9999).map(move |n| match n {
        1 => dir.join(format!("{stem}.md")),
        n => dir.join(format!("{stem}-{n}.md")),
    })
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
        Ok(status) => crate::warn(&format!(
            "the editor exited with {status}; the entry is saved as {}",
            context.display_path(path)
        )),
        Err(e) => crate::warn(&format!("cannot start the editor `{editor}`: {e}")),
    }
}
