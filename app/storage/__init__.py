"""Encrypted storage: SQLCipher engine, ORM models, migrations, attachment blobs."""
