"""Stories: group articles that cover the same real-world story.

Each article becomes a sparse TF-IDF vector over its content words, its linked entities, its
resolved places and the merged events it reports. Articles are then clustered in publication
order: an article joins the story whose centroid it is most similar to (cosine, discounted when
the article lies far in time from the story), or starts a new story. Two more passes take each
new article out and place it again, so that an early article whose wording differs (a partisan
outlet's "terrorists neutralised" for a wire's "shelling") can join its story once the story
has gathered enough articles to be recognised.

Nothing is compared all-pairs: stories are indexed under the top features of their articles, and
an article is only compared with the stories that share one of its own top features. The pass is
incremental: stories given in `previous` are rebuilt first and keep their ids and members; new
articles join them or start new stories whose id derives from their first article's id.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from manysides.events import date_interval
from manysides.records import Annotation, Article, Entity

# A new article joins a story when its (time-discounted) cosine with the story centroid reaches
# this; tuned on ECB+ sub-topics and WikiRef220 topics (eval/score_stories.py).
JOIN_THRESHOLD = 0.25
# Features an article is indexed and looked up under; enough to find its story, few enough that
# a common word does not make every story a candidate.
BLOCKING_FEATURES = 10
MAX_CANDIDATES = 30
# Articles this many days from a story's nearest article are still "the same days" for it.
SAME_STORY_DAYS = 14
# Relative weights of the feature families, each normalised on its own (see `_tfidf`). Linked
# entities and places weigh less than words: the linker's ids vary between reports of one story
# more than its vocabulary does, and on ECB+ heavier entity weights merged look-alike stories.
WORD_WEIGHT = 1.0
TITLE_WEIGHT = 1.0
ENTITY_WEIGHT = 0.5
PLACE_WEIGHT = 0.25
EVENT_WEIGHT = 0.5
# The IDF acts as if the corpus had at least this many more articles (see `_tfidf`).
BACKGROUND_DOCUMENTS = 100
# A feature found in fewer articles than this cannot link two articles and only dilutes cosines.
MIN_DOCUMENT_FREQUENCY = 2
# Passes that take each new article out and place it again once the stories have formed.
REFINE_ROUNDS = 2
TITLE_LENGTH = 90

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_STOP = frozenset(STOP_WORDS) | {"said", "says", "told", "according", "reported", "news"}

Vector = dict[str, float]


@dataclass
class _Story:
    """A story being built: its members, their summed vectors and the days they span."""

    id: str
    members: list[str] = field(default_factory=list)
    centroid: Vector = field(default_factory=dict)
    norm_squared: float = 0.0
    days: list[date] = field(default_factory=list)  # sorted, so first and last bound the span

    def similarity(self, vector: Vector) -> float:
        if self.norm_squared <= 1e-12:
            return 0.0
        return self._dot(vector) / math.sqrt(self.norm_squared)

    def _dot(self, vector: Vector) -> float:
        return sum(weight * self.centroid.get(key, 0.0) for key, weight in vector.items())

    def add(self, article_id: str, vector: Vector, day: date | None) -> None:
        self.norm_squared += 2 * self._dot(vector) + sum(w * w for w in vector.values())
        for key, weight in vector.items():
            self.centroid[key] = self.centroid.get(key, 0.0) + weight
        self.members.append(article_id)
        if day is not None:
            bisect.insort(self.days, day)

    def remove(self, article_id: str, vector: Vector, day: date | None) -> None:
        for key, weight in vector.items():
            self.centroid[key] = self.centroid.get(key, 0.0) - weight
        self.norm_squared -= 2 * self._dot(vector) + sum(w * w for w in vector.values())
        self.members.remove(article_id)
        if day is not None:
            self.days.remove(day)


def group_stories(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    entities: Sequence[Entity],
    events: Sequence[dict],
    previous: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Article id -> story id for every article.

    `articles` should hold the stored articles as well as the new ones, so that stories in
    `previous` (article id -> story id) have content to be matched against; those assignments
    are kept as they are. A new story's id is `story_id_for` its earliest article.
    """
    previous = dict(previous or {})
    vectors = article_vectors(articles, annotations, entities, events)
    clusterer = _Clusterer(vectors, {a.id: _when(a) for a in articles})
    for article in sorted((a for a in articles if a.id in previous), key=_time_order):
        clusterer.add_to(previous[article.id], article.id)
    fresh = [a.id for a in sorted((a for a in articles if a.id not in previous), key=_time_order)]
    for article_id in fresh:
        clusterer.place(article_id)
    # A second look once every story has formed: an article read before its story had gathered
    # enough members to be recognised gets another chance to join it.
    for _ in range(REFINE_ROUNDS):
        for article_id in fresh:
            clusterer.replace(article_id)
    assignment = dict(previous)
    assignment.update(_named_by_first_article(clusterer.assignment, fresh, set(previous.values())))
    return assignment


