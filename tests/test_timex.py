"""Time expressions normalised against a fixed publication date: Wednesday 2016-09-28."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from manysides.annotate.timex import find_timexes

WEDNESDAY = dt.date(2016, 9, 28)


def tag(text: str, anchor: dt.date | None = WEDNESDAY) -> dict[str, tuple[str, str]]:
    """{span text: (value, type)} for every timex found."""
    return {t.text: (t.value, t.type) for t in find_timexes(text, anchor, "a1")}


def value_of(text: str, phrase: str, anchor: dt.date | None = WEDNESDAY) -> str:
    found = tag(text, anchor)
    assert phrase in found, f"{phrase!r} not tagged in {text!r}: {found}"
    return found[phrase][0]


def test_the_articles_own_weekday_is_the_anchor_day():
    assert value_of("The council meets on Wednesday to vote.", "Wednesday") == "2016-09-28"


def test_a_past_tense_weekday_is_the_most_recent_one():
    assert value_of("Rebels attacked the convoy on Monday.", "Monday") == "2016-09-26"


def test_a_weekday_in_the_future_tense_goes_forward():
    assert value_of("The talks will resume Friday in Geneva.", "Friday") == "2016-09-30"
    assert value_of("They meet again next Monday.", "next Monday") == "2016-10-03"
    assert value_of("They met last Wednesday.", "last Wednesday") == "2016-09-21"
    # a schedule in the present tense: the deal, signed before, takes effect after
    text = "The agreement, brokered by the UN and hosted by Geneva, comes into force on Friday."
    assert value_of(text, "Friday") == "2016-09-30"


def test_months_weeks_and_years_relative_to_the_anchor():
    assert value_of("Earlier this month, prices rose.", "Earlier this month") == "2016-09"
    assert value_of("Talks resumed this week.", "this week") == "2016-W39"
    assert value_of("Talks collapsed last week.", "last week") == "2016-W38"
    assert value_of("Exports fell last year.", "last year") == "2015"
    assert value_of("Elections are due next month.", "next month") == "2016-10"
    assert value_of("It was hot last summer.", "last summer") == "2015-SU"
    assert value_of("A vote is expected in early December.", "early December") == "2016-12"


def test_durations_are_not_dates():
    found = tag("He spent five years in prison and 90 days in a camp; the war lasted a decade.")
    assert found["five years"] == ("P5Y", "DURATION")
    assert found["90 days"] == ("P90D", "DURATION")
    assert found["a decade"] == ("P10Y", "DURATION")
    assert tag("It took over a decade.")["over a decade"] == ("P10Y", "DURATION")
    assert value_of("Fighting raged for the past two weeks.", "the past two weeks") == "P2W"


def test_counted_back_from_the_anchor_is_a_date():
    found = tag("The ceasefire began a week ago.")
    assert found["a week ago"] == ("2016-09-21", "DATE")


def test_may_the_verb_and_march_the_verb_are_not_months():
    assert tag("Officials said the talks may fail.") == {}
    assert "March" not in tag("Thousands march in protest.")
    assert value_of("The accord was signed in May.", "May") == "2016-05"


def test_numbers_that_are_not_years():
    assert tag("Some 2,000 people fled and 1,500 were hurt.") == {}
    assert "1500" not in tag("About 1500 troops arrived.")
    assert value_of("The war began in 2011.", "2011") == "2011"


def test_absolute_dates_in_common_formats():
    for text in (
        "September 28, 2016",
        "28 September 2016",
        "Sept. 28",
        "9/28/2016",
        "2016-09-28",
        "Wed September 28, 2016",
    ):
        assert value_of(f"It happened on {text}.", text) == "2016-09-28", text
    assert value_of("Aleppo fell in September 2016.", "September 2016") == "2016-09"


def test_decades_centuries_quarters_and_fiscal_years():
    assert value_of("It was built in the 1990s.", "the 1990s") == "199"
    assert value_of("A relic of the 19th century.", "the 19th century") == "18"
    assert value_of("Profit rose in the third quarter.", "the third quarter") == "2016-Q3"
    assert value_of("Results for fiscal 2015 were weak.", "fiscal 2015") == "2015"


def test_today_yesterday_tomorrow_tonight():
    found = tag("Today he said that yesterday was calm and tomorrow looks worse, tonight too.")
    assert found["Today"] == ("2016-09-28", "DATE")
    assert found["yesterday"] == ("2016-09-27", "DATE")
    assert found["tomorrow"] == ("2016-09-29", "DATE")
    assert found["tonight"] == ("2016-09-28TNI", "TIME")


def test_times_of_day():
    assert tag("The strike hit at 4:34 PM.")["4:34 PM"] == ("2016-09-28T16:34", "TIME")
    found = tag("The convoy was hit Wednesday morning.")
    assert found["Wednesday morning"] == ("2016-09-28TMO", "TIME")


def test_references_and_sets():
    found = tag("Prices are now high; aid recently arrived and trucks cross daily, every week.")
    assert found["now"] == ("PRESENT_REF", "DATE")
    assert found["recently"] == ("PAST_REF", "DATE")
    assert found["daily"] == ("P1D", "SET")
    assert found["every week"] == ("P1W", "SET")


def test_later_counts_from_the_last_date_mentioned():
    text = "The raid came on Sept. 12. Two days later the town fell."
    assert value_of(text, "Two days later") == "2016-09-14"


def test_without_an_anchor_relative_values_stay_unresolved():
    found = tag("On Wednesday, he left; last year it rained; recently it snowed.", anchor=None)
    assert found["Wednesday"][0] == "XXXX-WXX-3"
    assert found["recently"][0] == "PAST_REF"
    assert value_of("Talks began on March 3, 2015.", "March 3, 2015", anchor=None) == "2015-03-03"


def test_offsets_point_at_the_expression():
    text = "Russian jets struck Aleppo on Monday, and again on 27 September 2016."
    timexes = find_timexes(text, WEDNESDAY, "a1")
    assert [text[t.start : t.end] for t in timexes] == ["Monday", "27 September 2016"]
    assert all(t.article == "a1" for t in timexes)
    assert [t.granularity for t in timexes] == ["day", "day"]


@pytest.mark.parametrize("anchor", [WEDNESDAY, dt.datetime(2016, 9, 28, 16, 34)])
def test_a_datetime_anchor_works_like_its_date(anchor):
    assert value_of("It ended yesterday.", "yesterday", anchor) == "2016-09-27"


def test_weekends_relative_words_and_month_with_relative_year():
    assert value_of("Over the weekend, jets struck the city.", "the weekend") == "2016-W38-WE"
    assert value_of("Aid arrived in June last year.", "June last year") == "2015-06"
    assert (
        value_of("In 2012 talks failed; later that year war spread.", "later that year") == "2012"
    )
    assert value_of(
        "It fell on a Sunday; the previous Friday was calm.", "the previous Friday"
    ) == ("2016-09-23")


@pytest.mark.parametrize(
    "text", ["", "   ", "Feb. 30", "ninety-six centuries later", "9/31/2016", "12:75 GMT"]
)
@pytest.mark.parametrize("anchor", [None, dt.date(1, 1, 1), dt.date(9999, 12, 31), WEDNESDAY])
def test_odd_input_never_raises(text, anchor):
    for timex in find_timexes(text, anchor):
        assert text[timex.start : timex.end] == timex.text


def test_fast_enough_for_every_article():
    paragraph = (
        "Russian and Syrian jets struck eastern Aleppo on Wednesday, a week after the ceasefire "
        "collapsed. The United Nations said 2,000 people had fled, and that aid convoys may "
        "resume if the guns fall silent. Rebel commanders told reporters that they would not "
        "leave the city, while government officials accused them of using civilians as human "
        "shields. The Syrian Observatory for Human Rights, a monitoring group based in Britain, "
        "said at least 40 people were killed in the bombardment of several neighbourhoods.\n"
    )
    text = paragraph * 2500  # about 1.2 MB of news-like text
    started = time.process_time()
    found = find_timexes(text, WEDNESDAY)
    elapsed = time.process_time() - started
    assert len(found) == 2500 * 2  # "Wednesday" and "a week"; no number taken for a year
    # About 2.5 MB/s on a quiet machine; the bar leaves room for slow, shared test runners.
    assert len(text) / elapsed > 1_000_000, f"{len(text) / elapsed:.0f} characters a second"
