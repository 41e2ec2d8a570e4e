"""Words from text: the policy tokenizer (jieba or rjieba), segmentation engines and their cache,
which tokens count as terms, and backend agreement.

The Dask engine, :mod:`policystudy.text.dask_engine`, is imported only when asked for.
"""

from __future__ import annotations

from policystudy.text.agreement import (
    backend_agreement,
    span_f1,
    token_spans,
)
from policystudy.text.engines import (
    SegmentCache,
    segment,
    tokenize_paragraphs,
)
from policystudy.text.local import (
    CHUNK_MAX_CHARS,
    CHUNK_MIN_CHARS,
    ENGINES,
    SERIAL_MAX_CHARS,
    SERIAL_MAX_TEXTS,
    chunk_by_chars,
    is_small,
    segment_pool,
    segment_serial,
)
from policystudy.text.tokenizer import (
    BACKENDS,
    NUMBER_WITH_UNIT,
    DictionaryError,
    Memo,
    PolicyTokenizer,
    is_number_token,
    read_stopwords,
    read_stopwords_text,
    read_userdict,
)
from policystudy.text.vocabulary import (
    SPLIT_CHUNK,
    Encoded,
    MeaningfulAnalyzer,
    count_terms,
    encode_tokens,
    is_meaningful,
    meaningful_tokens,
)

__all__ = [
    "BACKENDS",
    "CHUNK_MAX_CHARS",
    "CHUNK_MIN_CHARS",
    "ENGINES",
    "NUMBER_WITH_UNIT",
    "SERIAL_MAX_CHARS",
    "SERIAL_MAX_TEXTS",
    "SPLIT_CHUNK",
    "DictionaryError",
    "Encoded",
    "MeaningfulAnalyzer",
    "Memo",
    "PolicyTokenizer",
    "SegmentCache",
    "backend_agreement",
    "chunk_by_chars",
    "count_terms",
    "encode_tokens",
    "is_meaningful",
    "is_number_token",
    "is_small",
    "meaningful_tokens",
    "read_stopwords",
    "read_stopwords_text",
    "read_userdict",
    "segment",
    "segment_pool",
    "segment_serial",
    "span_f1",
    "token_spans",
    "tokenize_paragraphs",
]
