"""One path from raw text plus whatever metadata is known to an `Article`."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from langdetect import DetectorFactory, LangDetectException, detect_langs

from manysides.errors import InputError
from manysides.ingest.dates import normalise_date
from manysides.ingest.outlets import is_known_outlet, outlet_from_url, readable_outlet
from manysides.ingest.text import read_text
from manysides.records import Article

DetectorFactory.seed = 0  # langdetect is random by default; the same text must get the same answer

_LANGUAGE_SAMPLE = 2000
# langdetect wobbles on short texts: only call a text foreign when it is long and sure.
_MIN_WORDS_TO_REJECT = 12
_MIN_CONFIDENCE_TO_REJECT = 0.7

# langdetect costs about as much as a tenth of spaCy's parse, and nearly every input is
# plainly English: a count of common English words settles those, and only the doubtful rest
# (short, or mixed, or foreign) goes to langdetect. "the" must be frequent on its own as no
# other language uses it, while the other words ("a", "in", "is") are common elsewhere too.
_ENGLISH_WORDS = frozenset(
    "the of and to in a is was for on that with said his has have were which from this are "
    "their they would been after who but not it its he she as at by be had an".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS_FOR_QUICK_CHECK = 40
_MIN_ENGLISH_WORD_SHARE = 0.25  # English news: median 0.33; other languages: under 0.1
_MIN_THE_SHARE = 0.02  # English news: median 0.06


def article_id(text: str) -> str:
    """Stable id: the same words give the same id, whatever the case and spacing."""
    normalised = re.sub(r"\s+", " ", text.lower()).strip()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


def detect_language(text: str, source: str) -> str | None:
    """ISO 639-1 code of the text's language; InputError when it is surely not English."""
    sample = text[:_LANGUAGE_SAMPLE]
    if _clearly_english(sample):
        return "en"
    try:
        guesses = detect_langs(sample)
    except LangDetectException:
        return None  # no letters to go on (numbers, symbols)
    scores = {guess.lang: guess.prob for guess in guesses}
    top = guesses[0].lang
    if top == "en" or scores.get("en", 0.0) >= 0.2:
        return "en"
    sure = scores[top] >= _MIN_CONFIDENCE_TO_REJECT
    if sure and len(sample.split()) >= _MIN_WORDS_TO_REJECT:
        raise InputError(source, f"not English (detected '{top}')")
    return top  # too short or too unsure to refuse: keep it, and say what it looked like


def _clearly_english(sample: str) -> bool:
    """True when common English words are as frequent as in English prose (no doubt left)."""
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS_FOR_QUICK_CHECK:
        return False
    counts = Counter(words)
    english = sum(counts[word] for word in _ENGLISH_WORDS)
    return (
        counts["the"] >= _MIN_THE_SHARE * len(words)
        and english >= _MIN_ENGLISH_WORD_SHARE * len(words)
    )


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def _author_names(author: str | None) -> str | None:
    """'Elise Labott; CNN' -> 'Elise Labott': an outlet in the byline is not an author."""
    if not author:
        return None
    names = [name.strip() for name in re.split(r"[;,|]", author)]
    people = [name for name in names if name and not is_known_outlet(name)]
    return ", ".join(people) or None


def article_from_text(
    raw_text: str,
    *,
    source: str,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    author: str | None = None,
    source_id: str | None = None,
) -> Article:
    """An Article from raw text and known metadata; metadata given beats what the text says.

    Raises InputError (naming `source`) for empty text, text with no body left after
    cleaning, and text that is not English.
    """
    if not raw_text or not raw_text.strip():
        raise InputError(source, "empty text")
    title = _clean_field(title)
    facts = read_text(raw_text, title=title)
    if not facts.body.strip():
        raise InputError(source, "no article text left after removing captions and page furniture")
    language = detect_language(facts.body, source)
    metadata_date = normalise_date(_clean_field(published))
    url = _clean_field(url)
    return Article(
        id=article_id(facts.body),
        text=facts.body,
        title=title or facts.title,
        outlet=readable_outlet(_clean_field(outlet)) or outlet_from_url(url) or facts.outlet,
        url=url,
        author=_author_names(_clean_field(author)) or facts.author,
        published=metadata_date or facts.published,
        published_from="metadata" if metadata_date else facts.published_from,
        language=language,
        source_id=_clean_field(source_id),
        path=source,
        republished_from=facts.republished_from,
        words=len(facts.body.split()),
    )
