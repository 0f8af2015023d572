"""People's pages, one module per feature (the same names as ``forms``). Their URL names are
the shell's (``web:person`` …): ``hearth.web.urls`` includes ``people.urls``."""
