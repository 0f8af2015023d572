"""Background jobs kept in the database and run by ``hearth worker``."""
