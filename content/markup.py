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
# Limits that keep every source under the length cap rendering in well under 2 seconds
# (bench/markdown_bench.py measures a corpus of pathological inputs against them).
# Python-Markdown's link handling slows with the square of the number of "[" in a block:
# 1,000 take about 0.3 s, 8,000 about 11 s. No real record needs anywhere near this many.
MAX_OPENING_BRACKETS = 1_000
# For every "[" that is never closed, and every "(" after "](" that is never closed, each
# kind of link is looked for to the end of the paragraph: 999 "[" before 98,000 "(" took
# 90 seconds. This many characters looked through take about half a second.
MAX_UNCLOSED_LINK_SCAN = 500_000
# Likewise an HTML tag that is never closed with ">" is looked for to the end of the text
# (500 "<http://a" before 95,000 characters of prose took 4.6 seconds).
MAX_UNCLOSED_TAG_SCAN = 5_000_000
_UNCLOSED_TAG = re.compile(r"<[A-Za-z/!?][^<>]*(?=<|\Z)")
# Other parts whose cost grows faster than their number, each with how many we accept and
# what to do instead. Measured: 50,000 "*a" take 3 seconds, 2,000 unclosed "<http://"
# 3 seconds, 100,000 backslashes over 20 seconds, 25,000 headings over 20 seconds, a
# table of 33,000 cells 5 seconds.
_COUNTED_PARTS: tuple[tuple[str, re.Pattern[str], int, str], ...] = (
    ("asterisks (*) and underscores (_)", re.compile(r"[*_]"), 20_000,
     "Remove some, or put them in a code block."),
    ("backticks (`)", re.compile(r"`"), 20_000, "Remove some of them."),
    ("HTML tags or links in angle brackets (<)", re.compile(r"<[A-Za-z/!?]"), 500,
     "Write links as [words](address) and leave out HTML."),
    ("backslashes (\\)", re.compile(r"\\"), 10_000, "Remove some of them."),
    ("headings (lines starting with #)", re.compile(r"^[ ]{0,3}#", re.MULTILINE), 1_000,
     "Split the text into several records."),
    ("vertical bars (|), which make table cells", re.compile(r"\|"), 5_000,
     "Publish large tables as a PDF or a spreadsheet instead."),
)
# Quotes and lists inside each other are parsed by recursion: 300 levels of quotes take
# about 2 seconds, 20 levels on every line of the text over 2 seconds, and thousands
# exhaust Python's stack.
MAX_NESTING = 10
# Each list item costs about 0.1 milliseconds: 25,000 one-word items take over 2 seconds.
MAX_LIST_ITEMS = 5_000

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
    check_complexity(source)
    try:
        html = markdown.markdown(
            source,
            extensions=["tables", "sane_lists", _PageHeadings(), "toc"],
            extension_configs={"toc": {"slugify": _heading_slug},
                               "tables": {"use_align_attribute": True}},
            output_format="html",
        )
    except RecursionError as error:
        raise MarkdownTooComplex(_TOO_DEEP) from error
    return sanitise_html(html)


_TOO_DEEP = (f"The text has quotes or lists inside each other more than {MAX_NESTING} deep. "
             "Put fewer of them inside each other.")
# A line's leading quote markers and list markers: each one is a level of nesting.
_NESTING_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[*+-][ \t]|\d{1,9}[.)][ \t]))+", re.MULTILINE)
_NESTING_MARKER = re.compile(r">|[*+-][ \t]|\d{1,9}[.)][ \t]")
_BLOCK_BREAK = re.compile(r"\n[ \t>]*\n")


def check_complexity(source: str) -> None:
    """Refuse markdown that would take the renderer too long, saying what to change."""
    brackets = source.count("[")
    if brackets > MAX_OPENING_BRACKETS:
        raise MarkdownTooComplex(
            f"The text has {brackets:,} opening square brackets; the most we accept "
            f"is {MAX_OPENING_BRACKETS:,}. Remove some, or put long lists of them in a code block."
        )
    if sum(map(_unclosed_link_scan, _BLOCK_BREAK.split(source))) > MAX_UNCLOSED_LINK_SCAN:
        raise MarkdownTooComplex(
            "The text has square brackets [ or round brackets ( that are never closed. Close "
            "each [ with ] and each ( with ), or remove the ones that are not needed.")
    if sum(len(source) - tag.start() for tag in _UNCLOSED_TAG.finditer(source)) > (
            MAX_UNCLOSED_TAG_SCAN):
        raise MarkdownTooComplex(
            "The text has angle brackets < that are never closed with >. Write links as "
            "[words](address), and write “less than” instead of < before a letter.")
    for name, pattern, most, advice in _COUNTED_PARTS:
        found = len(pattern.findall(source))
        if found > most:
            raise MarkdownTooComplex(
                f"The text has {found:,} {name}; the most we accept is {most:,}. {advice}")
    list_items = 0
    for markers in _NESTING_MARKERS.finditer(source):
        levels = _NESTING_MARKER.findall(markers.group())
        if len(levels) > MAX_NESTING:
            raise MarkdownTooComplex(_TOO_DEEP)
        list_items += sum(level != ">" for level in levels)
    if list_items > MAX_LIST_ITEMS:
        raise MarkdownTooComplex(
            f"The text has {list_items:,} list items; the most we accept is "
            f"{MAX_LIST_ITEMS:,}. Publish long lists as a PDF or a spreadsheet instead.")


def _unclosed_link_scan(block: str) -> int:
    """How far the link patterns look, in all, for closing brackets that never come: from
    each unclosed "[" to the end of the block, and from each unclosed "(" that follows "]"."""
    opened_squares: list[int] = []
    opened_rounds: list[int] = []
    for position, character in enumerate(block):
        if character == "[":
            opened_squares.append(position)
        elif character == "]" and opened_squares:
            opened_squares.pop()
        elif character == "(":
            opened_rounds.append(position)
        elif character == ")" and opened_rounds:
            opened_rounds.pop()
    after_link = [position for position in opened_rounds
                  if position and block[position - 1] == "]"]
    return sum(len(block) - position for position in opened_squares + after_link)


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
