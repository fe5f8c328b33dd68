"""Which outlet a statement rests on, when an article reports another outlet's reporting.

    citation_pattern(corpus_outlets) -> the compiled pattern of citations (cached)
    cited_outlet(text, own_outlet, pattern) -> the other outlet, or None

"according to the New York Times", "Reuters reported", "told CNN": such a report counts as the
cited outlet's, not as one more independent source. The known outlets are the corpus's own and a
list of news organisations (compare_lexicon.yaml, `news_outlets`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from manysides.compare_text import lexicon


@lru_cache(maxsize=64)
def citation_pattern(corpus_outlets: tuple[str, ...]) -> re.Pattern:
    names = sorted({*corpus_outlets, *lexicon()["news_outlets"]}, key=len, reverse=True)
    name = "(?:the )?(" + "|".join(re.escape(n) for n in names) + ")"
    return re.compile(
        rf"\b(?:according to|told|reported by|cited by|quoted by|in an interview with) {name}\b"
        rf"|\b{name},? (?:reported|said|says|reports|quoted|cited)\b",
        re.IGNORECASE,
    )


def cited_outlet(text: str, own_outlet: str, pattern: re.Pattern) -> str | None:
    """The first outlet other than the article's own that the text says it rests on."""
    for match in pattern.finditer(text):
        cited = next(group for group in match.groups() if group)
        if cited.lower() != own_outlet.lower():
            return cited
    return None
