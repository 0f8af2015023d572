"""Pure rules for LADO matters (R-LADO-1..5): plain values in, problems out, no database and no
clock. By feature: ``matters`` (the notification, the clocks, criteria, response, employer's
actions, outcome, referrals, closing), ``children``, ``meetings`` and ``report``."""
