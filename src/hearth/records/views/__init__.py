"""Case record pages, one module per feature: case notes (``notes``) and parents'
plain-language summaries (``summaries``)."""
