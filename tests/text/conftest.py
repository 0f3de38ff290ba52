"""Unit tests of the pure text modules: they need no database."""
