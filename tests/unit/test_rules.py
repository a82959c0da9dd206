"""The domain's pure rules (consult_app.rules), without Frappe."""

import datetime as dt
import re

import pytest

from consult_app import rules


def test_pure_modules_do_not_import_frappe():
	"""The unit tier's conftest refuses any import of frappe: importing these modules proves it."""
	from consult_app import ics
	from consult_app.process import states

	assert rules.EXCLUSION_FIELDS and ics.ics_event and states.Topic.STATES


@pytest.mark.parametrize(
	"start,end,expected",
	[
		("2026-01-02", "2026-01-01", True),
		("2026-01-01", "2026-01-01", False),
		("2026-01-01 10:00:00", "2026-01-01 09:59:59", True),
		(dt.date(2026, 1, 1), dt.datetime(2026, 1, 1, 8), False),
		(None, "2026-01-01", False),
		("2026-01-01", "", False),
	],
)
def test_ends_before_start(start, end, expected):
	assert rules.ends_before_start(start, end) is expected


@pytest.mark.parametrize(
	"value,bad", [(0, False), (100, False), (55.5, False), (-1, True), (100.01, True), (None, False)]
)
def test_percent_out_of_range(value, bad):
	assert rules.percent_out_of_range(value) is bad


def test_support_share():
	assert rules.support_share(3, 1) == 75.0
	assert rules.support_share(0, 0) == 0.0
	assert rules.support_share(None, 2) == 0.0


def test_earliest_meeting_date_is_publicity_start_plus_days():
	# Yancheng Norms art. 14: posted one week before the meeting
	assert rules.earliest_meeting_date("2026-03-01", 7) == dt.date(2026, 3, 8)
	assert rules.earliest_meeting_date(None, 7) is None


def test_yearly_minimum_field_by_level():
	assert rules.yearly_minimum_field("Town/Street") == "min_activities_town"
	assert rules.yearly_minimum_field("Nowhere") is None


def test_council_bounds_and_cadre_share():
	# Dacheng Plan: 20–30 fixed members, cadres at most half
	assert rules.council_too_large(31, 30)
	assert not rules.council_too_large(30, 30)
	assert rules.council_too_small(19, 20)
	assert not rules.council_too_small(0, 20)
	assert rules.cadre_share_exceeded(11, 20, 50)
	assert not rules.cadre_share_exceeded(10, 20, 50)
	assert not rules.cadre_share_exceeded(0, 0, 50)


def test_exclusion_check():
	answers = {f: "No" for f in rules.EXCLUSION_FIELDS}
	assert rules.unanswered_exclusions(answers) == []
	assert rules.hit_exclusions(answers) == []
	answers["ex_individual_dispute"] = "Yes"
	answers["ex_party_policy_law"] = ""
	assert rules.hit_exclusions(answers) == ["ex_individual_dispute"]
	assert rules.unanswered_exclusions(answers) == ["ex_party_policy_law"]
	assert len(rules.EXCLUSION_FIELDS) == 11  # nine of Dacheng Plan plus two of Yancheng Norms art. 11


def test_conveners_and_duplicates():
	assert rules.too_many_conveners(3)
	assert not rules.too_many_conveners(2)
	assert rules.duplicated(["a", "b", "a", "a"]) == ["a"]


def test_quarterly_cycle():
	# Gaosuntang Plan: by the 15th of the quarter's first month
	assert rules.quarter_of("2026-05-20") == 2
	assert rules.collection_deadline(2026, 3, 15) == dt.date(2026, 7, 15)
	assert rules.over_limit(6, 5)
	assert not rules.over_limit(5, 5)
	assert not rules.over_limit(9, 0)


def test_progress_never_goes_back_without_a_note():
	assert rules.progress_goes_back(50, 40, "")
	assert not rules.progress_goes_back(50, 40, "scope reduced by the county")
	assert not rules.progress_goes_back(40, 50, "")
	assert not rules.progress_goes_back(None, 10, "")


# -- typed text shown to others (the web form; email subjects; calendar files) ---------------------------


def test_plain_text_leaves_no_markup_of_the_xss_corpus():
	from xss_corpus import live_markup, payloads

	corpus = payloads("unit")
	for marker, payload in corpus:
		text = rules.plain_text(payload)
		assert not live_markup(text, [marker]), (payload, text)
		assert not re.search(r"<[A-Za-z!/?]", text), (payload, text)


@pytest.mark.parametrize(
	"typed,stored",
	[
		("水管 <img src=x onerror=alert(1)//", "水管 "),
		("<b>路灯</b>不亮", "路灯不亮"),
		("房价<5000元", "房价<5000元"),
		("a < b > c", "a  c"),
		("{{ 7*7 }}", "{{ 7*7 }}"),
		(None, ""),
	],
)
def test_plain_text_keeps_the_text(typed, stored):
	assert rules.plain_text(typed) == stored
