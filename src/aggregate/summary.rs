//! The report's story in a few sentences, computed from its numbers: who went
//! out against the period before, which ideas moved, how many were raised,
//! the tag that rose most, and who is behind their target. A sentence is
//! there only when it has something to say; the same report gives the same
//! words, always.

use std::collections::HashMap;

use super::TagCount;
use super::ideas::Movement;

/// How many names a sentence lists before it says how many more there are.
const NAMED: usize = 3;

/// What the summary is told of a report.
pub struct Facts<'a> {
    /// `2026Q4`.
    pub label: &'a str,
    /// The period goes on after the day the report is counted to.
    pub so_far: bool,
    pub now: Activity,
    /// The previous period's label and activity, when there is one.
    pub before: Option<(&'a str, Activity)>,
    /// The ideas whose status changed, and the statuses they move through.
    pub movements: &'a [Movement],
    pub statuses: &'a [String],
    pub tags: &'a [TagCount],
    pub tags_before: &'a [TagCount],
    /// Who is behind their yearly target, and how many people have one.
    pub behind: Vec<String>,
    pub with_target: usize,
}

/// What a period's people did.
#[derive(Debug, Clone, Copy)]
pub struct Activity {
    pub people: usize,
    pub entries: usize,
    pub customers: u64,
    /// Entries that do not give a count of customers.
    pub without_customers: usize,
    pub ideas_raised: usize,
}

