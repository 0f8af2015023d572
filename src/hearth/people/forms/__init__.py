"""People's page forms, one module per feature (the same names as ``views``)."""
