"""find_copies: syndicated and republished copies point at the earliest original."""

from __future__ import annotations

import random
import time

from manysides.ingest import article_from_text, find_copies
from manysides.records import Article

STORY = (
    "Russian and Syrian government aircraft carried out dozens of strikes on the eastern "
    "districts of Aleppo overnight, according to rescue workers and a monitoring group, in "
    "the heaviest bombardment since the collapse of the ceasefire last week.\n\n"
    "The United Nations said that more than two hundred thousand people remained trapped in "
    "the besieged part of the city, where food and medicine were running out and hospitals "
    "had been forced to close after repeated attacks.\n\n"
    "Secretary of State John Kerry spoke to Foreign Minister Sergei Lavrov by phone on "
    "Wednesday and warned that Washington would suspend its talks with Moscow on Syria unless "
    "the assault stopped. Russian officials said the strikes were aimed at militants who had "
    "refused to leave the city and accused the United States of failing to separate the "
    "moderate opposition from extremist groups.\n\n"
    "Aid agencies appealed for a pause in the fighting of at least forty-eight hours so that "
    "convoys waiting at the Turkish border could reach the city and the wounded could be "
    "evacuated to hospitals in the countryside."
)
OTHER_STORY = (
    "The central bank left its main interest rate unchanged on Thursday, saying that inflation "
    "remained close to its target and that the labour market was still recovering from the "
    "downturn of the previous year.\n\n"
    "Economists had expected the decision, although some had argued that a small cut would "
    "help exporters struggling with the strength of the currency. The governor said the bank "
    "was ready to act if growth slowed further in the coming months, and that officials would "
    "watch closely the effect of lower oil prices on household spending and business "
    "investment."
)


def make(text: str, published: str | None = None, source: str = "x.txt") -> Article:
    article = article_from_text(text, source=source, published=published)
    return article


def test_exact_copy_with_different_typography_points_at_the_earlier_article():
    original = make(STORY, "2016-09-28")
    copy = make(STORY.replace("forty-eight", "forty - eight").replace(".", " ."), "2016-09-29")

    assert copy.id != original.id
    assert find_copies([copy, original]) == {copy.id: original.id}


def test_near_copy_with_its_own_header_and_footer_is_a_copy():
    original = make(STORY, "2016-09-27")
    republished = make(
        "Global Research, September 28, 2016\n\nRegion: Middle East\n\n"
        "Syria: a week of bombing in Aleppo\n\nEditor's note: we publish this report because "
        f"our readers asked for news from the city.\n\n{STORY}\n\n"
        "Join the discussion of this report on our forum, and tell us what you think of the "
        "coverage of the war in Syria by the major networks this month.",
        "2016-09-28",
    )

    assert republished.text != original.text
    assert find_copies([original, republished]) == {republished.id: original.id}


def test_different_articles_are_not_copies():
    first = make(STORY, "2016-09-28")
    second = make(OTHER_STORY, "2016-09-28")

    assert find_copies([first, second]) == {}


def test_an_article_sharing_one_paragraph_is_not_a_copy():
    first = make(STORY, "2016-09-28")
    quoting = make(OTHER_STORY + "\n\n" + STORY.split("\n\n")[1], "2016-09-29")

    assert find_copies([first, quoting]) == {}


def test_earliest_published_is_the_original_whatever_the_order():
    later = make(STORY + "\n\nThis report was updated with comment from Moscow.", "2016-10-01")
    earlier = make(STORY, "2016-09-28")
    undated = make(STORY + "\n\nWritten with reporting from Beirut.", None)

    assert find_copies([later, undated, earlier]) == {later.id: earlier.id, undated.id: earlier.id}


def test_copy_in_a_later_batch_points_at_the_stored_original():
    stored = make(STORY, "2016-09-28")
    new_copy = make(STORY + "\n\nRepublished with permission.", "2016-09-27")
    new_other = make(OTHER_STORY, "2016-09-27")

    assert find_copies([new_copy, new_other], previous=[stored]) == {new_copy.id: stored.id}


def test_copy_of_a_copy_points_at_the_first_original():
    stored_original = make(STORY, "2016-09-28")
    stored_copy = Article(**{**make(STORY + "\n\nSyndicated.", "2016-09-29").__dict__,
                             "copy_of": stored_original.id})
    new_copy = make(STORY + "\n\nSyndicated again by a third site.", "2016-09-30")

    copies = find_copies([new_copy], previous=[stored_original, stored_copy])

    assert copies == {new_copy.id: stored_original.id}


def test_two_thousand_distinct_articles_take_a_few_seconds_and_give_no_copies():
    generator = random.Random(3)
    vocabulary = [
        "".join(generator.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
        for _ in range(5000)
    ]
    articles = [
        Article(id=f"{number:016x}", text=" ".join(generator.choices(vocabulary, k=250)),
                published="2016-09-28")
        for number in range(2000)
    ]
    articles.append(Article(id="f" * 16, text=articles[10].text + " extra words at the end",
                            published="2016-09-29"))

    started = time.perf_counter()
    copies = find_copies(articles)
    elapsed = time.perf_counter() - started

    assert copies == {"f" * 16: articles[10].id}
    assert elapsed < 10, f"{elapsed:.1f} s for 2,000 articles"
