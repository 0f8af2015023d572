"""The forms of the looked_after pages: one module per feature."""