def _named_by_first_article(
    assignment: Mapping[str, str], fresh: Sequence[str], kept_ids: set[str]
) -> dict[str, str]:
    """Stories that are not kept from `previous` take the id of their earliest article."""
    renamed: dict[str, str] = {}
    for article_id in fresh:  # in time order, so the first seen is the earliest
        story = assignment[article_id]
        if story not in kept_ids and story not in renamed:
            renamed[story] = story_id_for(article_id)
    return {key: renamed.get(story, story) for key, story in assignment.items()}


def _time_order(article: Article) -> tuple[str, str]:
    # Undated articles go last: a dated story is a better seed than an undated one.
    return (article.published or "9999", article.id)


class _Clusterer:
    """Centroid clustering with an inverted index from features to stories."""

    def __init__(self, vectors: Mapping[str, Vector], when: Mapping[str, _When]):
        self.vectors = vectors
        self.when = when
        self.stories: dict[str, _Story] = {}
        self.index: dict[str, list[str]] = defaultdict(list)
        self.assignment: dict[str, str] = {}
        self.blocking = {key: _top_features(vector) for key, vector in vectors.items()}

    def add_to(self, story_id: str, article_id: str) -> None:
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = _Story(story_id)
        story.add(article_id, self.vectors.get(article_id, {}), self._exact_day(article_id))
        for feature in self.blocking.get(article_id, ()):
            postings = self.index[feature]
            if not postings or postings[-1] != story_id:
                postings.append(story_id)
        self.assignment[article_id] = story_id

    def place(self, article_id: str) -> None:
        """Join the best-fitting story, or start a new one."""
        best, best_score = None, JOIN_THRESHOLD
        vector, when = self.vectors.get(article_id, {}), self.when.get(article_id, _When(None))
        for story in self._candidates(article_id):
            discount = time_discount(when.day, story.days, at_least=when.inferred)
            score = story.similarity(vector) * discount
            if score >= best_score:
                best, best_score = story, score
        self.add_to(best.id if best else self._new_id(article_id), article_id)

    def replace(self, article_id: str) -> None:
        """Take the article out of its story and place it again."""
        story = self.stories[self.assignment[article_id]]
        story.remove(article_id, self.vectors.get(article_id, {}), self._exact_day(article_id))
        if not story.members:
            del self.stories[story.id]  # its postings are skipped from now on
        self.place(article_id)

    def _exact_day(self, article_id: str) -> date | None:
        # Only dates the article states make a story's span: an inferred one is a lower bound.
        return self.when.get(article_id, _When(None)).exact_day

    def _new_id(self, article_id: str) -> str:
        story_id, number = story_id_for(article_id), 1
        while story_id in self.stories:  # the article's own story from the first pass
            story_id, number = f"{story_id_for(article_id)}-{number}", number + 1
        return story_id

    def _candidates(self, article_id: str) -> list[_Story]:
        shared: Counter[str] = Counter()
        for feature in self.blocking.get(article_id, ()):
            # The newest stories under a feature: an old story under a common word rarely fits.
            shared.update(set(self.index.get(feature, ())[-MAX_CANDIDATES:]))
        return [self.stories[s] for s, _ in shared.most_common() if s in self.stories][
            :MAX_CANDIDATES
        ]


