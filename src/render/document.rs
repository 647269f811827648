//! A page of sections (tables, notes, quotes, fields), drawn for a terminal or
//! as Markdown. The report and an idea's story are both such pages, so the
//! two formats never disagree about what a page says.

use super::table::{Table, markdown_table, wrap};
use super::text::text_table;

pub enum Block {
    Table(Table),
    /// Customer quotes, each with who said it where and when.
    Quotes(Vec<Quoted>),
    Note(String),
    /// Name and value pairs, aligned: `status     building`.
    Fields(Vec<(String, String)>),
    /// Lines shown as they are: a fenced block in Markdown.
    Code(Vec<String>),
}

pub struct Quoted {
    pub text: String,
    /// `2026-07-05, Store A`.
    pub source: String,
}

pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Section {
    pub fn new(title: impl Into<String>, blocks: Vec<Block>) -> Section {
        Section {
            title: title.into(),
            blocks,
        }
    }
}

pub struct Document {
    pub title: String,
    /// Blocks under the title, before the first section.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
}

/// Text from the journal, with control characters shown as escapes: a
/// title or a quote must never move a terminal's cursor.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    super::escape_controls(text, false)
}

pub fn markdown(doc: &Document) -> String {
    let mut out = format!("# {}\n", shown(&doc.title));
    for block in &doc.intro {
        out.push('\n');
        out.push_str(&markdown_block(block));
    }
    for section in &doc.sections {
        out.push_str(&format!("\n## {}\n", section.title));
        for block in &section.blocks {
            out.push('\n');
            out.push_str(&markdown_block(block));
        }
    }
    out
}

fn markdown_block(block: &Block) -> String {
    match block {
        Block::Table(table) => markdown_table(table),
        Block::Note(text) => format!("{}\n", shown(text)),
        Block::Quotes(quotes) => {
            let quoted: Vec<String> = quotes
                .iter()
                .map(|q| format!("> {}\n>\n> — {}\n", shown(&q.text), shown(&q.source)))
                .collect();
            quoted.join("\n")
        }
        Block::Fields(fields) => fields
            .iter()
            .map(|(name, value)| format!("- **{name}**: {}\n", shown(value)))
            .collect(),
        Block::Code(lines) => {
            // A fence longer than any run of backticks inside, so nothing escapes it.
            let longest = lines
                .iter()
                .map(|l| longest_backtick_run(l))
                .max()
                .unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let lines: Vec<_> = lines.iter().map(|l| shown(l)).collect();
            format!("{fence}\n{}\n{fence}\n", lines.join("\n"))
        }
    }
}

fn longest_backtick_run(line: &str) -> usize {
    line.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// For a terminal (`width` when stdout is one) or a plain-text file.
pub fn text(doc: &Document, width: Option<u16>, color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = format!("{}\n", bold(&shown(&doc.title)));
    for block in &doc.intro {
        out.push_str(&text_block(block, width, color));
    }
    for section in &doc.sections {
        out.push_str(&format!("\n{}\n", bold(&section.title)));
        for block in &section.blocks {
            out.push_str(&text_block(block, width, color));
        }
    }
    out
}

fn text_block(block: &Block, width: Option<u16>, color: bool) -> String {
    match block {
        Block::Table(table) => text_table(table, width, color),
        Block::Note(text) => format!("{}\n", wrap(&shown(text), width)),
        Block::Quotes(quotes) => quotes
            .iter()
            .map(|q| {
                format!(
                    "{}\n    — {}\n",
                    wrap(&format!("“{}”", shown(&q.text)), width),
                    shown(&q.source)
                )
            })
            .collect(),
        Block::Code(lines) => lines.iter().map(|l| format!("{}\n", shown(l))).collect(),
        Block::Fields(fields) => {
            let name_width = fields
                .iter()
                .map(|(n, _)| n.chars().count())
                .max()
                .unwrap_or(0);
            fields
                .iter()
                .map(|(name, value)| format!("{name:<name_width$}  {}\n", shown(value)))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::table::Column;

    fn doc() -> Document {
        let mut table = Table::new(vec![Column::left("a", "A"), Column::right("n", "N")]);
        table.push(vec!["x".into(), "1".into()]);
        Document {
            title: "Title".into(),
            intro: vec![Block::Fields(vec![
                ("id".into(), "f".into()),
                ("status".into(), "new".into()),
            ])],
            sections: vec![
                Section::new("Numbers", vec![Block::Table(table)]),
                Section::new(
                    "Said",
                    vec![Block::Quotes(vec![Quoted {
                        text: "Hi".into(),
                        source: "2026-01-01, Store".into(),
                    }])],
                ),
            ],
        }
    }

    #[test]
    fn draws_the_same_page_in_both_formats() {
        assert_eq!(
            markdown(&doc()),
            "# Title\n\n- **id**: f\n- **status**: new\n\n## Numbers\n\n| A | N |\n| --- | ---: |\n| x | 1 |\n\n## Said\n\n> Hi\n>\n> — 2026-01-01, Store\n"
        );
        assert_eq!(
            text(&doc(), None, false),
            "Title\nid      f\nstatus  new\n\nNumbers\nA  N\n-- --\nx  1\n\nSaid\n“Hi”\n    — 2026-01-01, Store\n"
        );
    }
}
