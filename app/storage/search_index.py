"""The trigram index over the procedures' search keys (SQLite FTS5), kept by triggers.

A search word of three letters or more is looked up in this index instead of reading
every procedure's key; shorter words still read the keys. The index holds nothing the
`procedure.search_text` column does not (external content), and the triggers created
with it keep it current whoever writes a procedure: services, import, generator.
"""

from sqlalchemy import Select, column, select, table, text

TABLE = "procedure_search"
MIN_INDEXED_CHARS = 3  # a trigram index finds words of at least three characters

_index = table(TABLE, column("rowid"))


def matching_ids(words: list[str]) -> Select[tuple[int]]:
    """Ids of the procedures whose search key contains every word (each ≥ 3 characters)."""
    phrases = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    return select(_index.c.rowid).where(text(f"{TABLE} MATCH :phrases").bindparams(phrases=phrases))
