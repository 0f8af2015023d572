"""Reads of worker safety, one module per feature: warnings (and who may open one), visit
plans, check-ins, who is told (alerts, on call) and whether a visit may go ahead."""
