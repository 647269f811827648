//! Reads what the tool needs from an entry's Markdown body. The only module
//! that uses pulldown-cmark.
//!
//! pulldown-cmark builds the block structure of all the text it is given
//! before it reports any of it, at some tens of bytes for each block, quote
//! or list it opens. So that memory stays in proportion to the body (and
//! small), a body is given to it in pieces of about [`PIECE_BYTES`], cut only
//! where a new top-level block starts, and a line that opens more than
//! [`MAX_NESTING`] quotes or lists at once is read as opening that many.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Bodies longer than this are read in pieces of about this size. Every real
/// visit note is far shorter, and is read whole.
pub const PIECE_BYTES: usize = 64 * 1024;

/// Quotes and lists opened on one line beyond this depth (`> > > …`) are
/// read as text of the deepest one.
pub const MAX_NESTING: usize = 32;

/// The text of the body's first level-one heading (`# Title`), if any.
pub fn first_heading(body: &str) -> Option<String> {
    if let Some(title) = plain_first_heading(body) {
        return Some(title);
    }
    pieces(body, PIECE_BYTES).find_map(|piece| heading_in(&piece))
}

fn heading_in(piece: &str) -> Option<String> {
    let mut parser = Parser::new(piece);
    // Stop at the first heading: the rest is never looked at.
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
    block_quotes_in_pieces(body, PIECE_BYTES)
}

fn block_quotes_in_pieces(body: &str, piece_bytes: usize) -> Vec<String> {
    let mut quotes = Vec::new();
    for piece in pieces(body, piece_bytes) {
        quotes_in(&piece, &mut quotes);
    }
    quotes
}

fn quotes_in(piece: &str, quotes: &mut Vec<String>) {
    let mut depth = 0usize;
    let mut current = String::new();
    for event in Parser::new(piece) {
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
}

/// The body as HTML, as CommonMark (with tables and strikethrough) draws it,
/// for a page that shows it: raw HTML in the body is passed on as written,
/// for the page to clean. An image becomes a link to it (its text the
/// image's), so that a page that shows the body fetches nothing. The first
/// level-one heading is left out when its text is `title`: the page shows
/// the title already.
pub fn html(body: &str, title: Option<&str>) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    let mut title = title;
    for piece in pieces(body, PIECE_BYTES) {
        let events = Parser::new_ext(
            &piece,
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        )
        .map(image_as_link);
        match title.take() {
            Some(title) => {
                pulldown_cmark::html::push_html(&mut out, WithoutTitle::new(events, title))
            }
            None => pulldown_cmark::html::push_html(&mut out, events),
        }
    }
    out
}

fn image_as_link(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    }
}

/// Events without the first level-one heading, when its text is the title.
struct WithoutTitle<'t, I> {
    events: I,
    title: &'t str,
    /// Events read ahead while a first heading was weighed, to give back.
    held: std::collections::VecDeque<Event<'t>>,
    weighed: bool,
}

impl<'t, I: Iterator<Item = Event<'t>>> WithoutTitle<'t, I> {
    fn new(events: I, title: &'t str) -> Self {
        WithoutTitle {
            events,
            title,
            held: Default::default(),
            weighed: false,
        }
    }

    /// Reads the heading that `start` opens; keeps it to give back unless
    /// its text is the title.
    fn weigh(&mut self, start: Event<'t>) {
        let mut heading = vec![start];
        let mut text = String::new();
        for event in self.events.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            heading.push(event);
            if end {
                break;
            }
        }
        if text.trim() != self.title.trim() {
            self.held.extend(heading);
        }
    }
}

impl<'t, I: Iterator<Item = Event<'t>>> Iterator for WithoutTitle<'t, I> {
    type Item = Event<'t>;

    fn next(&mut self) -> Option<Event<'t>> {
        if let Some(held) = self.held.pop_front() {
            return Some(held);
        }
        let event = self.events.next()?;
        let opens_h1 = matches!(
            event,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        );
        if self.weighed || !opens_h1 {
            return Some(event);
        }
        self.weighed = true;
        self.weigh(event);
        self.next()
    }
}

