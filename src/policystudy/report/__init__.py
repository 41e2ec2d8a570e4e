"""Figures and the findings report, drawn from the tables."""
