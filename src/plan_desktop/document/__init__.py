"""The open document: repository + undo stack + change signals (Qt, no widgets)."""
