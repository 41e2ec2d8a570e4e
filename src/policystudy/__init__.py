"""policystudy: compare what Chinese local governments prioritise in livelihood (民生) policy."""

__version__ = "0.1.0"
