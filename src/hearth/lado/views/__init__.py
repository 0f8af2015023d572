"""The LADO pages. By feature: ``matters`` (the queue, notifications, a matter and the forms
that move it on), ``children``, ``meetings`` (and their minutes as a PDF) and ``report`` (the
annual figures, page and CSV)."""
