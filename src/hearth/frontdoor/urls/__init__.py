"""The front door's pages: ``contacts`` (namespace ``contacts``) and ``mash`` (namespace
``mash``), each included at the site root."""
