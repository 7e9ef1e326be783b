"""Reads of calls, one module per part."""
