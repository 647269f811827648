//! Any text as a front matter: the YAML reader's fast path, whenever it
//! answers, must give exactly the tree (or the error) the full reader gives;
//! the splitter and the entry parser must give an answer or a diagnostic,
//! never panic or hang.
//!
//! `insight::parse::yaml::parse` tries the fast path and falls back to the
//! full reader, so the two are compared through `parse_fast` and
//! `parse_full`, which expose each alone.
#![no_main]

use insight::model::config::Config;
use insight::parse::frontmatter;
use insight::parse::yaml;
use libfuzzer_sys::fuzz_target;

/// The fast path agrees with the full reader on `yaml`, if it answers.
fn agree(yaml: &str) {
    if let Some(fast) = yaml::parse_fast(yaml) {
        assert_eq!(
            Ok(fast),
            yaml::parse_full(yaml),
            "the fast path and the reader disagree on:\n{yaml}"
        );
    }
}

fuzz_target!(|bytes: &[u8]| {
    // The text as a front matter on its own, as `yaml::parse` is given it.
    if let Ok(text) = std::str::from_utf8(bytes) {
        agree(text);
    }
    // The same bytes as an entry file: decoded, split, and its front matter
    // read by both paths; then parsed as `insight` parses an entry.
    let Ok(text) = insight::read::files::decode_slice(bytes) else {
        return;
    };
    let unmarked = frontmatter::strip_bom(text);
    if let Ok(split) = frontmatter::split(unmarked) {
        let (start, end) = (split.yaml_offset, split.yaml_offset + split.yaml.len());
        assert_eq!(
            unmarked.get(start..end),
            Some(split.yaml),
            "the YAML is not where it says"
        );
        assert!(unmarked.starts_with("---"));
        assert!(unmarked.ends_with(split.body));
        let closing = &unmarked[end..unmarked.len() - split.body.len()];
        let closing = closing.trim_end_matches([' ', '\t', '\r', '\n']);
        assert!(
            closing == "---" || closing == "...",
            "closed by {closing:?}"
        );
        assert!(split.yaml_line < split.body_line);
        assert_eq!(frontmatter::body(text), split.body);
        agree(split.yaml);
        if let Ok(entry) = insight::model::entry::parse("fuzz.md", text, &Config::default()) {
            assert_eq!(
                entry.body, split.body,
                "the entry's body is not the split's"
            );
        }
    } else {
        assert_eq!(frontmatter::body(text), "");
        let _ = insight::model::entry::parse("fuzz.md", text, &Config::default());
    }
});
