"""The pages of the looked_after app: one module per feature."""
