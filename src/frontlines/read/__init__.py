"""Reading reports: files and feeds to :class:`~frontlines.models.Document` (ingest), and the parse (nlp).

In: paths, text, feeds. Out: documents, then their spaCy analysis (sentences, entities, tokens).
"""
