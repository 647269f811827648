//! Reads what the tool needs from an entry's Markdown body. The only module
//! that uses pulldown-cmark.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The text of the body's first level-one heading (`# Title`), if any.
pub fn first_heading(body: &str) -> Option<String> {
    let mut parser = Parser::new(body);
    // Stop at the first heading: the rest of the body is never parsed.
    parser.find(|event| {
        matches!(
            event,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    })?;
    let mut title = String::new();
    for event in parser {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(text) | Event::Code(text) => title.push_str(&text),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    let title = title.trim().to_string();
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_level_one_heading() {
        assert_eq!(
            first_heading("intro\n\n## Sub\n\n# The *real* `title`\n\n# Second\n").as_deref(),
            Some("The real title")
        );
    }

    #[test]
    fn ignores_headings_in_code_blocks() {
        assert_eq!(first_heading("```\n# not a title\n```\n"), None);
    }

    #[test]
    fn setext_headings_count() {
        assert_eq!(first_heading("Title\n=====\n").as_deref(), Some("Title"));
    }
}