def story_id_for(article_id: str) -> str:
    """The id of a story first seen with this article: stable across runs."""
    return f"story-{article_id}"


def time_discount(day: date | None, story_days: Sequence[date], *, at_least: bool = False) -> float:
    """1 within SAME_STORY_DAYS of the story's (sorted) days, shrinking with the gap beyond.

    With `at_least`, `day` is only a lower bound (an inferred date is the latest date the text
    mentions): the article may be as late as the story, so only a story that ended long before
    it is far from it.
    """
    if day is None or not story_days:
        return 1.0
    first, last = story_days[0], story_days[-1]
    if at_least:
        gap = max(0, (day - last).days)
    else:
        gap = (first - day).days if day < first else max(0, (day - last).days)
    return 1.0 if gap <= SAME_STORY_DAYS else SAME_STORY_DAYS / gap


@dataclass(frozen=True)
class _When:
    """When an article appeared: a date, and whether it is only a lower bound."""

    day: date | None
    inferred: bool = False

    @property
    def exact_day(self) -> date | None:
        return None if self.inferred else self.day


def _when(article: Article) -> _When:
    try:
        day = date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return _When(None)
    return _When(day, inferred=article.published_from == "inferred")


def _top_features(vector: Vector) -> list[str]:
    ranked = sorted(vector.items(), key=lambda item: (-item[1], item[0]))
    return [key for key, _ in ranked[:BLOCKING_FEATURES]]


# ---------------------------------------------------------------- features


def article_vectors(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    entities: Sequence[Entity],
    events: Sequence[dict],
) -> dict[str, Vector]:
    """Article id -> unit-length TF-IDF vector over words, entities, places and events."""
    counts = _feature_counts(articles, annotations, entities, events)
    document_frequency: Counter[str] = Counter()
    for features in counts.values():
        document_frequency.update(features.keys())
    total = len(counts)
    return {key: _tfidf(features, document_frequency, total) for key, features in counts.items()}


def _feature_counts(articles, annotations, entities, events) -> dict[str, Counter[str]]:
    counts = {a.id: _word_counts(a) for a in articles}
    _add_features(counts, _entity_features(entities))
    _add_features(counts, _place_features(annotations))
    _add_features(counts, _event_features(events))
    return counts


def _add_features(counts: dict[str, Counter[str]], features: Iterable[tuple[str, str]]) -> None:
    for article_id, feature in features:
        if article_id in counts:
            counts[article_id][feature] += 1


def content_words(text: str) -> list[str]:
    """Lower-cased content words: no stop words, no numbers, crude plural folding."""
    words = []
    for match in _WORD.finditer(text):
        word = match.group().lower().strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in _STOP:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    return words


def _word_counts(article: Article) -> Counter[str]:
    counts: Counter[str] = Counter()
    for word in content_words(article.text):
        counts[f"w:{word}"] += 1
    for word in content_words(article.title or ""):
        counts[f"t:{word}"] += 1
    return counts


def _entity_features(entities: Sequence[Entity]) -> Iterable[tuple[str, str]]:
    for entity in entities:
        for mention in entity.mentions:
            yield mention.article, f"e:{entity.id}"


def _place_features(annotations: Sequence[Annotation]) -> Iterable[tuple[str, str]]:
    for annotation in annotations:
        for place in annotation.places:
            key = place.geonameid if place.geonameid is not None else place.name.lower()
            yield annotation.article, f"p:{key}"


def _event_features(events: Sequence[dict]) -> Iterable[tuple[str, str]]:
    for event in events:
        for article_id in set(event.get("articles") or ()):
            yield article_id, f"v:{event['id']}"


_FAMILY_WEIGHTS = {"w": WORD_WEIGHT, "t": TITLE_WEIGHT, "e": ENTITY_WEIGHT, "p": PLACE_WEIGHT,
                   "v": EVENT_WEIGHT}  # fmt: skip


