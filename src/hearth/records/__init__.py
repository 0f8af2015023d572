"""Case records: case notes with fact and opinion kept apart, finalised and amended visibly
(R-REC-1..4)."""
