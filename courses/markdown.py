"""Markdown to safe HTML: render, then sanitise, so authored HTML cannot carry a script."""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "blockquote", "code", "pre",
    "a", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


class MarkdownError(ValueError):
    """Text that cannot be rendered; the message says what to change."""


def render_markdown(text):
    try:
        html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    except RecursionError:
        # Python-Markdown recurses once per level of nested lists; a few thousand levels exhaust the stack.
        raise MarkdownError("The text nests lists or quotes too deeply to be shown; flatten it.") from None
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
