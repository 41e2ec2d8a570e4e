"""Corpus sizes below which the topic model is not fitted, or is reported with a caveat.

Kept apart from :mod:`policystudy.topics` (which imports scikit-learn) so that the feasibility
check of notebook 00 and the report of notebook 05 read them without importing it: each kernel
of a run starts faster (about 2 s of CPU for scikit-learn and scipy.stats).
"""

from __future__ import annotations

# Fewer paragraphs than this and no topic model is fitted (two topics of five paragraphs each).
MIN_TOPIC_PARAGRAPHS = 10
# Below this many paragraphs a fitted topic model is reported with a caveat: its topics describe
# these paragraphs, and a few paragraphs more or fewer would give other topics.
FEW_TOPIC_PARAGRAPHS = 100
