"""Storage: one interface over SQLite and PostgreSQL, its migrations, and batched streaming ingest.

In: document results. Out: rows, and the ledger and maps read back from them.
"""