/// The body in pieces of about `piece_bytes`, each ending just before a line
/// that starts a new top-level block (an unindented line after a blank one,
/// outside fenced code and HTML blocks), with nesting held to
/// [`MAX_NESTING`]. A short body is one piece, itself.
fn pieces(body: &str, piece_bytes: usize) -> impl Iterator<Item = Cow<'_, str>> {
    let mut blocks = Blocks::default();
    let (mut start, mut at) = (0, 0);
    // Whether the piece so far has a line nested too deeply.
    let mut deep = false;
    let mut lines = body.split_inclusive('\n');
    std::iter::from_fn(move || {
        for line in lines.by_ref() {
            let line_start = at;
            at += line.len();
            let cut = line_start - start >= piece_bytes && blocks.top_level_starts(line);
            let piece = cut.then(|| shallow(&body[start..line_start], deep));
            if cut {
                (start, deep) = (line_start, false);
            }
            blocks.read(line);
            deep |= nesting(line) > MAX_NESTING;
            if piece.is_some() {
                return piece;
            }
        }
        let rest = (start < body.len()).then(|| shallow(&body[start..], deep));
        start = body.len();
        rest
    })
}

/// Where a body's lines stand: in fenced code, in an HTML block that blank
/// lines do not end, or after a blank line.
#[derive(Default)]
struct Blocks {
    /// The fence's character and length.
    fence: Option<(char, usize)>,
    /// The text that ends the HTML block.
    html_end: Option<&'static str>,
    after_blank: bool,
}

impl Blocks {
    /// Whether `line`, about to be read, starts a top-level block after the
    /// lines read so far: nothing before it carries on into it.
    fn top_level_starts(&self, line: &str) -> bool {
        self.after_blank
            && self.fence.is_none()
            && self.html_end.is_none()
            && line.starts_with(|c: char| !c.is_whitespace())
    }

    fn read(&mut self, line: &str) {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        if let Some((c, length)) = self.fence {
            let closing = rest.chars().take_while(|&x| x == c).count();
            if indent < 4 && closing >= length && rest[closing * c.len_utf8()..].trim().is_empty() {
                self.fence = None;
            }
        } else if let Some(end) = self.html_end {
            if content.to_ascii_lowercase().contains(end) {
                self.html_end = None;
            }
        } else if indent < 4 {
            self.fence = fence_opened(rest);
            self.html_end = html_block_end(rest).filter(|end| {
                // A block that ends on the line it starts on is over.
                !rest[1..].to_ascii_lowercase().contains(end)
            });
        }
        self.after_blank = content.trim().is_empty();
    }
}

/// ```` ``` ```` or `~~~` (or longer) opening fenced code.
fn fence_opened(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = rest.chars().take_while(|&x| x == c).count();
    let info = &rest[length..];
    (length >= 3 && !(c == '`' && info.contains('`'))).then_some((c, length))
}

/// The end marker of an HTML block that blank lines do not end (CommonMark's
/// kinds 1 to 5), when `rest` starts one.
fn html_block_end(rest: &str) -> Option<&'static str> {
    let head: Vec<u8> = rest
        .bytes()
        .take(12)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let after_tag = |tag: &[u8]| {
        head.strip_prefix(b"<")
            .and_then(|h| h.strip_prefix(tag))
            .is_some_and(|after| after.is_empty() || matches!(after[0], b' ' | b'>' | b'\t'))
    };
    let ends: [(&[u8], &str); 4] = [
        (b"script", "</script>"),
        (b"pre", "</pre>"),
        (b"style", "</style>"),
        (b"textarea", "</textarea>"),
    ];
    if let Some((_, end)) = ends.iter().find(|(tag, _)| after_tag(tag)) {
        return Some(end);
    }
    if head.starts_with(b"<!--") {
        Some("-->")
    } else if head.starts_with(b"<?") {
        Some("?>")
    } else if head.starts_with(b"<![cdata[") {
        Some("]]>")
    } else if head.starts_with(b"<!") && head.get(2).is_some_and(u8::is_ascii_alphabetic) {
        Some(">")
    } else {
        None
    }
}

/// How many quotes and lists `line` opens or continues at its start: `>` and
/// list markers (`-`, `+`, `*`, `1.`, `1)` followed by a space), counted up to
/// one past [`MAX_NESTING`].
fn nesting(line: &str) -> usize {
    container_prefix(line, MAX_NESTING + 1).0
}

