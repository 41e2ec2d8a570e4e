"""The errors of a pipeline run; each message names the file or folder concerned."""

from __future__ import annotations


class PipelineError(RuntimeError):
    """A failed run; the message names the notebook, the cell and the error."""


class OutputFolderError(PipelineError):
    """An output folder the run refuses to write into: the repository for another corpus,
    foreign files, a folder locked by another run. Nothing was written."""
