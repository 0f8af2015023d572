"""Pure decisions about Family Group Conferences (no database, no clock), by feature."""
