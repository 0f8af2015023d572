"""Reads that people's pages, the API and other apps share, one module per feature:
``visibility`` (who may see a person, and the one 404 lookup every app uses), ``persons``
(the person page, its registered panels), ``search`` and ``search_engines`` (finding people,
R-PPL-2)."""
