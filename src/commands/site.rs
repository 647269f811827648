//! `insight site DIR`: the journal as a static, read-only website, for
//! readers who never run insight: built from CI for GitHub or GitLab Pages,
//! or opened from disk.

use rayon::prelude::*;
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::context::{Context, View, journal_name};
use super::filters::FilterArgs;
use super::output::{self, Done};
use crate::edit::site::SiteWriter;
use crate::error::{Error, Result};
use crate::model::entry::Entry;
use crate::query::{self, Order};
use crate::read::progress::Progress;
use crate::render::site::{Input, Page, Site};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to build the site in: new, empty, or an earlier site
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub filters: FilterArgs,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let mut filter = args.filters.filter(context, &location)?;
    let dir = context.cwd.join(&args.dir);
    // The site is only ever the journal as it may be shared: no private
    // entry or key, and contacts masked in titles and in the bodies that
    // `journal.body` reads back from disk (bodies stay there until a page
    // needs one). This is the one place the site's entries come from.
    let journal = context.load_filtered_as(location, &mut filter, View::Shared);
    let selected = query::select(&journal.entries, &filter, Order::default());
    // Without a filter (as a site is mostly built), the journal's own entries.
    let entries: Cow<[Entry]> = match selected.len() == journal.entries.len() {
        true => Cow::Borrowed(&journal.entries),
        false => selected.into_iter().cloned().collect(),
    };
    let body: &(dyn for<'e> Fn(&'e Entry) -> Cow<'e, str> + Sync) = &|entry| journal.body(entry);
    let site = Site::new(Input {
        name: journal_name(journal),
        config: &journal.config,
        entries: &entries,
        body,
        today: context.today,
    });
    let pages = site.pages();
    let writer = SiteWriter::begin(&dir, pages.iter().map(|&page| site.path(page)))?;
    let meter = output::meter();
    let done = AtomicUsize::new(0);
    // The first error stops both halves below; it is the one told.
    let failed = AtomicBool::new(false);
    let draw = |page: &Page| {
        if failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let drawn = writer.put(&site.path(*page), |out| site.render_into(*page, out));
        if drawn.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        drawn?;
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        meter.step("writing pages", done, pages.len());
        Ok::<(), Error>(())
    };
    // Each page is drawn straight into its file, compared with the one on
    // disk as it goes. The pages that grow with the journal (see
    // `Page::grows`) are drawn one at a time while the others are drawn
    // beside them in parallel, so that no two of them are held at once:
    // memory stays bounded on a large journal.
    let (large, small): (Vec<Page>, Vec<Page>) = pages.iter().partition(|page| page.grows());
    let (large_drawn, small_drawn) = rayon::join(
        || large.iter().try_for_each(draw),
        || small.par_iter().try_for_each(draw),
    );
    large_drawn.and(small_drawn)?;
    let written = writer.finish(pages.iter().map(|&page| site.path(page)))?;
    Ok(Done::text(format!(
        "wrote {} of {} pages to {} ({} unchanged, {} removed)\n",
        written.written,
        pages.len(),
        context.display_path(&dir),
        written.unchanged,
        written.removed,
    )))
}
