"""Resolving professional differences (issue 16, R-PD-1..3): a difference about a decision or
practice for a named child, raised by any practitioner, through five stages of two working days
each."""
