"""Pages of worker safety, one module per feature: warnings, visit plans, check-ins and the
on-call rota."""
