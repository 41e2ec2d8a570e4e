"""Escaping for values placed in the report's Markdown tables.

A group name, region or doc_id comes from the user's manifest; a ``|`` in it would split a
table cell and a line break would end the table. Every value put in a table cell goes through
:func:`md_cell`.

Examples
--------
>>> "| " + " | ".join(md_cell(v) for v in ["辽宁|大连", "江苏\\n连云港", 21.6]) + " |"
'| 辽宁\\\\|大连 | 江苏 连云港 | 21.6 |'
"""

from __future__ import annotations

import re

# Line breaks of every kind end a Markdown table row; a pipe ends a cell.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_PIPE = re.compile(r"(?<!\\)\|")


def md_cell(value: object) -> str:
    """``value`` as the text of one Markdown table cell: pipes escaped, line breaks as spaces.

    Examples
    --------
    >>> md_cell("a|b"), md_cell("养老\\r\\n服务"), md_cell("已转义\\\\|")
    ('a\\\\|b', '养老 服务', '已转义\\\\|')
    """
    text = _LINE_BREAK.sub(" ", str(value))
    return _PIPE.sub(r"\\|", text)
