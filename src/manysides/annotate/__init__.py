"""Per-article NLP (spaCy plus our components): mentions, places, time expressions, quotes.

`annotator.annotate_articles` runs them all; each component module can be used alone.
"""
