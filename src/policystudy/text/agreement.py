"""How far two segmentation backends agree: token spans and span F1."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from policystudy.text.tokenizer import PolicyTokenizer

# --- backend agreement -----------------------------------------------------------------------


def token_spans(tokens: Iterable[str]) -> list[tuple[int, int]]:
    """Character ``(start, end)`` span of each token of a segmentation that covers the text.

    Examples
    --------
    >>> token_spans(["社会救助", "体系"])
    [(0, 4), (4, 6)]
    """
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t)
    return spans


def span_f1(reference: Sequence[str], candidate: Sequence[str]) -> float:
    """Token-level F1 of two segmentations of the same text, on character spans.

    A token counts as agreed when both segmentations have a token with the same start and end;
    F1 = 2·agreed / (tokens in reference + tokens in candidate); 1.0 for two empty ones.

    Examples
    --------
    >>> span_f1(["社会救助", "体系"], ["社会救助", "体系"])
    1.0
    >>> round(span_f1(["社会救助", "体系"], ["社会", "救助", "体系"]), 3)
    0.4
    """
    a, b = set(token_spans(reference)), set(token_spans(candidate))
    return 1.0 if not a and not b else 2 * len(a & b) / (len(a) + len(b))


def backend_agreement(
    texts: Sequence[str], *, backends: tuple[str, str] = ("jieba", "rjieba"), **options
) -> dict[str, float]:
    """How far two segmentation backends agree on ``texts``, with the same dictionary.

    Parameters
    ----------
    texts : sequence of str
        Normalised paragraphs (e.g. the ``text`` column of ``paragraphs.csv``).
    backends : pair of str
        Reference first (jieba), candidate second.
    **options
        Other :class:`PolicyTokenizer` options (userdict, stopwords, keep_numbers, hmm).

    Returns
    -------
    dict
        ``paragraphs``, ``tokens_reference``, ``tokens_candidate``;
        ``identical_segmentation``: share of paragraphs whose full token sequences (before
        stopword filtering) are identical; ``span_f1``: micro-averaged token F1 on character
        spans of those sequences; ``identical_content``: share of paragraphs whose content
        tokens (what the analyses count) are identical; ``content_f1``: micro F1 of the content
        tokens as multisets per paragraph.

    Examples
    --------
    >>> r = backend_agreement(["健全社会救助体系,提高城乡低保标准"])
    >>> r["identical_content"], r["span_f1"]
    (1.0, 1.0)
    """
    from collections import Counter

    ref, cand = (PolicyTokenizer(backend=b, **options) for b in backends)
    same_seq = same_content = inter = n_ref = n_cand = 0
    c_inter = c_ref = c_cand = 0
    for text in texts:
        a, b = ref.segment(text), cand.segment(text)
        same_seq += a == b
        sa, sb = set(token_spans(a)), set(token_spans(b))
        inter += len(sa & sb)
        n_ref += len(sa)
        n_cand += len(sb)
        ca, cb = ref(text), cand(text)
        same_content += ca == cb
        c_inter += sum((Counter(ca) & Counter(cb)).values())
        c_ref += len(ca)
        c_cand += len(cb)
    n = len(texts)
    return {
        "paragraphs": n,
        "tokens_reference": n_ref,
        "tokens_candidate": n_cand,
        "identical_segmentation": same_seq / n if n else 1.0,
        "span_f1": 2 * inter / (n_ref + n_cand) if n_ref + n_cand else 1.0,
        "identical_content": same_content / n if n else 1.0,
        "content_f1": 2 * c_inter / (c_ref + c_cand) if c_ref + c_cand else 1.0,
    }
