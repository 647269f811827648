//! Reads what the tool needs from an entry's Markdown body. The only module
//! that uses pulldown-cmark.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The text of the body's first level-one heading (`# Title`), if any.
pub fn first_heading(body: &str) -> Option<String> {
    if let Some(title) = plain_first_heading(body) {
        return Some(title);
    }
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

/// The title of a body that opens with a plain `# Title` line, as most do,
/// without parsing the rest of it; `None` when the first line is anything
/// else, or holds what Markdown would read as markup.
fn plain_first_heading(body: &str) -> Option<String> {
    let line = body.lines().find(|l| !l.trim().is_empty())?;
    let text = line.strip_prefix("# ")?;
    if text.contains(['*', '_', '`', '[', ']', '<', '>', '&', '\\', '!', '~', '#']) {
        return None;
    }
    let title = text.trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// The body's block quotes (what customers said), outermost only, each as one
/// line of plain text: paragraphs joined by a space, Markdown markup dropped.
pub fn block_quotes(body: &str) -> Vec<String> {
    let mut quotes = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let quote = current.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !quote.is_empty() {
                        quotes.push(quote);
                    }
                    current.clear();
                }
            }
            Event::Text(text) | Event::Code(text) if depth > 0 => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) if depth > 0 => {
                current.push(' ')
            }
            _ => {}
        }
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_block_quotes_as_plain_lines() {
        let body = "# T\n\n> I love the *store locator*,\n> but not in here.\n\ntext\n\n> Two\n>\n> paragraphs\n\n```\n> not a quote\n```\n\n> Outer\n> > inner\n";
        assert_eq!(
            block_quotes(body),
            [
                "I love the store locator, but not in here.",
                "Two paragraphs",
                "Outer inner"
            ]
        );
        assert!(block_quotes("no quotes\n").is_empty());
        assert!(block_quotes(">\n").is_empty());
    }

    #[test]
    fn finds_the_first_level_one_heading() {
        assert_eq!(
            first_heading("intro\n\n## Sub\n\n# The *real* `title`\n\n# Second\n").as_deref(),
            Some("The real title")
        );
    }

    #[test]
    fn a_plain_first_line_heading_reads_as_the_parser_reads_it() {
        for body in [
            "# Tills at Store 12\n\ntext\n",
            "\n\n#  Spaced   out  \n",
            "# Ett pass i kassan på Cub Foods – hyllappen möter verkligheten\n",
            "# 東京の店舗\r\n\r\ntext",
        ] {
            let fast = plain_first_heading(body);
            assert!(fast.is_some(), "{body}");
            let mut parsed = Parser::new(body);
            parsed.find(|e| matches!(e, Event::Start(Tag::Heading { .. })));
            let mut text = String::new();
            for event in parsed {
                match event {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) => text.push_str(&t),
                    _ => {}
                }
            }
            assert_eq!(fast.as_deref(), Some(text.trim()), "{body}");
        }
        for markup in [
            "# The *real* title\n",
            "# Title #\n",
            "intro\n\n# Later\n",
            "#Title\n",
            "    # code\n",
        ] {
            assert_eq!(plain_first_heading(markup), None, "{markup}");
        }
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
