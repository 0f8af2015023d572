"""The front door: contacts, decisions, MASH and out-of-hours (EDT)."""
