"""Every write to case records, one module per feature: case notes (``notes``) and parents'
plain-language summaries (``summaries``)."""
