"""Forms of calls, one module per part."""
