"""Every write at the front door, one module per feature: contacts (recording, linking, EDT,
deciding), the MASH, and the letter to the referrer. Each action is one transaction with its
audit row, and refuses with ``hearth.core.refusals.Refused``."""
