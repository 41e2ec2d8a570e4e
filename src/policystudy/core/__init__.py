"""Foundations shared by every layer: deterministic tables, worker pools and packaged resources."""
