"""One module per CLI command (or group); each registers itself on the groups of :mod:`kg.cli`."""
