"""The FGC pages' forms (GOV.UK), by feature."""
