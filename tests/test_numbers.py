"""The one number reader: words, digits, scales and vague quantities, and the three callers that
use it (event magnitudes, compare's counts, the brief's number check) reading numbers alike."""

from __future__ import annotations

import pytest

from manysides.annotate.event_magnitude import parse_count
from manysides.compare_text import counts_in
from manysides.numbers import find_numbers, lower_bound, parse_number
from manysides.summarize_text import numbers_in


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("two", 2), ("forty-five", 45), ("twenty five", 25), ("1.2 million", 1_200_000),
     ("40,000", 40_000), ("a dozen", 12), ("two dozen", 24), ("two hundred and fifty", 250),
     ("one thousand two hundred", 1_200), ("two hundred thousand", 200_000),
     ("at least 23", 23), ("more than 1.5 million", 1_500_000)],
)  # fmt: skip
def test_exact_numbers_parse_to_their_value(phrase, value):
    assert parse_number(phrase) == value
    assert lower_bound(phrase) == value


@pytest.mark.parametrize(
    ("phrase", "bound"),
    [("dozens", 24), ("tens of thousands", 20_000), ("hundreds of thousands", 200_000),
     ("several hundred", 300), ("thousands", 2_000), ("several", None), ("many", None)],
)  # fmt: skip
def test_vague_quantities_have_a_lower_bound_and_no_exact_value(phrase, bound):
    assert parse_number(phrase) is None
    assert lower_bound(phrase) == bound


def test_phrases_without_a_number_are_none():
    assert parse_number("the market") is None and lower_bound("a") is None


def test_find_numbers_reads_digits_words_and_scales_in_text_order():
    text = "About 40,000 fled, forty-five of them children; 1.2 million sheep; two hundred and one."
    assert [(n.text, n.value) for n in find_numbers(text)] == [
        ("40,000", 40_000), ("forty-five", 45), ("1.2 million", 1_200_000),
        ("two hundred and one", 201)]  # fmt: skip


def test_find_numbers_keeps_vague_quantities_apart_when_asked():
    text = "Tens of thousands fled and several hundred stayed; three were hurt."
    assert [n.text for n in find_numbers(text)] == ["hundred", "three"]
    found = find_numbers(text, vague=True)
    assert [(n.text, n.value, n.vague) for n in found] == [
        ("Tens of thousands", 20_000, True), ("several hundred", 300, True), ("three", 3, False)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("forty-five", 45), ("two dozen", 24), ("two hundred thousand", 200_000),
     ("1.4 million", 1_400_000), ("a hundred", 100)],
)  # fmt: skip
def test_the_three_callers_read_a_number_alike(text, value):
    sentence = f"Officials said {text} people were displaced."
    assert [c.value for c in counts_in(sentence)] == [value]
    assert numbers_in(sentence) == {value}
    assert parse_count(text) == value
