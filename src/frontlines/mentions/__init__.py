"""Mentions: places (gazetteer, geoparse), actors and date expressions found in a parsed document.

In: a document and its analysis. Out: place mentions, unresolved names, actor mentions, date spans.
"""
