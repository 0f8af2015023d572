"""Reads at the front door, one module per feature: contacts (who may see one, the people on
it), the queues, the MASH, the letter to the referrer, and who is on duty."""
