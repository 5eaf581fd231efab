"""The guide: its content (loaded, validated, rendered once per language) and its pages."""