def _tfidf(features: Counter[str], document_frequency: Counter[str], total: int) -> Vector:
    """Unit vector in which each feature family has its own weight, however long the text.

    Each family is normalised on its own first, so that a long article's many words do not drown
    the few actors and places that say which story it is. The IDF pretends the corpus is at least
    BACKGROUND_DOCUMENTS long: in a corpus of ten articles on one story its shared names would
    otherwise weigh least of all, the opposite of what a reader's background would say.
    """
    families: dict[str, Vector] = defaultdict(dict)
    for feature, count in features.items():
        if document_frequency[feature] < MIN_DOCUMENT_FREQUENCY and total > 1:
            continue
        idf = math.log((total + BACKGROUND_DOCUMENTS) / (document_frequency[feature] + 1))
        families[feature[0]][feature] = (1.0 + math.log(count)) * idf
    vector: Vector = {}
    for family, weights in families.items():
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        scale = math.sqrt(_FAMILY_WEIGHTS.get(family, 1.0)) / norm
        vector.update((feature, weight * scale) for feature, weight in weights.items())
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {feature: weight / norm for feature, weight in vector.items()}


# ---------------------------------------------------------------- records


def story_records(
    assignment: Mapping[str, str], articles: Sequence[Article], events: Sequence[dict]
) -> list[dict]:
    """One record per story: {id, title, articles, timeline, summary: []}, biggest first."""
    members: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=_time_order):
        if article.id in assignment:
            members[assignment[article.id]].append(article)
    timelines = _timelines(assignment, events)
    records = [
        {"id": story_id, "title": story_title(group), "articles": [a.id for a in group],
         "timeline": timelines.get(story_id, []), "summary": []}
        for story_id, group in members.items()
    ]  # fmt: skip
    records.sort(key=lambda r: (-len(r["articles"]), r["id"]))
    return records


def _timelines(assignment: Mapping[str, str], events: Sequence[dict]) -> dict[str, list[str]]:
    """Story id -> its events' ids by date; an event goes to the story of most of its articles."""
    dated: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for event in events:
        stories = Counter(assignment[a] for a in event.get("articles") or () if a in assignment)
        if stories:
            story = min(stories, key=lambda s: (-stories[s], s))
            dated[story].append((_date_key(event.get("date")), event["id"]))
    return {story: [key for _, key in sorted(items)] for story, items in dated.items()}


def _date_key(value: str | None) -> tuple:
    """Order by the first day a TimeML value covers ("2016-W39" by its Monday), undated last."""
    interval = date_interval(value) if value else None
    return (0, interval[0], interval[1]) if interval else (1, date.max, date.max)


def story_title(group: Sequence[Article]) -> str:
    """A short title: the most central headline; an article's opening words only when no
    article of the story has a headline."""
    titled = [a for a in group if (a.title or "").strip()]
    central = _most_central(titled or group)
    text = (central.title or "").strip() or central.text.strip().split("\n")[0]
    if len(text) <= TITLE_LENGTH:
        return text
    return text[:TITLE_LENGTH].rsplit(" ", 1)[0] + "…"


def _most_central(group: Sequence[Article]) -> Article:
    """The article whose words best match the whole story's words; copies only when alone."""
    originals = [a for a in group if not a.copy_of and not a.republished_from] or list(group)
    bags = {a.id: Counter(content_words(f"{a.title or ''} {a.text}")) for a in group}
    story_bag: Counter[str] = Counter()
    for bag in bags.values():
        story_bag.update(set(bag))
    return max(originals, key=lambda a: (_overlap(bags[a.id], story_bag), a.id))


def _overlap(bag: Counter[str], story_bag: Counter[str]) -> float:
    # Words shared by more of the story's articles count more; long articles are not favoured.
    if not bag:
        return 0.0
    return sum(story_bag[word] for word in bag) / len(bag)
