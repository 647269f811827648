//! An entry's body as HTML for its page: Markdown drawn by pulldown-cmark
//! (in `parse::markdown`), then cleaned by ammonia, the only module that
//! uses it. A body is the writer's own text, and raw HTML is part of
//! Markdown: what a browser would run or fetch (a script, an event handler,
//! a `javascript:` link, an image from elsewhere) is taken out, what reads
//! as text stays.

use std::sync::LazyLock;

use crate::parse::markdown;

/// The cleaner, made once: it is the same for every body.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut cleaner = ammonia::Builder::default();
    cleaner
        // The page fetches nothing: an image would be a fetch (Markdown's
        // images are links already, see `markdown::html`).
        .rm_tags(["img"])
        // A relative link leads to a file of the journal, which the site
        // does not publish: the link goes, its text stays.
        .url_relative(ammonia::UrlRelative::Deny)
        // Links out of the site tell the other site nothing of this one.
        .link_rel(Some("noopener noreferrer"));
    cleaner
});

/// The body as clean HTML, without its first heading when that is `title`.
pub fn html(body: &str, title: &str) -> String {
    let drawn = markdown::html(body, Some(title));
    CLEANER.clean(&drawn).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_drawn_and_the_title_left_out() {
        assert_eq!(
            html("# Shift\n\nShoppers *slow down*.\n\n> Too late.\n", "Shift"),
            "<p>Shoppers <em>slow down</em>.</p>\n<blockquote>\n<p>Too late.</p>\n</blockquote>\n"
        );
        assert_eq!(html("# Other\n", "Shift"), "<h1>Other</h1>\n");
    }

    #[test]
    fn what_would_run_or_fetch_is_taken_out() {
        assert_eq!(
            html(
                "<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)> ![logo](https://example.com/a.png)\n",
                "T"
            ),
            "\n<p><a rel=\"noopener noreferrer\">x</a>  <a href=\"https://example.com/a.png\" rel=\"noopener noreferrer\">logo</a></p>\n"
        );
        assert_eq!(
            html(
                "[a visit](../2025/x.md) and [docs](https://example.com)\n",
                "T"
            ),
            "<p><a rel=\"noopener noreferrer\">a visit</a> and <a href=\"https://example.com\" rel=\"noopener noreferrer\">docs</a></p>\n"
        );
        assert_eq!(
            html("</style><b onclick=\"x()\">bold</b>\n", "T"),
            "<p><b>bold</b></p>\n"
        );
    }
}
