"""Ingest: any source (folders, files, URLs, feeds) to clean `Article` records.

    iter_articles(inputs)        -> Article | Failure, one input after another
    article_from_text(raw, ...)  -> Article, the one path every input kind shares
    clean_text(raw)              -> the body without captions, share lines, bylines, notices
    find_copies(articles, prev)  -> {copy id: original id}, exact and near duplicates
"""

from manysides.ingest.article import article_from_text, article_id, detect_language
from manysides.ingest.dedup import find_copies
from manysides.ingest.sources import iter_articles
from manysides.ingest.text import clean_text, read_text

__all__ = [
    "article_from_text",
    "article_id",
    "clean_text",
    "detect_language",
    "find_copies",
    "iter_articles",
    "read_text",
]