/// The summary of a report.
pub fn sentences(facts: &Facts) -> Vec<String> {
    [
        Some(activity(facts)),
        ideas_moved(facts.movements, facts.statuses),
        ideas_raised(facts),
        tag_that_rose_most(facts),
        behind_target(facts),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// `In 2026Q4 so far, 3 people went out on 3 entries and spoke to 27
/// customers, against 4 people, 4 entries and 42 customers in 2026Q3.`
fn activity(facts: &Facts) -> String {
    let so_far = if facts.so_far { " so far" } else { "" };
    let label = facts.label;
    let now = &facts.now;
    let mut sentence = if now.entries == 0 {
        format!("Nobody went out in {label}{so_far}")
    } else {
        format!(
            "In {label}{so_far}, {} went out on {} and spoke to {}",
            count(now.people, "person", "people"),
            count(now.entries, "entry", "entries"),
            customers(now),
        )
    };
    match &facts.before {
        Some((period, before)) if before.entries == 0 => {
            sentence.push_str(&format!(", against nobody in {period}"));
        }
        Some((period, before)) => sentence.push_str(&format!(
            ", against {}, {} and {} in {period}",
            count(before.people, "person", "people"),
            count(before.entries, "entry", "entries"),
            customers(before),
        )),
        None => {}
    }
    sentence.push('.');
    sentence
}

/// `27 customers`, and `(2 entries without a count)` when some do not say.
fn customers(activity: &Activity) -> String {
    let counted = count(activity.customers as usize, "customer", "customers");
    match activity.without_customers {
        0 => counted,
        n => format!(
            "{counted} ({} without a count)",
            count(n, "entry", "entries")
        ),
    }
}

/// `Shipped: A. Moved forward: B (new → planned). Dropped: C.` The last two
/// statuses of the pipeline (by default shipped and dropped) are where an
/// idea ends: those are named by their status; the rest by direction.
/// Ideas raised during the period count only when they reached an end.
fn ideas_moved(movements: &[Movement], statuses: &[String]) -> Option<String> {
    let rank = |status: &str| statuses.iter().position(|s| s == status);
    let ends: Vec<&String> = statuses
        .iter()
        .rev()
        .take(2.min(statuses.len() / 2))
        .collect();
    let mut parts = Vec::new();
    for end in ends.iter().rev() {
        let reached: Vec<String> = movements
            .iter()
            .filter(|m| &&m.to == end && m.from.as_deref() != Some(end.as_str()))
            .map(|m| m.title.to_string())
            .collect();
        if !reached.is_empty() {
            parts.push(format!("{}: {}.", capitalized(end), listed(&reached)));
        }
    }
    // Between the ends: forward, back, or out of an end into the pipeline
    // again (a dropped idea taken up again).
    let direction = |from: &str, to: &str| -> Option<&'static str> {
        if ends.iter().any(|end| *end == from) {
            return Some("Taken up again");
        }
        match (rank(to)?).cmp(&rank(from)?) {
            std::cmp::Ordering::Greater => Some("Moved forward"),
            std::cmp::Ordering::Less => Some("Moved back"),
            std::cmp::Ordering::Equal => None,
        }
    };
    for name in ["Moved forward", "Moved back", "Taken up again"] {
        let moved: Vec<String> = movements
            .iter()
            .filter(|m| !ends.contains(&&m.to))
            .filter_map(|m| {
                let from = m.from.as_deref()?;
                (direction(from, &m.to)? == name)
                    .then(|| format!("{} ({from} → {})", m.title, m.to))
            })
            .collect();
        if !moved.is_empty() {
            parts.push(format!("{name}: {}.", listed(&moved)));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `5 ideas were raised for the first time, against 7 in 2026Q3.`
fn ideas_raised(facts: &Facts) -> Option<String> {
    let raised = facts.now.ideas_raised;
    if raised == 0 {
        return None;
    }
    let verb = if raised == 1 { "was" } else { "were" };
    let mut sentence = format!(
        "{} {verb} raised for the first time",
        count(raised, "idea", "ideas")
    );
    if let Some((period, before)) = &facts.before {
        let before = match before.ideas_raised {
            0 => "none".to_string(),
            n => n.to_string(),
        };
        sentence.push_str(&format!(", against {before} in {period}"));
    }
    sentence.push('.');
    Some(sentence)
}

/// `The tag that rose most is pricing: on 3 entries, against none in
/// 2026Q3.` Only against a period before, and only when one tag rose more
/// than any other (a parent that rose only through one child is that child).
fn tag_that_rose_most(facts: &Facts) -> Option<String> {
    let (period, _) = facts.before.as_ref()?;
    let before: HashMap<&str, usize> = facts
        .tags_before
        .iter()
        .map(|t| (t.tag.as_str(), t.entries))
        .collect();
    let was = |t: &TagCount| before.get(t.tag.as_str()).copied().unwrap_or(0);
    let rise = |t: &TagCount| t.entries.saturating_sub(was(t));
    let most = facts.tags.iter().map(rise).max().filter(|&r| r > 0)?;
    let rose_most: Vec<&TagCount> = facts.tags.iter().filter(|t| rise(t) == most).collect();
    let through_a_child = |parent: &TagCount| {
        rose_most.iter().any(|child| {
            child.entries == parent.entries
                && child
                    .tag
                    .strip_prefix(parent.tag.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    };
    let [top] = rose_most
        .iter()
        .filter(|t| !through_a_child(t))
        .collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let was = match was(top) {
        0 => "none".to_string(),
        n => n.to_string(),
    };
    Some(format!(
        "The tag that rose most is {}: on {}, against {was} in {period}.",
        top.tag,
        count(top.entries, "entry", "entries"),
    ))
}

/// `Behind their yearly target: A, B, C and 4 more (7 of 12 people with
/// a target).`
fn behind_target(facts: &Facts) -> Option<String> {
    if facts.behind.is_empty() {
        return None;
    }
    Some(format!(
        "Behind their yearly target: {} ({} of {} with a target).",
        listed(&facts.behind),
        facts.behind.len(),
        count(facts.with_target, "person", "people")
    ))
}

/// `A`, `A and B`, `A, B and C`, `A, B, C and 4 more`.
fn listed(names: &[String]) -> String {
    let shown = &names[..names.len().min(NAMED)];
    let more = names.len() - shown.len();
    match (shown, more) {
        ([only], 0) => only.clone(),
        ([rest @ .., last], 0) => format!("{} and {last}", rest.join(", ")),
        (shown, more) => format!("{} and {more} more", shown.join(", ")),
    }
}

/// `3 people`, `1 person`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `shipped` as `Shipped`.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(title: &str, from: Option<&str>, to: &str) -> Movement {
        Movement {
            id: None,
            title: title.into(),
            from: from.map(String::from),
            to: to.into(),
            steps: Vec::new(),
        }
    }

    #[test]
    fn ideas_are_named_by_where_they_went() {
        let statuses = crate::model::config::DEFAULT_STATUSES.map(String::from);
        let movements = [
            moved("A", Some("building"), "shipped"),
            moved("B", Some("new"), "planned"),
            moved("C", Some("planned"), "exploring"),
            moved("D", Some("dropped"), "exploring"),
            moved("E", Some("new"), "dropped"),
            moved("F", None, "shipped"),
            moved("G", None, "new"),
            moved("H", Some("planned"), "planned"),
        ];
        assert_eq!(
            ideas_moved(&movements, &statuses).as_deref(),
            Some(
                "Shipped: A and F. Dropped: E. Moved forward: B (new → planned). \
                 Moved back: C (planned → exploring). Taken up again: D (dropped → exploring)."
            )
        );
        assert_eq!(ideas_moved(&movements[6..], &statuses), None);
    }

    #[test]
    fn lists_read_as_a_sentence() {
        let names = |n: usize| (1..=n).map(|i| format!("N{i}")).collect::<Vec<_>>();
        assert_eq!(listed(&names(1)), "N1");
        assert_eq!(listed(&names(2)), "N1 and N2");
        assert_eq!(listed(&names(3)), "N1, N2 and N3");
        assert_eq!(listed(&names(7)), "N1, N2, N3 and 4 more");
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(capitalized("shipped"), "Shipped");
    }
}
