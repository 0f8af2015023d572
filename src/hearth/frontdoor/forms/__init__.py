"""The front door's page forms, one module per feature. They only parse: the actions decide
what is allowed."""
