"""Stage 1: content files → the validated model (YAML with positions, fields, models, loading)."""
