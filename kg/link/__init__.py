"""Linking: canonical nodes, aliases with their reasons, the alias registry and merge suggestions."""
