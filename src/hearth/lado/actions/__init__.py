"""Every write to a LADO matter (practice 1): one transaction and its audit row each, refused
with ``Refused`` naming the field and nothing written. By feature: ``matters``, ``children``,
``meetings``."""
