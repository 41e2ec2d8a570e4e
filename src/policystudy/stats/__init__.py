"""Statistics shared by the analyses: resampling, keyness and top-k ranking."""
