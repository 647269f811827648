//! A tag's page (the entries that carry it or a tag below it, the tags
//! above and below it, the ideas tagged with it) and the list of tags.

use askama::Template;
use std::fmt;

use super::entries::EntryRow;
use super::layout::{Chrome, Link, Part};
use super::layout::{cannot_draw, plural};
use super::links::BELOW;
use super::plan::{Page, Site};
use crate::error::Result;

#[derive(Template)]
#[template(path = "site/tag.html")]
struct TagPage {
    chrome: Chrome,
    tag: String,
    count: String,
    /// The tags above it, outermost first: `mobile` for `mobile/app`.
    above: Vec<Link>,
    /// The tags right below it, with their counts.
    below: Vec<(Link, usize)>,
    ideas: Vec<Link>,
    rows: Vec<EntryRow>,
}

#[derive(Template)]
#[template(path = "site/tags.html")]
struct IndexPage {
    chrome: Chrome,
    count: String,
    rows: Vec<TagRow>,
}

struct TagRow {
    tag: Link,
    /// How many tags it is below: a tag's rows sit under its parent's.
    depth: usize,
    entries: usize,
}

/// Tag `n`'s page.
pub fn tag(site: &Site, n: usize, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let (tag, places) = &site.tags[n];
    let link = |tag: &str| Link::new(tag, site.tag_href(root, tag));
    let above: Vec<Link> = tag
        .match_indices('/')
        .map(|(at, _)| link(&tag[..at]))
        .collect();
    let below = site
        .tags
        .iter()
        .filter(|(other, _)| {
            other
                .strip_prefix(tag.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|rest| !rest.contains('/'))
        })
        .map(|(other, places)| (link(other), places.len()))
        .collect();
    TagPage {
        chrome: site.chrome(format!("Tag {tag}"), root, Part::Tags),
        tag: tag.clone(),
        count: plural(places.len(), "entry", "entries"),
        above,
        below,
        ideas: tagged_ideas(site, tag),
        rows: site.entry_rows(root, places),
    }
    .render_into(out)
    .map_err(cannot_draw)
}

/// The ideas raised by today whose tags are `tag` or below it.
fn tagged_ideas(site: &Site, tag: &str) -> Vec<Link> {
    let places = site.tagged_ideas.get(tag).map_or(&[][..], Vec::as_slice);
    places
        .iter()
        .filter_map(|&n| site.history.story(&site.ideas[n]))
        .map(|story| Link::new(story.title.as_str(), site.idea_href(BELOW, &story.key)))
        .collect()
}

/// Every tag, each under the tag above it, with how many entries carry it.
pub fn index(site: &Site, out: &mut dyn fmt::Write) -> Result<()> {
    let root = BELOW;
    let mut order: Vec<usize> = (0..site.tags.len()).collect();
    // Part by part, so that `mobile/app` sits right under `mobile`.
    order.sort_by(|&a, &b| site.tags[a].0.split('/').cmp(site.tags[b].0.split('/')));
    let rows = order
        .into_iter()
        .map(|n| {
            let (tag, places) = &site.tags[n];
            TagRow {
                tag: Link::new(tag.as_str(), Some(site.href(root, Page::Tag(n)))),
                depth: tag.matches('/').count(),
                entries: places.len(),
            }
        })
        .collect::<Vec<_>>();
    IndexPage {
        chrome: site.chrome("Tags".into(), root, Part::Tags),
        count: plural(rows.len(), "tag", "tags"),
        rows,
    }
    .render_into(out)
    .map_err(cannot_draw)
}
