"""Views of the congress app: `workspace` (committee, targets, progress) and `day` (the congress itself)."""
