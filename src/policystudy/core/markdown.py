"""Escaping for values from the user's data placed in the report's Markdown.

A group name, region, doc_id or term comes from the user's manifest or texts. In Markdown a
``|`` splits a table cell, a line break ends a table row or a list item, ``*``/``_`` start
emphasis (``{{7*7}}`` became ``{{7<em>7}}``), ``[x](…)`` is a link and ``<…>`` raw HTML.
Every such value goes through :func:`md_text` (running text), :func:`md_cell` (a table cell)
or :func:`md_code` (a code span), so that it reads as exactly its characters.

Examples
--------
>>> "| " + " | ".join(md_cell(v) for v in ["辽宁|大连", "江苏\\n连云港", 21.6]) + " |"
'| 辽宁\\\\|大连 | 江苏 连云港 | 21.6 |'
>>> md_text("{{7*7}}"), md_code("辽宁`大连")
('\\\\{\\\\{7\\\\*7\\\\}\\\\}', '`` 辽宁`大连 ``')
"""

from __future__ import annotations

import re

# Line breaks of every kind end a Markdown table row or list item; a pipe ends a cell.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_PIPE = re.compile(r"(?<!\\)\|")
# ASCII punctuation that Markdown (CommonMark, GFM tables and strikethrough) reads inside a
# line: emphasis, code, links and images, raw HTML and entities, cells. Braces mean nothing
# to Markdown but are what template engines read. A backslash before any ASCII punctuation
# is read as the character itself, so escaping more than needed is harmless.
_MARKDOWN_PUNCT = re.compile(r"([\\`*_{}\[\]<>|~&])")
# What makes a line a heading or a list item when a value starts it (a marker and a space):
# the marker is escaped (``1. 条`` stays text, ``- x`` is not a list); ``>`` is escaped above.
_LINE_START = re.compile(r"^(?:([#+\-])|(\d{1,9})([.)]))(?=\s|$)")
_BACKTICKS = re.compile(r"`+")


def md_text(value: object) -> str:
    """``value`` as literal Markdown text: every metacharacter escaped, line breaks as spaces.

    Emphasis, code spans, links, raw HTML, headings and list markers of a value are its
    characters; Chinese text, letters, digits and spaces are unchanged.

    Examples
    --------
    >>> md_text("辽宁"), md_text("<script>")
    ('辽宁', '\\\\<script\\\\>')
    >>> md_text("*养老*_服务_\\n[链接](javascript:x)")
    '\\\\*养老\\\\*\\\\_服务\\\\_ \\\\[链接\\\\](javascript:x)'
    >>> md_text("- 1. 条"), md_text("1. 条"), md_text("2021-2025")
    ('\\\\- 1. 条', '1\\\\. 条', '2021-2025')
    """
    text = _MARKDOWN_PUNCT.sub(r"\\\1", _LINE_BREAK.sub(" ", str(value)))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def md_cell(value: object) -> str:
    """``value`` as the text of one Markdown table cell: :func:`md_text`, pipes included.

    Examples
    --------
    >>> md_cell("a|b"), md_cell("养老\\r\\n服务"), md_cell("{{7*7}}")
    ('a\\\\|b', '养老 服务', '\\\\{\\\\{7\\\\*7\\\\}\\\\}')
    """
    return md_text(value)


def md_code(value: object, *, cell: bool = False) -> str:
    """``value`` as a Markdown code span that holds exactly its characters.

    Inside a code span nothing is Markdown, but a backslash does not escape either: the span
    is fenced with one backtick more than the longest run in the value.

    Parameters
    ----------
    cell : bool, keyword-only
        The span sits in a table cell, where a ``|`` would still split the cell: pipes are
        escaped (GFM removes that backslash before reading the span).

    Examples
    --------
    >>> md_code("010"), md_code("辽宁`大连"), md_code("`x")
    ('`010`', '`` 辽宁`大连 ``', '`` `x ``')
    >>> md_code("辽宁|大连"), md_code("辽宁|大连", cell=True), md_code("江苏\\n连云港")
    ('`辽宁|大连`', '`辽宁\\\\|大连`', '`江苏 连云港`')
    """
    text = _LINE_BREAK.sub(" ", str(value))
    if cell:
        text = _PIPE.sub(r"\\|", text)
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    if longest or text.startswith(" ") or text.endswith(" "):
        return f"{fence} {text} {fence}"
    return f"{fence}{text}{fence}"
