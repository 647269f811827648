//! The warnings about a journal's `insight.yaml`.

use std::collections::{HashMap, HashSet};

use super::entry::warning;
use crate::model::config::Config;
use crate::model::diagnostic::Diagnostic;
use crate::model::suggest::did_you_mean;
use crate::model::text::Seeded;
use crate::parse::frontmatter;
use crate::parse::yaml::{self};

/// Problems in `insight.yaml` that parse fine but are probably mistakes.
pub fn config_warnings(path: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    const SETTINGS: [&str; 15] = [
        "include",
        "private_keys",
        "label",
        "shared_ids",
        "extra_keys",
        "me",
        "name",
        "entries",
        "templates",
        "kinds",
        "statuses",
        "fiscal_year_start",
        "tags",
        "people",
        "targets",
    ];
    let text = frontmatter::strip_bom(text);
    let mut found = Vec::new();
    let key_lines: HashMap<&str, usize, Seeded> = yaml::first_key_lines(text);
    let line = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    if let Ok(yaml::Node::Map(pairs)) = yaml::parse(text) {
        // A list written as one text with commas is a list of one.
        for (key, value) in &pairs {
            let listed = [
                "kinds",
                "statuses",
                "tags",
                "extra_keys",
                "include",
                "shared_ids",
                "private_keys",
            ];
            if let (true, yaml::Node::Str(text)) = (listed.contains(&&**key), value)
                && text.contains(',')
            {
                let items: Vec<&str> = text
                    .split(',')
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                    .collect();
                found.push(warning(
                    path,
                    line(key),
                    1,
                    "comma-in-text",
                    format!("`{key}: {text}` is one item, not a list"),
                    Some(format!(
                        "for several, write a list: `{key}: [{}]`",
                        items.join(", ")
                    )),
                ));
            }
        }
        let known: Vec<String> = SETTINGS.map(String::from).to_vec();
        for (key, _) in pairs.iter().filter(|(k, _)| !SETTINGS.contains(&&**k)) {
            let hint = did_you_mean(key, &known).map(|k| format!("did you mean `{k}`?"));
            found.push(warning(
                path,
                line(key),
                1,
                "unknown-setting",
                format!("unknown setting `{key}`"),
                hint,
            ));
        }
    }
    for (key, list) in [("kinds", &config.kinds), ("statuses", &config.statuses)] {
        let mut seen = HashSet::new();
        for item in list {
            if !seen.insert(item.to_lowercase()) {
                let message = format!("`{item}` is listed twice in `{key}`");
                found.push(warning(
                    path,
                    line(key),
                    1,
                    "duplicate-setting",
                    message,
                    Some("remove one".into()),
                ));
            }
        }
    }
    let groups: HashSet<&str> = config
        .people
        .iter()
        .filter_map(|p| p.group.as_deref())
        .collect();
    for target in config
        .targets
        .iter()
        .filter(|t| !groups.contains(t.group.as_str()))
    {
        let message = format!(
            "there is a target for group `{}`, but nobody in `people` is in it",
            target.group
        );
        let hint = Some(format!(
            "give someone `group: {}`, or check the group's spelling",
            target.group
        ));
        found.push(warning(
            path,
            line("targets"),
            1,
            "empty-group",
            message,
            hint,
        ));
    }
    found
}
