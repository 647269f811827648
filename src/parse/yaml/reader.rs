//! Builds a [`Node`] tree from the YAML parser's events.
//!
//! Building the tree ourselves, rather than taking the library's typed value,
//! lets the journal keep every scalar exactly as written (`title: 2.0` is the
//! text `2.0`, tag `1.10` is not `1.1`), apply merge keys (`<<: *defaults`)
//! as PyYAML and ruamel.yaml do, point at a repeated key's own line, and
//! bound what a hostile document can cost: nesting depth and the nodes that
//! aliases expand to.

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::borrow::Cow;
use std::collections::HashMap;

use super::tree::{YamlError, explain};

/// The reader's trees own their text.
type Node = super::tree::Node<'static>;

/// Deeper than any front matter needs (an idea's tags are four levels down).
const MAX_DEPTH: usize = 64;
/// Nodes that aliases may add by expansion: generous for `<<: *defaults`,
/// far below what a "billion laughs" document asks for.
const MAX_EXPANDED: usize = 100_000;

/// Parses the first YAML document of `text`. An empty document is `Node::Null`.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let error = scan_error(e.marker().line(), e.marker().col(), e.info());
            at_the_tab(error, text)
        })?;
        if builder.event(event, span)? {
            break;
        }
    }
    Ok(builder.root.unwrap_or(Node::Null))
}

/// A collection being read, with what is known of it so far.
enum Frame {
    Seq {
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        anchor: usize,
        pairs: Vec<(Cow<'static, str>, Node)>,
        /// The key read, waiting for its value; `<<` when it is a merge key.
        key: Option<(Cow<'static, str>, Span)>,
        /// Mappings to merge in, in order of precedence.
        merges: Vec<Node>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    expanded: usize,
    root: Option<Node>,
    started: bool,
}

impl Builder {
    /// Takes one event; `true` once the first document is complete.
    fn event(&mut self, event: Event, span: Span) -> Result<bool, YamlError> {
        match event {
            Event::DocumentStart(_) if self.started => return Ok(true),
            Event::DocumentStart(_) => self.started = true,
            Event::DocumentEnd | Event::StreamEnd => return Ok(self.started),
            Event::Scalar(text, style, anchor, tag) => {
                let tagged = tag.is_some_and(|t| !(t.handle == "!!" && t.suffix == "null"));
                let node = scalar(&text, style, tagged);
                self.add(node, anchor, span)?;
            }
            Event::SequenceStart(anchor, _) => self.open(
                Frame::Seq {
                    anchor,
                    items: Vec::new(),
                },
                span,
            )?,
            Event::MappingStart(anchor, _) => self.open(
                Frame::Map {
                    anchor,
                    pairs: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                },
                span,
            )?,
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { anchor, items }) => (Node::Seq(items), anchor),
                    Some(Frame::Map {
                        anchor,
                        pairs,
                        merges,
                        ..
                    }) => (merged(pairs, merges), anchor),
                    None => return Ok(false),
                };
                self.add(node, anchor, span)?;
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned().unwrap_or(Node::Null);
                self.expanded += node.size();
                if self.expanded > MAX_EXPANDED {
                    return Err(scan_error(
                        span.start.line(),
                        span.start.col(),
                        "repetition limit exceeded",
                    ));
                }
                self.add(node, 0, span)?;
            }
            Event::Nothing | Event::StreamStart => {}
        }
        Ok(false)
    }

    fn open(&mut self, frame: Frame, span: Span) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(scan_error(
                span.start.line(),
                span.start.col(),
                "recursion limit exceeded",
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Places a finished node in the collection being read, or as the root.
    fn add(&mut self, node: Node, anchor: usize, span: Span) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                pairs, key, merges, ..
            }) => match key.take() {
                None => {
                    let text = key_text(&node);
                    if text != "<<" && pairs.iter().any(|(k, _)| *k == text) {
                        return Err(YamlError {
                            line: span.start.line().max(1),
                            column: span.start.col() + 1,
                            message: format!("`{text}` is given twice"),
                            hint: "keep one of them; a key may appear once",
                        });
                    }
                    *key = Some((text, span));
                }
                Some((name, _)) if name == "<<" => merges.push(node),
                Some((name, _)) => pairs.push((name, node)),
            },
        }
        Ok(())
    }
}

/// A scalar as the journal reads it: the plain null forms are nothing, and
/// everything else is its text, as written. Numbers are read from that text
/// where a number is expected, by one rule (see `values`).
fn scalar(text: &str, style: ScalarStyle, tagged: bool) -> Node {
    let plain = style == ScalarStyle::Plain && !tagged;
    if plain && matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        Node::Null
    } else {
        Node::Str(Cow::Owned(text.to_string()))
    }
}

fn key_text(node: &Node) -> Cow<'static, str> {
    match node {
        Node::Null => Cow::Borrowed("null"),
        Node::Str(text) => text.clone(),
        other => Cow::Owned(format!("<{}>", other.type_name())),
    }
}

/// A mapping with its merge keys applied: keys it does not give itself come
/// from the merged mappings, earlier ones first (a list of them is in order
/// of precedence, as YAML's merge key type says).
fn merged(mut pairs: Vec<(Cow<'static, str>, Node)>, merges: Vec<Node>) -> Node {
    let sources = merges.into_iter().flat_map(|node| match node {
        Node::Seq(items) => items,
        other => vec![other],
    });
    for source in sources {
        if let Node::Map(more) = source {
            for (key, value) in more {
                if !pairs.iter().any(|(k, _)| *k == key) {
                    pairs.push((key, value));
                }
            }
        }
    }
    Node::Map(pairs)
}

/// A tab error where the tab is: the parser finds it when it reads the
/// token after it, and reports the end of the one before, a line early.
fn at_the_tab(mut error: YamlError, text: &str) -> YamlError {
    if !error
        .message
        .starts_with("a tab where YAML allows only spaces")
    {
        return error;
    }
    let indented_by_tab =
        |(_, line): &(usize, &str)| line.trim_start_matches(' ').starts_with('\t');
    let tabbed = text
        .lines()
        .enumerate()
        .skip(error.line - 1)
        .find(indented_by_tab);
    if let Some((index, line)) = tabbed {
        error.line = index + 1;
        error.column = line.find('\t').map_or(1, |at| at + 1);
    }
    error
}

/// The parser's error at its 1-based line and column, in words that say what to do.
fn scan_error(line: usize, column: usize, info: &str) -> YamlError {
    let mut error = YamlError {
        line: line.max(1),
        column: column + 1,
        message: info.to_string(),
        hint: "fix the YAML syntax; quote values that contain `: ` or start with `#`",
    };
    explain(&mut error);
    error
}
