"""Markdown written by staff, turned into HTML that is safe to publish.

Rendering happens once, when a record is saved, and the result is stored beside the
source. Python-Markdown can be slow on pathological input, so the source length is
capped, and public input (complaints and the like) is never rendered as markdown.
"""

import html
import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

MAX_MARKDOWN_LENGTH = 100_000
# Python-Markdown's link handling slows with the square of the number of "[" in a block:
# 1,000 take about 0.3 s, 8,000 about 11 s. No real record needs anywhere near this many.
MAX_OPENING_BRACKETS = 1_000

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "td": {"align"}, "th": {"align", "scope"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Script, style and the other containers are dropped together with their content,
# rather than leaving their text behind on the page.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "form", "noscript",
                        "template", "textarea", "select", "svg", "math", "title", "xmp",
                        "noembed", "noframes", "plaintext"}

_HEADING_ID_PREFIX = "section-"


class UnrenderableMarkdown(ValueError):
    """Markdown we will not render; the message says what to change."""


class MarkdownTooLong(UnrenderableMarkdown):
    """The source is longer than we are prepared to render."""


class MarkdownTooComplex(UnrenderableMarkdown):
    """The source would take too long to render."""


def _heading_slug(value: str, separator: str) -> str:
    # Prefixed so that a heading can never reuse an id the page layout relies on.
    words = re.findall(r"[a-z0-9]+", value.lower())
    return _HEADING_ID_PREFIX + (separator.join(words) or "heading")


class _NoTopLevelHeadings(Treeprocessor):
    """Every page has its own h1, so a `#` heading in a record becomes an h2."""

    def run(self, root):  # type: ignore[no-untyped-def]
        for element in root.iter("h1"):
            element.tag = "h2"


class _ImagesAsText(Treeprocessor):
    """Images are not published, but their description is kept as text."""

    def run(self, root):  # type: ignore[no-untyped-def]
        for element in root.iter("img"):
            description = element.get("alt", "")
            element.clear()
            element.tag, element.text = "span", description


class _PageHeadings(Extension):
    def extendMarkdown(self, md):  # type: ignore[no-untyped-def]
        # Both run before the table of contents (priority 5) makes heading ids; images only
        # exist once inline markup (priority 20) has been processed.
        md.treeprocessors.register(_NoTopLevelHeadings(md), "no_top_level_headings", 30)
        md.treeprocessors.register(_ImagesAsText(md), "images_as_text", 10)


def render_markdown(source: str | None) -> str:
    """Return sanitised HTML for staff-written markdown.

    A `#` heading becomes an h2 because every page already has its own h1.
    """
    if not source:
        return ""
    if len(source) > MAX_MARKDOWN_LENGTH:
        raise MarkdownTooLong(
            f"The text is {len(source):,} characters long; the most we accept is "
            f"{MAX_MARKDOWN_LENGTH:,}."
        )
    if source.count("[") > MAX_OPENING_BRACKETS:
        raise MarkdownTooComplex(
            f"The text has {source.count('['):,} opening square brackets; the most we accept "
            f"is {MAX_OPENING_BRACKETS:,}. Remove some, or put long lists of them in a code block."
        )
    html = markdown.markdown(
        source,
        extensions=["tables", "sane_lists", _PageHeadings(), "toc"],
        extension_configs={"toc": {"slugify": _heading_slug},
                           "tables": {"use_align_attribute": True}},
        output_format="html",
    )
    return sanitise_html(html)


def sanitise_html(html: str) -> str:
    """Clean HTML against the portal's allow-list (no scripts, no event handlers)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(source: str | None) -> str:
    """A one-paragraph plain-text version of markdown, for feeds, exports and snippets."""
    if not source:
        return ""
    text = html.unescape(nh3.clean(render_markdown(source), tags=set()))
    return re.sub(r"\s+", " ", text).strip()


def html_to_text(html_text: str | None) -> str:
    """The words of already-sanitised HTML, for search and snippets."""
    if not html_text:
        return ""
    text = html.unescape(nh3.clean(re.sub(r"<(/?)(p|h\d|li|tr|td|th|br)\b", r" <\1\2", html_text),
                                   tags=set()))
    return re.sub(r"\s+", " ", text).strip()
