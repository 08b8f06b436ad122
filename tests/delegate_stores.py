"""Stores for the tree's delegates that keep nothing: a delegate given them makes everything anew on
every paint (the reference a delegate's kept drawings are compared with)."""

from __future__ import annotations


class Forgetful(dict):
    """A delegate's store that keeps nothing."""

    def __setitem__(self, key, value) -> None:
        pass


class NoPixmaps:
    """A delegate's pixmap store that keeps none."""

    def get(self, key):
        return None

    def put(self, key, pixmap) -> None:
        pass
