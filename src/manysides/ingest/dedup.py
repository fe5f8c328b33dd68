"""Exact and near-duplicate articles (syndicated copies, republications) with MinHash LSH.

Each article becomes a set of word shingles summarised by a MinHash signature; LSH finds the
few earlier articles whose signatures are close, so the cost grows with the number of articles,
not with its square. A candidate counts as a copy when the estimated Jaccard similarity is high,
or when nearly all of the smaller article is inside the larger one (a republication with its own
header and footer added).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from manysides.records import Article

NUM_PERM = 64
SHINGLE_WORDS = 4
COPY_JACCARD = 0.8
CANDIDATE_JACCARD = 0.5  # LSH recall threshold: low enough to catch padded republications
COPY_CONTAINMENT = 0.9
MIN_SHINGLES = 10  # a few words in common make no copy
_FAR_FUTURE = "9999-12-31"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Overlapping runs of `size` words, lowercased, punctuation ignored."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    # Drawing the random permutations is the slow part of a new MinHash: do it once.
    return MinHash(num_perm=NUM_PERM, seed=1)


def signature(shingle_set: Iterable[bytes]) -> MinHash:
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations,
                      scheme=template.scheme)
    minhash.update_batch(list(shingle_set))
    return minhash


class _Index:
    """Articles seen so far: their signatures, sizes and the original each one copies."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.sizes: dict[str, int] = {}
        self.original_of: dict[str, str] = {}

    def add(self, article_id: str, minhash: MinHash, size: int, copy_of: str | None) -> None:
        if article_id in self.signatures:
            return  # the same normalised text seen twice is one article
        self.lsh.insert(article_id, minhash)
        self.signatures[article_id] = minhash
        self.sizes[article_id] = size
        if copy_of:
            self.original_of[article_id] = copy_of

    def best_match(self, minhash: MinHash, size: int) -> str | None:
        best, best_score = None, 0.0
        for candidate in self.lsh.query(minhash):
            jaccard = minhash.jaccard(self.signatures[candidate])
            if _is_copy(jaccard, size, self.sizes[candidate]) and jaccard > best_score:
                best, best_score = candidate, jaccard
        return self.original_of.get(best, best) if best else None


def _is_copy(jaccard: float, size: int, other_size: int) -> bool:
    if jaccard >= COPY_JACCARD:
        return True
    # |A ∩ B| follows from the Jaccard estimate and the two set sizes.
    shared = jaccard * (size + other_size) / (1 + jaccard)
    return shared / max(1, min(size, other_size)) >= COPY_CONTAINMENT


def find_copies(articles: Sequence[Article], previous: Sequence[Article] = ()) -> dict[str, str]:
    """Map article id -> id of the earlier article it copies (exactly or nearly).

    `previous` are articles stored by earlier batches: they were seen first, so they are the
    originals of any copy in this batch. Within the batch the earliest published (then the
    first given) is the original. Articles with identical normalised text share one id and
    are the same article, not a copy.
    """
    index = _Index()
    for article in previous:
        _add(index, article, article.copy_of)
    copies: dict[str, str] = {}
    for article in sorted(articles, key=_age_order(articles)):
        article_shingles = shingles(article.text)
        if len(article_shingles) < MIN_SHINGLES or article.id in index.signatures:
            continue
        minhash = signature(article_shingles)
        original = index.best_match(minhash, len(article_shingles))
        if original and original != article.id:
            copies[article.id] = original
        index.add(article.id, minhash, len(article_shingles), copies.get(article.id))
    return copies


def _add(index: _Index, article: Article, copy_of: str | None) -> None:
    article_shingles = shingles(article.text)
    if len(article_shingles) >= MIN_SHINGLES:
        index.add(article.id, signature(article_shingles), len(article_shingles), copy_of)


def _age_order(articles: Sequence[Article]):
    position = {id(article): number for number, article in enumerate(articles)}

    def key(article: Article) -> tuple[str, int]:
        return (article.published or _FAR_FUTURE)[:10], position[id(article)]

    return key

