"""Home visits: who was seen, what was observed (R-REC-6) and when (R-RES-5)."""
