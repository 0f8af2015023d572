"""Every write to documents (practice 1): adding one, and auditing each download."""
