"""Chronology pages: the person's chronology and its exports (``chronology``), hand entries
with visible corrections (``entries``), and the timeline drawn on the page (``timeline``)."""
