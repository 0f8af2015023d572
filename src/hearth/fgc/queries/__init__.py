"""Reads of Family Group Conferences that pages, the API and other apps share, by feature."""
