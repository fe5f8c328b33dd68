"""Entity recognition against the CoNLL-2003 English dev set (exact-span P/R/F1, conlleval-style).

    python -m eval.score_ner               # our pipeline (with the actor EntityRuler)
    python -m eval.score_ner --no-ruler    # the bare spaCy model, for comparison
    python -m eval.score_ner --limit 50    # only the first 50 documents

Documents are rebuilt from the tokens (tokens joined with spaces, sentences with newlines).
The stored file has no -DOCSTART- lines, so a document is taken to start at the headline
before each dateline ("LONDON 1996-08-30"). spaCy's labels are mapped to CoNLL's four types.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from eval.common import PRF, dataset

LABEL_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
    "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'/-]* \d{4}-\d{2}-\d{2}$")

Sentence = list[tuple[str, str]]  # (token, IOB2 tag)


@dataclass
class Document:
    """A rebuilt document: its text and its gold entity spans (start, end, type)."""

    text: str
    gold: set[tuple[int, int, str]] = field(default_factory=set)


def read_sentences(path: Path) -> list[Sentence]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    return sentences


def split_documents(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Cut before each headline, i.e. the sentence before a dateline."""
    starts = {0}
    for index, sentence in enumerate(sentences):
        if index > 0 and _DATELINE.match(" ".join(token for token, _ in sentence)):
            starts.add(index - 1)
    bounds = sorted(starts) + [len(sentences)]
    return [sentences[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def build_document(sentences: list[Sentence]) -> Document:
    text_parts, gold, offset = [], set(), 0
    for number, sentence in enumerate(sentences):
        if number:
            text_parts.append("\n")
            offset += 1
        spans = []
        for position, (token, _) in enumerate(sentence):
            if position:
                text_parts.append(" ")
                offset += 1
            spans.append((offset, offset + len(token)))
            text_parts.append(token)
            offset += len(token)
        gold.update(_gold_spans(sentence, spans))
    return Document("".join(text_parts), gold)


def _gold_spans(sentence: Sentence, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Entity spans from IOB tags; an I- tag that does not continue an entity starts one."""
    entities: list[list] = []
    previous = "O"
    for (_, tag), (start, end) in zip(sentence, spans, strict=True):
        kind = tag[2:]
        if tag != "O" and tag.startswith("I-") and previous[2:] == kind and previous != "O":
            entities[-1][1] = end
        elif tag != "O":
            entities.append([start, end, kind])
        previous = tag
    return [tuple(entity) for entity in entities]


def load_documents(limit: int | None = None) -> list[Document]:
    sentences = read_sentences(dataset("conll2003") / "eng.testa")
    documents = [build_document(group) for group in split_documents(sentences)]
    return documents[:limit] if limit else documents


def predicted_spans(nlp, documents: list[Document]) -> list[set[tuple[int, int, str]]]:
    texts = [d.text for d in documents]
    found = []
    for doc in nlp.pipe(texts, batch_size=32, n_process=1):
        found.append({
            (ent.start_char, ent.end_char, LABEL_MAP[ent.label_])
            for ent in doc.ents
            if ent.label_ in LABEL_MAP
        })
    return found


def score(nlp, documents: list[Document]) -> dict[str, PRF]:
    """Exact-span P/R/F1 overall ("ALL") and per CoNLL type."""
    results = {kind: PRF() for kind in ("ALL", *TYPES)}
    for document, predicted in zip(documents, predicted_spans(nlp, documents), strict=True):
        for kind in ("ALL", *TYPES):
            gold = {s for s in document.gold if kind in ("ALL", s[2])}
            mine = {s for s in predicted if kind in ("ALL", s[2])}
            results[kind].true_positives += len(gold & mine)
            results[kind].gold += len(gold)
            results[kind].predicted += len(mine)
    return results


def pipeline(with_ruler: bool = True):
    """Our pipeline, or the bare model it is built on."""
    if with_ruler:
        from manysides.annotate.nlp import load_nlp

        return load_nlp()
    import spacy

    from manysides.annotate.nlp import MODEL_PACKAGE

    return spacy.load(MODEL_PACKAGE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-ruler", action="store_true", help="score the bare spaCy model")
    parser.add_argument("--limit", type=int, default=None, help="score only N documents")
    args = parser.parse_args()
    documents = load_documents(args.limit)
    results = score(pipeline(not args.no_ruler), documents)
    print(f"CoNLL-2003 eng.testa, {len(documents)} documents, "
          f"{'bare model' if args.no_ruler else 'with actor ruler'}")
    for kind, prf in results.items():
        print(f"  {kind:4}  P {prf.precision:.4f}  R {prf.recall:.4f}  F1 {prf.f1:.4f}  "
              f"(gold {prf.gold}, predicted {prf.predicted})")


if __name__ == "__main__":
    main()
