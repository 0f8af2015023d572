"""The LADO pages' forms (GOV.UK). By feature: ``matters``, ``children``, ``meetings``; the
shared field helpers and numbered rows in ``common``."""
