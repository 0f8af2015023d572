"""The FGC pages, by feature: views parse, call one action and render."""
