"""Page forms of worker safety, one module per feature (``common`` holds what they share)."""
