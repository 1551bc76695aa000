"""Use cases the UI and the CLI call; each opens one short session per operation."""
