"""Forms of child protection, one module per feature."""
