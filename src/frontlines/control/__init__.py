"""Control: statements from frames, the ledger of assertions, areas and the materialized status runs.

In: frames and their dates. Out: control assertions; a place's status on any day; areas and front lines.
"""