/// The number of container markers at the start of `line` (at most `limit`),
/// and the byte just past the last of them. Written as plain loops: lines of
/// millions of `>` pass through here.
fn container_prefix(line: &str, limit: usize) -> (usize, usize) {
    let bytes = line.as_bytes();
    let (mut count, mut end) = (0, 0);
    while count < limit {
        let mut marker = end;
        while marker < bytes.len() && marker < end + 3 && bytes[marker] == b' ' {
            marker += 1;
        }
        let mut after = marker + 1;
        match bytes.get(marker) {
            Some(b'>' | b'-' | b'+' | b'*') => {}
            Some(b'0'..=b'9') => {
                after = marker;
                while after < bytes.len() && after < marker + 9 && bytes[after].is_ascii_digit() {
                    after += 1;
                }
                if !matches!(bytes.get(after), Some(b'.' | b')')) {
                    break;
                }
                after += 1;
            }
            _ => break,
        }
        let spaced = matches!(bytes.get(after), Some(b' ' | b'\t'));
        if bytes[marker] != b'>' && !spaced {
            break;
        }
        count += 1;
        end = after + usize::from(spaced);
    }
    (count, end)
}

/// `piece` with every line that opens more than [`MAX_NESTING`] quotes or
/// lists cut down to that many, the rest of the line kept as its text.
fn shallow(piece: &str, deep: bool) -> Cow<'_, str> {
    if !deep {
        return Cow::Borrowed(piece);
    }
    let mut out = String::with_capacity(piece.len());
    for line in piece.split_inclusive('\n') {
        let (count, kept) = container_prefix(line, MAX_NESTING);
        if count == MAX_NESTING && nesting(line) > MAX_NESTING {
            let (_, dropped) = container_prefix(line, usize::MAX);
            out.push_str(&line[..kept]);
            out.push_str(line[dropped..].trim_start());
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
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
    fn a_line_nested_thousands_deep_is_read_as_nested_a_few_deep() {
        let body = format!(
            "# T\n\n{}deep\n\n{}x\n",
            "> ".repeat(10_000),
            ">".repeat(50_000)
        );
        assert_eq!(block_quotes(&body), ["deep", "x"]);
        assert_eq!(nesting(&"- ".repeat(100)), MAX_NESTING + 1);
        assert_eq!(
            shallow(&format!("{}text\n", "> ".repeat(40)), true),
            format!("{}text\n", "> ".repeat(MAX_NESTING))
        );
        assert_eq!(shallow("- - x\n", true), "- - x\n");
    }

    #[test]
    fn pieces_end_only_where_a_top_level_block_starts() {
        let body = "> a\n> b\n\nc\n```\nx\n\ny\n```\n\n- i\n\n  j\n\n<!--\n\nz\n-->\n\nend\n";
        let cut: Vec<String> = pieces(body, 1).map(String::from).collect();
        assert_eq!(
            cut,
            [
                "> a\n> b\n\n",
                "c\n```\nx\n\ny\n```\n\n",
                "- i\n\n  j\n\n",
                "<!--\n\nz\n-->\n\n",
                "end\n"
            ]
        );
        assert_eq!(pieces("", 1).count(), 0);
    }

    /// A block of a body, as people write them; `>` lines in code and
    /// comments are not quotes.
    fn block() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::prop_oneof![
            "> [a-z]{1,5}( [a-z]{1,5}){0,3}(\n> [a-z]{1,5}){0,2}",
            "[a-z]{1,8}( [a-z]{1,5}){0,4}",
            "# [A-Z][a-z]{0,6}",
            "[A-Z][a-z]{0,6}\n===",
            "```\n> not( [a-z]{1,3})?\n\n> still not\n```",
            "~~~~\n```\n\n> no\n~~~~",
            "<!--\n> hidden\n\n> hidden\n-->",
            "<pre>\n\n> no\n</pre>",
            "- [a-z]{1,5}\n\n  > in item",
            "    > indented code",
            "> quote\nlazy [a-z]{1,4}",
            "> > nested\n>\n> outer",
            "---",
        ]
    }

    proptest::proptest! {
        /// Cut anywhere it may be cut, a body reads as it reads whole.
        #[test]
        fn pieces_read_as_the_whole(
            blocks in proptest::collection::vec(block(), 0..12),
            piece_bytes in 1usize..40,
            crlf in proptest::bool::ANY,
        ) {
            let body = blocks.join("\n\n") + "\n";
            let body = if crlf { body.replace('\n', "\r\n") } else { body };
            let whole = block_quotes_in_pieces(&body, usize::MAX);
            proptest::prop_assert_eq!(block_quotes_in_pieces(&body, piece_bytes), whole);
            let heading = pieces(&body, piece_bytes).find_map(|p| heading_in(&p));
            proptest::prop_assert_eq!(heading, heading_in(&body));
        }
    }

    #[test]
    fn setext_headings_count() {
        assert_eq!(first_heading("Title\n=====\n").as_deref(), Some("Title"));
    }
}
