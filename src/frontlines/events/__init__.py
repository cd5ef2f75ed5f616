"""Events: the clause reader's frames over the parse, their dates and qualifiers, and ACLED events.

In: a parsed document with its mentions. Out: frames (typed kinds and roles) and events.
"""
