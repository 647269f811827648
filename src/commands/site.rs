//! `insight site DIR`: the journal as a static, read-only website, for
//! readers who never run insight: built from CI for GitHub or GitLab Pages,
//! or opened from disk.

use rayon::prelude::*;
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::context::Context;
use super::output::{self, Done};
use crate::edit::site::SiteWriter;
use crate::error::Result;
use crate::model::entry::Entry;
use crate::model::journal::{Bodies, Journal};
use crate::read::progress::Progress;
use crate::render::site::{Input, Site};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to build the site in: new, empty, or an earlier site
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

pub fn run(context: &Context, args: Args) -> Result<Done> {
    let location = context.locate()?;
    let dir = context.cwd.join(&args.dir);
    // Bodies stay on disk: a page reads its entry's body when it is drawn.
    let journal = context.load_located(location, Bodies::Drop);
    let shared = super::context::for_the_process(shared_view(journal));
    let site = Site::new(Input {
        name: journal_name(journal),
        config: &journal.config,
        entries: &shared.entries,
        body: &*shared.body,
        today: context.today,
    });
    let pages = site.pages();
    let files: Vec<String> = pages.iter().map(|&page| site.path(page)).collect();
    let writer = SiteWriter::begin(&dir, &files)?;
    let meter = output::meter();
    let done = AtomicUsize::new(0);
    pages.par_iter().zip(&files).try_for_each(|(&page, file)| {
        writer.put(file, site.render(page)?.as_bytes())?;
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        meter.step("writing pages", done, pages.len());
        Ok::<(), crate::error::Error>(())
    })?;
    let written = writer.finish()?;
    Ok(Done::text(format!(
        "wrote {} of {} pages to {} ({} unchanged, {} removed)\n",
        written.written,
        pages.len(),
        context.display_path(&dir),
        written.unchanged,
        written.removed,
    )))
}

/// What of the journal the site may show, and how an entry's body reads.
type Body = dyn for<'e> Fn(&'e Entry) -> Cow<'e, str> + Sync;

/// The journal as the site may show it.
struct Shared {
    entries: Cow<'static, [Entry]>,
    body: Box<Body>,
}

/// The one door from the journal to the site: every entry, body and quote
/// the site shows comes through here (quotes are read from the bodies this
/// gives). Today it keeps everything. What must never reach a wider
/// audience (entries marked `private: true`, keys listed as private in
/// insight.yaml, e-mail addresses and phone numbers in bodies and quotes)
/// is to be taken out here, and only here.
fn shared_view(journal: &'static Journal) -> Shared {
    Shared {
        entries: Cow::Borrowed(&journal.entries),
        body: Box::new(move |entry| journal.body(entry)),
    }
}

/// The journal's name: its `name:` setting, else its folder's name.
fn journal_name(journal: &Journal) -> String {
    journal.config.name.clone().unwrap_or_else(|| {
        let root = journal
            .root
            .canonicalize()
            .unwrap_or_else(|_| journal.root.clone());
        root.file_name()
            .map_or_else(|| "Journal".into(), |n| n.to_string_lossy().into_owned())
    })
}
