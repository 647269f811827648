//! What a user types on the command line to pick entries, checked against
//! the journal's own values: a filter that matches nothing in the whole
//! journal is named, with the value it is close to, rather than answered
//! with silence or a report of zeros.

use super::journal::shell_word;
use crate::model::entry::Entry;
use crate::model::fold;
use crate::model::journal::Notice;
use crate::model::suggest::did_you_mean;
use crate::model::tags;
use crate::query::Filter;

/// A notice for each value of `filter` that no entry of `entries` has. (A
/// kind that is not the journal's is an error before anything is read.)
pub fn unmatched(filter: &Filter, entries: &[Entry]) -> Vec<Notice> {
    let mut found = Vec::new();
    for tag in &filter.tags {
        let carried = |e: &Entry| e.tags.iter().any(|t| tags::is_under(t, tag));
        if !entries.iter().any(carried) {
            let known = known_tags(entries);
            found.push(notice(
                format!("no entry has the tag `{tag}`"),
                near("--tag", tag, &known),
                "`insight tags` lists the tags in use",
            ));
        }
    }
    if let Some(site) = &filter.site
        && !entries.iter().any(|e| fold::contains(&e.site, site))
    {
        let sites = names_and_words(entries.iter().map(|e| e.site.as_str()));
        found.push(notice(
            format!("no entry's site contains `{site}`"),
            near("--site", site, &sites),
            "`insight list` shows the sites",
        ));
    }
    if let Some(person) = &filter.person
        && !entries
            .iter()
            .any(|e| e.people.iter().any(|p| fold::contains(p, person)))
    {
        let people = names_and_words(
            entries
                .iter()
                .flat_map(|e| e.people.iter().map(|p| p.as_str())),
        );
        found.push(notice(
            format!("no one in the journal is called `{person}`"),
            near("--person", person, &people),
            "`insight people` lists who went out",
        ));
    }
    found
}

/// The notice for an owner no idea has, when `owners` are the ideas' owners.
pub fn unmatched_owner(owner: &str, owners: &[String]) -> Option<Notice> {
    let wanted = owner.to_lowercase();
    if owners.iter().any(|o| o.to_lowercase().contains(&wanted)) {
        return None;
    }
    let names = names_and_words(owners.iter().map(String::as_str));
    Some(notice(
        format!("no idea's owner is called `{owner}`"),
        near("--owner", owner, &names),
        "`insight ideas` shows each idea's owner",
    ))
}

fn notice(message: String, near: Option<String>, otherwise: &str) -> Notice {
    Notice {
        message,
        hint: near.unwrap_or_else(|| otherwise.to_string()),
    }
}

/// `did you mean `--tag mobile`?` when one of `known` is close to `typed`.
fn near(flag: &str, typed: &str, known: &[String]) -> Option<String> {
    let folded: Vec<String> = known.iter().map(|k| fold::fold(k).into_owned()).collect();
    let close = did_you_mean(&fold::fold(typed), &folded)?;
    let at = folded.iter().position(|k| k == close)?;
    Some(format!("did you mean `{flag} {}`?", shell_word(&known[at])))
}

/// Every tag of the journal, with the tags above it, once each.
fn known_tags(entries: &[Entry]) -> Vec<String> {
    let mut known: Vec<String> = entries
        .iter()
        .flat_map(|e| e.tags.iter())
        .flat_map(|t| tags::with_parents(t))
        .collect();
    known.sort();
    known.dedup();
    known
}

/// Each name, and each word of each name, once: `--site minneapolsi` is
/// close to the word `Minneapolis` of `Cub Foods, Minneapolis`.
fn names_and_words<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut known = Vec::new();
    for name in names {
        known.push(name.to_string());
        let words = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2);
        known.extend(words.map(str::to_string));
    }
    known.sort();
    known.dedup();
    known
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::entry;
    use jiff::civil::date;

    #[test]
    fn a_value_no_entry_has_is_named_with_the_one_it_is_close_to() {
        let mut a = entry(
            "a.md",
            date(2026, 1, 1),
            "Cub Foods, Minneapolis",
            &["mobile/app"],
        );
        a.people = vec!["Wayne Shurts"].into();
        let entries = [a];
        let filter = Filter {
            tags: vec!["moble".into(), "mobile".into()],
            site: Some("minneapolsi".into()),
            person: Some("wayne shurst".into()),
            ..Filter::default()
        };
        let said: Vec<(String, String)> = unmatched(&filter, &entries)
            .into_iter()
            .map(|n| (n.message, n.hint))
            .collect();
        assert_eq!(
            said,
            [
                (
                    "no entry has the tag `moble`".into(),
                    "did you mean `--tag mobile`?".into()
                ),
                (
                    "no entry's site contains `minneapolsi`".into(),
                    "did you mean `--site Minneapolis`?".into()
                ),
                (
                    "no one in the journal is called `wayne shurst`".into(),
                    "did you mean `--person 'Wayne Shurts'`?".into()
                ),
            ]
        );
    }
}
