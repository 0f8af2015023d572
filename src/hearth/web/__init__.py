"""Server-rendered GOV.UK pages."""
