//! `--idea` as a person types it: a title, with an id in brackets before it,
//! a status in parentheses after it and an owner after an `@` when they are
//! wanted, the way an idea reads in a sentence:
//! `[aisle-finder] Aisle finder in the app (exploring) @Wayne Shurts`.

use crate::model::suggest::did_you_mean;

/// One `--idea`, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedIdea {
    pub id: Option<String>,
    /// Empty when only an id was given: the title then comes from the journal.
    pub title: String,
    pub status: Option<String>,
    /// Who carries it, written after an ` @`.
    pub owner: Option<String>,
}

/// Reads `TITLE`, `[ID] TITLE`, `TITLE (STATUS)`, `[ID] TITLE (STATUS)` or
/// `[ID] (STATUS)`. `statuses` are the journal's: a last word in parentheses
/// that is not one of them stays in the title (`Queue display (phase 2)`),
/// unless it looks like a misspelt status, which is an error.
pub fn parse(text: &str, statuses: &[String]) -> Result<TypedIdea, String> {
    let text = text.trim();
    let (text, owner) = split_owner(text)?;
    let (id, rest) = match text.strip_prefix('[') {
        Some(after) => {
            let (id, rest) = after
                .split_once(']')
                .ok_or_else(|| format!("`{text}`: the id in brackets has no `]`"))?;
            let id = id.trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(format!(
                    "`{text}`: an idea's id is one word, such as [aisle-finder]"
                ));
            }
            (Some(id.to_string()), rest.trim())
        }
        None => (None, text),
    };
    let (title, status) = split_status(rest, statuses)?;
    if title.is_empty() && id.is_none() {
        return Err(format!("`{text}`: the idea has no title"));
    }
    Ok(TypedIdea {
        id,
        title: title.to_string(),
        status,
        owner,
    })
}

/// `Title @Owner Name` → (`Title`, `Owner Name`): the owner is what follows
/// the last ` @`; an `@` inside a word (`support@cub.com`) is the title's.
fn split_owner(text: &str) -> Result<(&str, Option<String>), String> {
    let at = text
        .rfind(" @")
        .map(|at| at + 1)
        .or(text.starts_with('@').then_some(0));
    let Some(at) = at else {
        return Ok((text, None));
    };
    let owner = text[at + 1..].trim();
    if owner.is_empty() {
        return Err(format!(
            "`{text}`: name the owner after the `@`, such as `@Ann Berg`"
        ));
    }
    Ok((text[..at].trim_end(), Some(owner.to_string())))
}

/// `Title (status)` → (`Title`, the journal's spelling of `status`).
fn split_status<'a>(
    text: &'a str,
    statuses: &[String],
) -> Result<(&'a str, Option<String>), String> {
    let Some(open) = text.strip_suffix(')').and_then(|t| t.rfind('(')) else {
        return Ok((text, None));
    };
    let word = text[open + 1..text.len() - 1].trim();
    let title = text[..open].trim_end();
    if let Some(status) = statuses.iter().find(|s| s.eq_ignore_ascii_case(word)) {
        return Ok((title, Some(status.clone())));
    }
    let one_word = !word.is_empty() && !word.contains(char::is_whitespace);
    match did_you_mean(word, statuses).filter(|_| one_word) {
        Some(near) => Err(format!(
            "`({word})` is not a status of this journal; did you mean `({near})`? The statuses are {}",
            statuses.join(", ")
        )),
        None => Ok((text, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses() -> Vec<String> {
        crate::model::config::DEFAULT_STATUSES
            .map(String::from)
            .to_vec()
    }

    fn idea(id: Option<&str>, title: &str, status: Option<&str>) -> TypedIdea {
        TypedIdea {
            id: id.map(String::from),
            title: title.into(),
            status: status.map(String::from),
            owner: None,
        }
    }

    #[test]
    fn an_owner_follows_an_at() {
        let read = |text: &str| parse(text, &statuses()).unwrap();
        assert_eq!(
            read("[aisle] Aisle finder (planned) @Wayne Shurts"),
            TypedIdea {
                owner: Some("Wayne Shurts".into()),
                ..idea(Some("aisle"), "Aisle finder", Some("planned"))
            }
        );
        assert_eq!(
            read("[aisle] @Ann"),
            TypedIdea {
                owner: Some("Ann".into()),
                ..idea(Some("aisle"), "", None)
            }
        );
        assert_eq!(
            read("Mail support@cub.com back"),
            idea(None, "Mail support@cub.com back", None)
        );
        assert!(parse("Aisle finder @", &statuses()).is_err());
    }

    #[test]
    fn reads_every_form() {
        let read = |text: &str| parse(text, &statuses()).unwrap();
        assert_eq!(
            read("Aisle finder: v2"),
            idea(None, "Aisle finder: v2", None)
        );
        assert_eq!(
            read("[aisle-finder] Aisle finder"),
            idea(Some("aisle-finder"), "Aisle finder", None)
        );
        assert_eq!(
            read("Aisle finder (Exploring)"),
            idea(None, "Aisle finder", Some("exploring"))
        );
        assert_eq!(
            read(" [ aisle ]  Aisle finder  (planned) "),
            idea(Some("aisle"), "Aisle finder", Some("planned"))
        );
        assert_eq!(
            read("[aisle] (building)"),
            idea(Some("aisle"), "", Some("building"))
        );
        // Parentheses that hold no status belong to the title.
        assert_eq!(
            read("Queue display (phase 2)"),
            idea(None, "Queue display (phase 2)", None)
        );
        assert_eq!(
            read("Self-scan (again)"),
            idea(None, "Self-scan (again)", None)
        );
    }

    #[test]
    fn mistakes_are_explained() {
        let error = |text: &str| parse(text, &statuses()).unwrap_err();
        assert_eq!(
            error("Aisle finder (exploing)"),
            "`(exploing)` is not a status of this journal; did you mean `(exploring)`? \
             The statuses are new, exploring, planned, building, shipped, dropped"
        );
        assert_eq!(
            error("[two words] Title"),
            "`[two words] Title`: an idea's id is one word, such as [aisle-finder]"
        );
        assert_eq!(
            error("[aisle Title"),
            "`[aisle Title`: the id in brackets has no `]`"
        );
        assert_eq!(error("(new)"), "`(new)`: the idea has no title");
    }
}
