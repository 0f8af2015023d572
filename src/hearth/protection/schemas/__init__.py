"""The API's request and response shapes, one module per feature."""
