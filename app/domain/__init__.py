"""Domain rules and vocabularies that do not depend on storage."""
