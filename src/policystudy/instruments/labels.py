"""The hand labels of the instrument coder (``validation/dev/instrument_labels*.csv``).

Read by the scoring (:mod:`~policystudy.instruments.validation`) and by the supervised model
(:mod:`~policystudy.instruments.model`), which is fitted on all six samples.

Examples
--------
>>> len(load_instrument_labels(split="final")) >= 200
True
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from policystudy.core import resources

LABELS = resources.VALIDATION / "dev" / "instrument_labels.csv"
#: The later samples, each in its own file, by split name.
SAMPLES = {
    "fresh": resources.VALIDATION / "dev" / "instrument_labels_fresh.csv",
    "holdout": resources.VALIDATION / "dev" / "instrument_labels_holdout.csv",
    "final": resources.VALIDATION / "dev" / "instrument_labels_final.csv",
    # Drawn and labelled blind in the third session, scored once by the model fitted on the
    # first four; training text since the fourth session (model.TRAINING_SPLITS).
    "fifth": resources.VALIDATION / "dev" / "instrument_labels_fifth.csv",
    # Drawn and labelled blind in the fourth session while the model was retrained on the
    # first five, scored once; training text since the fifth session (model.TRAINING_SPLITS).
    "sixth": resources.VALIDATION / "dev" / "instrument_labels_sixth.csv",
    # Drawn and labelled blind in the fifth session while the model was improved again, scored
    # once after that merge; never training text (validation.REPORTED_SAMPLE).
    "seventh": resources.VALIDATION / "dev" / "instrument_labels_seventh.csv",
    # Drawn in the sixth session after the seventh was scored, labelled blind, scored once by
    # the model fitted on the bulk labels below; training text since the seventh session.
    "eighth": resources.VALIDATION / "dev" / "instrument_labels_eighth.csv",
    # Drawn in the seventh session after the eighth was scored, labelled blind, for one score
    # of the model changed in that session.
    "ninth": resources.VALIDATION / "dev" / "instrument_labels_ninth.csv",
    # Training text only, never scored: 2,000 units of tune and report documents labelled in
    # the sixth session, five random sheets of 400 (tools/sample_instrument_fresh.py --bulk).
    **{
        f"bulk{k}": resources.VALIDATION / "dev" / f"instrument_labels_bulk{k}.csv"
        for k in range(1, 6)
    },
}
#: The splits of the labels: the first sample's two parts and the later samples.
SPLITS = ("tune", "report", *SAMPLES)


def load_instrument_labels(
    path: Path | str | None = None, *, split: str | None = None
) -> pd.DataFrame:
    """The hand labels, ids read as text.

    ``split=None`` gives the whole first sample (``tune`` and old ``report``, the tuning text);
    ``"tune"`` or ``"report"`` one of its parts; ``"fresh"``, ``"holdout"``, ``"final"``,
    ``"fifth"``, ``"sixth"``, ``"seventh"``, ``"eighth"`` or ``"ninth"`` the second to the ninth
    sample, and ``"bulk1"`` to ``"bulk5"`` the sheets of training text (own files, with
    ``stratum`` and stratum ``pool`` sizes). ``path`` reads another file of the same form.
    """
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    default = SAMPLES.get(split or "", LABELS)
    frame = pd.read_csv(path or default, dtype=str, keep_default_na=False)
    if split is not None:
        frame = frame[frame["split"] == split]
    return frame.reset_index(drop=True)
