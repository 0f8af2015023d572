"""What the looked_after API takes and gives: one module per feature."""
