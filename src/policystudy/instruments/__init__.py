"""Policy instruments (政策工具): the typology, the sentence coder, tables and validation.

The second dimension of every profile: each unit of policy text that the domain coder produced
(sentence or clause) is coded for the instruments it names (supply, environment, demand in the
default Rothwell-Zegveld typology), with the cues that decided; a unit with none is ``none``.
Modules by job: :mod:`~policystudy.instruments.taxonomy` (the loader of ``instruments.yaml``),
:mod:`~policystudy.instruments.coder` (cues and coding), :mod:`~policystudy.instruments.tables`
(sentence, document, group, domain x instrument and year tables),
:mod:`~policystudy.instruments.lines` (the ``policystudy instruments`` adapter),
:mod:`~policystudy.instruments.validation` (the development labels) and
:mod:`~policystudy.instruments.model` (a supervised coder of the primary type, fitted on them;
``method="model"``) with its word features (:mod:`~policystudy.instruments.features`).
"""

from __future__ import annotations

from policystudy.instruments.coder import INSTRUMENT_COLUMNS, Cue, code_text, code_texts, cues
from policystudy.instruments.crossval import (
    cross_validate,
    cv_predictions,
    cv_table,
    nested_cv_predictions,
)
from policystudy.instruments.lines import instrument_lines, instruments_tsv
from policystudy.instruments.model import (
    InstrumentModel,
    code_units,
    fitted_model,
    model_code_texts,
    training_labels,
)
from policystudy.instruments.tables import (
    SENTENCE_INSTRUMENT_COLUMNS,
    domain_instruments,
    instrument_documents,
    instrument_groups,
    instrument_methods,
    instrument_tables,
    instrument_years,
    sentence_instruments,
)
from policystudy.instruments.taxonomy import (
    NONE,
    Instrument,
    InstrumentError,
    InstrumentTaxonomy,
    as_instruments,
    load_instruments,
)
from policystudy.instruments.validation import (
    load_instrument_labels,
    score_instruments,
    score_strata,
    wilson_interval,
)

__all__ = [
    "INSTRUMENT_COLUMNS",
    "NONE",
    "SENTENCE_INSTRUMENT_COLUMNS",
    "Cue",
    "Instrument",
    "InstrumentError",
    "InstrumentModel",
    "InstrumentTaxonomy",
    "as_instruments",
    "code_text",
    "code_texts",
    "code_units",
    "cross_validate",
    "cues",
    "cv_predictions",
    "cv_table",
    "domain_instruments",
    "fitted_model",
    "instrument_documents",
    "instrument_groups",
    "instrument_lines",
    "instrument_methods",
    "instrument_tables",
    "instrument_years",
    "instruments_tsv",
    "load_instrument_labels",
    "load_instruments",
    "model_code_texts",
    "nested_cv_predictions",
    "score_instruments",
    "score_strata",
    "sentence_instruments",
    "training_labels",
    "wilson_interval",
]
