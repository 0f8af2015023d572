"""Pure rules of children looked after: plain values in, answers out (no database, no clock)."""
