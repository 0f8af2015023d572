"""Pure decisions about case records (no database, no clock), one module per feature: case
notes (``notes``) and parents' plain-language summaries (``summaries``)."""
