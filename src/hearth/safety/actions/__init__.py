"""Every write of worker safety, one module per feature: warnings, visit plans, check-ins and
the on-call rota. One transaction and one audit row each; a refusal raises
``hearth.core.refusals.Refused`` (``StaleEdit`` for a stale version) and writes nothing."""
