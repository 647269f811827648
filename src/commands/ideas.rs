//! `insight ideas`: the idea pipeline — what was heard, how often, how far it
//! got; `insight ideas ID`: one idea's story.

use clap::ValueEnum;
use jiff::civil::Date;

use super::context::{Context, TableFormat};
use super::filters::FilterArgs;
use super::output::{Done, Output};
use crate::aggregate::history::History;
use crate::aggregate::ideas::{self, Details, IdeaSummary, rank};
use crate::aggregate::story;
use crate::error::{Error, Result};
use crate::query::{self, Order};
use crate::render::document;
use crate::render::{self, Column, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tell one idea's story instead: its id, its title, or a part of either
    #[arg(value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::candidates::ideas))]
    pub idea: Option<String>,
    /// Only ideas whose status (at the period's end, else today) is S; repeat for any of several
    #[arg(long, value_name = "S", add = clap_complete::ArgValueCandidates::new(super::candidates::statuses))]
    pub status: Vec<String>,
    /// Only ideas whose owner's name contains NAME (any case)
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Order by reach (customers, then mentions), date (latest mention first) or status (pipeline order)
    #[arg(long, value_enum, default_value_t = Sort::Reach)]
    pub sort: Sort,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Show at most N ideas (after sorting)
    #[arg(long, short = 'n', value_name = "N", conflicts_with = "idea")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Reach,
    Date,
    Status,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let mut filter = args.filters.filter(context, &location)?;
    let statuses = location.config.statuses.clone();
    for wanted in &args.status {
        if !statuses.contains(wanted) {
            return Err(
                Error::new(format!("`--status {wanted}`: not a status of this journal"))
                    .hint(format!("the statuses are {}", statuses.join(", "))),
            );
        }
    }
    // Statuses are as of the period's end, and "now" is today: later mentions
    // do not count yet.
    let day = filter.last_day().min(context.today);
    filter.until = Some(day);
    // A story quotes the entries behind the idea.
    let journal = match args.idea {
        Some(_) => context.load_located(location, crate::model::journal::Bodies::Keep),
        None => context.load_filtered(location, &mut filter),
    };
    let history = History::new(&journal.entries, journal.config.default_status());
    let text = match &args.idea {
        Some(wanted) => Output::Text(tell(
            &history,
            wanted,
            day,
            &statuses,
            args.format,
            context,
        )?),
        None => {
            let selected = || query::select(&journal.entries, &filter, Order::default());
            let mut list = match filter.keeps_whole_days() {
                // The ideas of whole days are summed from their stories.
                true => {
                    let days = (filter.first_day(), filter.last_day());
                    let stories = history.mentioned(&filter, selected);
                    ideas::summarize_days(&stories, days, day, Details::EntriesAndSites)
                }
                false => ideas::summarize(&selected(), &history, day, Details::EntriesAndSites),
            };
            list.retain(|idea| args.status.is_empty() || args.status.contains(&idea.status));
            if let Some(owner) = &args.owner {
                let owners: Vec<String> = history
                    .stories()
                    .filter_map(|story| story.owner_on(day))
                    .map(|o| o.to_string())
                    .collect();
                let unmatched = crate::check::typed::unmatched_owner(owner, &owners);
                context.notices.borrow_mut().extend(unmatched);
                let owner = owner.to_lowercase();
                list.retain(|idea| {
                    idea.owner
                        .as_ref()
                        .is_some_and(|o| o.to_lowercase().contains(&owner))
                });
            }
            match args.sort {
                Sort::Reach => {}
                // Stable sorts: ties keep the order of reach.
                Sort::Date => list.sort_by_key(|idea| std::cmp::Reverse(idea.last_date)),
                Sort::Status => list.sort_by_key(|idea| rank(&statuses, &idea.status)),
            }
            list.truncate(args.limit.unwrap_or(usize::MAX));
            context
                .tabular(
                    args.format,
                    &table(&list),
                    &list,
                    "no ideas in the entries that match",
                )
                .limited(args.limit)
        }
    };
    Ok(Done::print(text))
}

fn table(list: &[IdeaSummary]) -> Table {
    let mut table = Table::new(vec![
        Column::left("id", "Id"),
        Column::left("title", "Idea"),
        Column::left("status", "Status"),
        Column::left("owner", "Owner"),
        Column::right("mentions", "Mentions"),
        Column::right("sites", "Sites"),
        Column::right("customers", "Customers"),
        Column::left("first_date", "First"),
        Column::left("last_date", "Last"),
        Column::left("entries", "Entries"),
    ]);
    for idea in list {
        let entries: Vec<&str> = idea
            .entries
            .iter()
            .map(|p| crate::model::entry::file_stem(p))
            .collect();
        table.push(vec![
            idea.id.clone().unwrap_or_default().to_string(),
            idea.title.to_string(),
            idea.status.clone(),
            idea.owner.clone().unwrap_or_default().to_string(),
            idea.mentions.to_string(),
            idea.sites.to_string(),
            idea.customers.to_string(),
            idea.first_date.to_string(),
            idea.last_date.to_string(),
            entries.join(", "),
        ]);
    }
    table
}

/// One idea's story, in `format`.
fn tell(
    history: &History,
    wanted: &str,
    day: Date,
    statuses: &[String],
    format: TableFormat,
    context: &Context,
) -> Result<String> {
    let story = history.find(wanted).map_err(|candidates| {
        let mut error = Error::new(match candidates.len() {
            0 => format!("no idea matches `{wanted}`"),
            n => format!("`{wanted}` matches {n} ideas:"),
        });
        for s in &candidates {
            let id = s.id().map(|id| format!("{id}  ")).unwrap_or_default();
            error.details.push(format!("{id}{}", s.title));
        }
        if !candidates.is_empty() {
            return error.hint("give the id, or more of the title");
        }
        let ids: Vec<String> = history
            .stories()
            .filter_map(|s| s.id())
            .map(|id| id.to_string())
            .collect();
        match crate::model::suggest::did_you_mean(wanted, &ids) {
            Some(near) => error.hint(format!("did you mean `insight ideas {near}`?")),
            None => {
                error.hint("`insight ideas` lists every idea; give its id or a part of its title")
            }
        }
    })?;
    let told = story::tell(story, day, statuses).ok_or_else(|| {
        Error::new(format!(
            "`{}` was first raised on {}, after {day}",
            story.title,
            story.raised()
        ))
        .hint("choose a later period, or leave the period out")
    })?;
    Ok(match format {
        TableFormat::Json => render::json(&told),
        TableFormat::Jsonl => render::json_lines(std::slice::from_ref(&told)),
        TableFormat::Markdown => document::markdown(&render::story::page(&told, day)),
        TableFormat::Table => document::text(
            &render::story::page(&told, day),
            context.width,
            context.color,
        ),
        TableFormat::Csv => {
            return Err(
                Error::new("an idea's story has several tables, which CSV cannot hold").hint(
                    "use --format json, or `insight ideas --format csv` for the list of ideas",
                ),
            );
        }
    })
}
