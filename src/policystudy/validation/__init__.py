"""Validate the coding on one's own corpus: a codebook, blind stratified draws, coding sheets,
agreement between coders and the machine's accuracy against them.

Modules: ``codebook`` (the codebook from ``taxonomy.yaml``), ``draw`` (stratified, seeded
samples of sentences, quantities and word-intrusion items), ``sheets`` (CSV/XLSX sheets and
their refusals), ``agreement`` (Krippendorff's α, Cohen's κ, Wilson and bootstrap intervals),
``score`` (the machine against the coders' consensus). The command line is
``policystudy validate draw|score`` (``policystudy.workflow.validate_cli``).
"""

from policystudy.validation.agreement import (
    agreement_table,
    cohen_kappa,
    krippendorff_alpha,
    wilson,
)
from policystudy.validation.codebook import codebook_markdown, write_codebook
from policystudy.validation.draw import (
    allocate,
    draw_sentences,
    draw_targets,
    draw_word_intrusion,
    write_draw,
)
from policystudy.validation.score import score_sheets, weighted_accuracy, write_scores
from policystudy.validation.sheets import SheetError, read_sheet, write_sheet

__all__ = [
    "SheetError",
    "agreement_table",
    "allocate",
    "codebook_markdown",
    "cohen_kappa",
    "draw_sentences",
    "draw_targets",
    "draw_word_intrusion",
    "krippendorff_alpha",
    "read_sheet",
    "score_sheets",
    "weighted_accuracy",
    "wilson",
    "write_codebook",
    "write_draw",
    "write_scores",
    "write_sheet",
]
