"""Word features of a sentence for the instrument model: jieba words and clause heads.

Character n-grams see the cue words of a means but not how a clause is built: the largest
error left is a means said in words the n-grams do not tie to a type (「培养造就…新型农民」,
「多渠道筹集…基金」), read as ``none``. Two word views of the sentence are offered to
:class:`~policystudy.instruments.model.InstrumentModel`:

- :func:`word_tokens`: every jieba word of the sentence (the package's dictionary,
  :class:`~policystudy.text.tokenizer.PolicyTokenizer`, before its stopword filter: the
  stopwords hold the policy verbs 加大, 加强, 推进 that name a means), numbers folded to one
  token;
- :func:`clause_heads`: per clause, the verb at its head and the word that ends it, alone and
  as a pair (``VE=建立|制度``). A Chinese noun phrase ends in its head, so the clause's last
  word is the head of its object (力度, 制度, 工程, 试点, 补贴), and the pair is the verb-object
  structure of the clause, whatever modifiers stand between them.

Examples
--------
>>> word_tokens("加大保障性住房建设力度。")
['加大', '保障性住房', '建设', '力度']
>>> clause_heads("加大保障性住房建设力度。")
['V=加大', 'E=力度', 'VE=加大|力度']
"""

from __future__ import annotations

import re
from functools import lru_cache

from policystudy.text.tokenizer import PolicyTokenizer, is_number_token

#: Punctuation that ends a clause (the enumeration comma 、 joins the parts of one object).
CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？()（）“”\"]+")
_WORD = re.compile(r"\w")
#: The token every number stands for (a count names no means; its place does).
NUMBER = "<num>"


@lru_cache(maxsize=1)
def _tokenizer() -> PolicyTokenizer:
    return PolicyTokenizer()


def _words(clause: str) -> list[str]:
    tok = _tokenizer()
    out = []
    for token in tok.segment(clause):
        token = token.strip()
        if not token or not _WORD.search(token):
            continue  # punctuation and spaces
        out.append(NUMBER if is_number_token(token) else token)
    return out


def word_tokens(text: str) -> list[str]:
    """The jieba words of ``text`` (normalised text), in order, punctuation dropped and
    numbers as :data:`NUMBER`.

    Examples
    --------
    >>> word_tokens("新建学校30所,开展试点")
    ['新建', '学校', '<num>', '开展', '试点']
    """
    return list(_word_tokens(text))


@lru_cache(maxsize=1 << 16)
def _word_tokens(text: str) -> tuple[str, ...]:
    # cached: every fold of a cross-validation and every inner fold reads the same sentences
    return tuple(w for clause in CLAUSE_BREAK.split(text) for w in _words(clause))


def _is_verb(word: str) -> bool:
    # jieba's tags: v verb, vd adverbial verb, vi, ...; not vn, the verbal noun (建设, 改革):
    # in this text it is the object (「加大…建设力度」) as often as the predicate
    return any(flag.startswith("v") and flag != "vn" for _, flag in _tokenizer().pos_tags(word))


def clause_heads(text: str) -> list[str]:
    """Per clause of ``text``: ``V=`` its first verb, ``E=`` its last word and ``VE=`` the
    pair (the verb-object structure); a clause without a verb gives its ``E=`` alone.

    Examples
    --------
    >>> clause_heads("多渠道筹集社会保障基金;教育是基石")
    ['V=筹集', 'E=基金', 'VE=筹集|基金', 'V=是', 'E=基石', 'VE=是|基石']
    """
    return list(_clause_heads(text))


@lru_cache(maxsize=1 << 16)
def _clause_heads(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for clause in CLAUSE_BREAK.split(text):
        words = [w for w in _words(clause) if w != NUMBER]
        if not words:
            continue
        verb = next((w for w in words[:-1] if _is_verb(w)), None)
        last = words[-1]
        if verb is None:
            out.append(f"E={last}")
            continue
        out += [f"V={verb}", f"E={last}", f"VE={verb}|{last}"]
    return tuple(out)
