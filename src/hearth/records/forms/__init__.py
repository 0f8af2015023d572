"""Page forms for case records, one module per feature: case notes and parents' summaries."""
