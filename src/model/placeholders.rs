//! The placeholders `insight new` fills in a template's body, with what
//! each becomes: one list for `new`, its warnings and the editor's
//! completion.

/// Each placeholder as written in a template, and what `new` puts there.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    (
        "{{title}}",
        "the entry's title, from --title (else the site)",
    ),
    ("{{site}}", "the site, from --site"),
    ("{{date}}", "the visit's date"),
    (
        "{{quotes}}",
        "the quotes given with --quote, as block quotes",
    ),
];

/// Whether `written` is one of the placeholders.
pub fn is_placeholder(written: &str) -> bool {
    PLACEHOLDERS.iter().any(|(name, _)| *name == written)
}

/// The placeholders' names, for a hint: `{{title}}, {{site}}, …`.
pub fn names() -> impl Iterator<Item = &'static str> {
    PLACEHOLDERS.iter().map(|(name, _)| *name)
}
