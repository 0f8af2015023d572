"""People's pure rules, by feature: identifiers and ages (``persons``), how names, postcodes
and dates of birth are normalised for matching (``normalise``) and how a search candidate is
scored (``search``)."""
