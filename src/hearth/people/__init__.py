"""Persons, relationships, households, addresses, search and merge (R-PPL-1..3)."""
