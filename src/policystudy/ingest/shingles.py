"""Character shingles: the rolling hash behind duplicate and reuse detection.

Every run of ``k`` characters of a text is hashed to a 64-bit integer with a rolling polynomial
hash (deterministic, unlike Python's salted ``hash``).
"""

from __future__ import annotations

import re

import numpy as np

_BLANKS = re.compile(r"\s+")
# Polynomial and mixing constants of the rolling hash (odd 64-bit multipliers).
_BASE = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def squeeze(text: str) -> str:
    """A text without blanks: what two copies of a document have in common exactly.

    Examples
    --------
    >>> squeeze("坚持人民至上。\\n\\n 健全 社会保障体系。")
    '坚持人民至上。健全社会保障体系。'
    """
    return _BLANKS.sub("", text)


def position_hashes(text: str, *, k: int) -> np.ndarray:
    """The hash of the ``k``-character shingle starting at each position of ``text``.

    A text shorter than ``k`` has no shingle.

    Examples
    --------
    >>> h = position_hashes("养老服务养老服务", k=4)
    >>> len(h), h[0] == h[4], h[0] == h[1]
    (5, np.True_, np.False_)
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        # uint64 arithmetic wraps around: the hash is taken modulo 2**64.
        h = h * _BASE + codes[j : j + n]
    h = h * _MIX
    return h ^ (h >> np.uint64(29))
