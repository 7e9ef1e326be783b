"""Reads of the investment area, one module per part."""
