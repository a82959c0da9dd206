"""The demo shows the whole process on a site without it: loaded once for this module (a few minutes),
then asserted from the domain's side — every state a topic takes on the way to Concluded, A/B/C outcomes
evaluated, an overdue outcome, the temporary topic's two steps, an anonymous proposal, what the public
pages and the reports have to show — and a second load makes nothing.

The demo's records are removed before the load (a site where an earlier run left them) and after the
module, so the other tests' site holds no demo data.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import frappe
import pytest
import requests
from frappe.utils import getdate, today

from consult_app import demo
from consult_app.demo import data
from consult_app.demo.actors import act, step
from consult_app.exceptions import DemoStepError
from consult_app.process.states import Outcome, Topic
from consult_app.rules import CLASS_A, CLASS_B, CLASS_C

TOPIC = Topic.DOCTYPE
OUTCOME = Outcome.DOCTYPE
MEETING = "Consultation Meeting"
ROOMS = [r["room_name"] for r in data.ROOMS]
USERS = [u[0] for u in data.USERS.values()]


# -- loading and removing the demo --------------------------------------------------------------------


def demo_records() -> dict[str, list[str]]:
	"""Every record the demo makes, by DocType (found by the demo's rooms, titles and users)."""
	topics = frappe.get_all(TOPIC, filters={"room": ("in", ROOMS)}, pluck="name")
	meetings = frappe.get_all(MEETING, filters={"room": ("in", ROOMS)}, pluck="name")
	return {
		OUTCOME: frappe.get_all(OUTCOME, filters={"topic": ("in", topics or [""])}, pluck="name"),
		MEETING: meetings,
		"Consultation Research": frappe.get_all(
			"Consultation Research", filters={"topic": ("in", topics or [""])}, pluck="name"
		),
		TOPIC: topics,
		"Consultation Plan": frappe.get_all(
			"Consultation Plan", filters={"room": ("in", ROOMS)}, pluck="name"
		),
		"Consultation Public Call": frappe.get_all(
			"Consultation Public Call", filters={"room": ("in", ROOMS)}, pluck="name"
		),
		"Consultation Member Group": frappe.get_all(
			"Consultation Member Group", filters={"room": ("in", ROOMS)}, pluck="name"
		),
		"Consultation Participant": frappe.get_all(
			"Consultation Participant", filters={"room": ("in", ROOMS)}, pluck="name"
		),
		**{
			doctype: frappe.get_all(doctype, filters={"name": ("in", names)}, pluck="name")
			for doctype, names in (
				("Consultation Handling Unit", [u[0] for u in data.HANDLING_UNITS]),
				("Consultation Expertise", list(data.EXPERTISE)),
				("Consultation Room", ROOMS),
				("User", USERS),
			)
		},
	}


def remove_demo():
	"""Test teardown: delete the demo's records, their child rows and what refers to them (versions,
	comments, workflow actions, assignments, user permissions), and commit."""
	frappe.set_user("Administrator")
	for doctype, names in demo_records().items():
		if not names:
			continue
		for df in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(df.options, {"parent": ("in", names), "parenttype": doctype})
		for ref, field in (
			("Version", "docname"),
			("Comment", "reference_name"),
			("ToDo", "reference_name"),
			("Workflow Action", "reference_name"),
			("File", "attached_to_name"),
			("Email Queue", "reference_name"),
			("Notification Log", "document_name"),
		):
			frappe.db.delete(ref, {field: ("in", names)})
		frappe.db.delete(doctype, {"name": ("in", names)})
	contacts = frappe.get_all("Contact", filters={"user": ("in", USERS)}, pluck="name")
	for child in ("Contact Email", "Contact Phone", "Dynamic Link"):
		frappe.db.delete(child, {"parent": ("in", contacts or [""]), "parenttype": "Contact"})
	frappe.db.delete("Contact", {"name": ("in", contacts or [""])})
	frappe.db.delete("DefaultValue", {"parent": ("in", USERS)})
	frappe.db.delete("User Permission", {"user": ("in", USERS)})
	frappe.db.delete("User Permission", {"allow": "Consultation Room", "for_value": ("in", ROOMS)})
	frappe.db.delete("Has Role", {"parent": ("in", USERS), "parenttype": "User"})
	frappe.db.commit()
	frappe.cache.delete_value("user_permissions")


def counts() -> dict[str, int]:
	return {doctype: len(names) for doctype, names in demo_records().items()}


@pytest.fixture(scope="module")
def loaded(personas, live_server):
	"""The demo loaded on a site without it, then loaded a second time (on the test site with its outgoing
	email account, as the other tests have it): (what each load printed, counts
	after the first load, counts after the second, latest changes after each)."""
	remove_demo()
	assert not any(counts()[d] for d in (TOPIC, OUTCOME, MEETING, "Consultation Room"))
	try:
		first, second = io.StringIO(), io.StringIO()
		with redirect_stdout(first):
			demo.load()
		after_first = counts(), latest_change()
		with redirect_stdout(second):
			demo.load()
		after_second = counts(), latest_change()
		frappe.set_user("Administrator")
		yield first, second, after_first, after_second
	finally:
		frappe.db.rollback()
		remove_demo()


def latest_change() -> dict:
	"""The latest change of each kind of demo record, and how many comments the records carry (a workflow
	step or an edit would leave one)."""
	records = demo_records()
	changed = {
		doctype: frappe.db.get_value(doctype, {"name": ("in", names)}, "max(modified)") if names else None
		for doctype, names in records.items()
	}
	everything = [n for names in records.values() for n in names]
	changed["comments"] = frappe.db.count("Comment", {"reference_name": ("in", everything)})
	return changed


def topic(title: str):
	return frappe.get_doc(TOPIC, {"title": title, "room": ("in", ROOMS)})


def steps_taken(doc) -> list[tuple[str, str]]:
	"""(state, user) of each workflow step the document took, in order: the workflow's own record (the
	"Workflow" comment apply_workflow adds, in the language of the moment)."""
	names = {frappe._(s): s for s in (*Topic.STATES, *Outcome.STATES)} | {
		s: s for s in (*Topic.STATES, *Outcome.STATES)
	}
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": doc.doctype, "reference_name": doc.name, "comment_type": "Workflow"},
		fields=["content", "owner"],
		order_by="creation asc, name asc",
	)
	return [(names.get(c.content, c.content), c.owner) for c in comments]


def states_taken(doc) -> list[str]:
	return [Topic.DRAFT] + [state for state, _user in steps_taken(doc)]


# -- the states reached ---------------------------------------------------------------------------------


def test_one_topic_goes_through_every_state_to_concluded(loaded):
	"""Draft → Submitted → Shortlisted → Party Approved → Publicized → Researching → Ready for
	Consultation → Consulted → Concluded (Dacheng Plan IV.4 三段六步; Yancheng Norms art. 12–19)."""
	history = topic(data.HISTORY)
	assert history.workflow_state == Topic.CONCLUDED
	assert states_taken(history) == [
		Topic.DRAFT,
		Topic.SUBMITTED,
		Topic.SHORTLISTED,
		Topic.APPROVED,
		Topic.PUBLICIZED,
		Topic.RESEARCHING,
		Topic.READY,
		Topic.CONSULTED,
		Topic.CONCLUDED,
	]
	assert history.is_temporary == 0 and history.plan  # in the approved annual plan (Hai'an Plan II.3)
	assert history.filing_number  # a town/street room files with the county CPPCC (Yancheng Norms art. 14)
	# approved, publicized, researched and consulted in that order, the meeting after the 7-day publicity
	meeting = frappe.get_doc(MEETING, {"meeting_title": data.MEETINGS[data.HISTORY]["meeting_title"]})
	assert getdate(history.approved_on) <= getdate(history.publicity_start)
	assert (getdate(meeting.start) - getdate(history.publicity_start)).days >= 7
	assert meeting.docstatus == 1


def test_the_temporary_topic_is_reviewed_by_the_chair_meeting_then_approved(loaded):
	"""Hai'an Plan II.3: a topic outside the annual plan runs on its own plan, reviewed by the chair
	meeting, then approved by the party organisation — two steps, by two people."""
	charging = topic(data.CHARGING)
	assert charging.is_temporary == 1 and charging.temporary_plan and charging.chair_meeting_on
	assert states_taken(charging) == [
		Topic.DRAFT,
		Topic.SUBMITTED,
		Topic.SHORTLISTED,
		Topic.APPROVED,
		Topic.CHAIR_REVIEWED,
		Topic.TEMPORARY_APPROVED,
		Topic.PUBLICIZED,
	]
	by = dict(steps_taken(charging))
	assert by.get(Topic.CHAIR_REVIEWED) == data.USERS["manager"][0]
	assert by.get(Topic.TEMPORARY_APPROVED) == data.USERS["reviewer"][0]


def test_the_other_topics_wait_where_their_story_leaves_them(loaded):
	expected = {spec["title"]: spec["target"] for spec in data.TOPICS}
	actual = {t: topic(t).workflow_state for t in expected}
	assert actual == expected
	rejected = topic("邻里漏水纠纷赔偿")
	assert rejected.rejection_reason and rejected.exclusion_hits  # the 九不议 item it hits is recorded


def test_an_anonymous_resident_proposed_on_the_web_form(loaded):
	"""Experience Reports, report 8: the suggestion box collects anonymously; no name is kept."""
	anonymous = topic(data.ANONYMOUS)
	assert (anonymous.anonymous, anonymous.proposer_name, anonymous.source) == (1, None, "Residents")
	assert anonymous.owner == "Guest" and anonymous.workflow_state == Topic.DRAFT


# -- outcomes -------------------------------------------------------------------------------------------


def outcomes_of(title: str) -> list:
	return frappe.get_all(
		OUTCOME,
		filters={"topic": topic(title).name},
		fields=["name", "workflow_state", "handling_class", "adoption_decision", "due_date", "evaluated_by"],
	)


def test_the_concluded_topic_has_a_b_and_c_outcomes_evaluated(loaded):
	"""Experience Reports, report 4: A implemented, B planned step by step, C explained; each fed back and
	evaluated (Yancheng Norms art. 19, 26), so the topic is concluded."""
	outcomes = outcomes_of(data.HISTORY)
	assert sorted(o.handling_class for o in outcomes) == sorted([CLASS_A, CLASS_B, CLASS_C])
	assert {o.workflow_state for o in outcomes} == {Outcome.EVALUATED}
	member = frappe.db.get_value(
		"Consultation Participant", {"full_name": "吴文博", "room": data.R_GST}, "user"
	)
	assert {o.evaluated_by for o in outcomes} == {member}
	c = next(o for o in outcomes if o.handling_class == CLASS_C)
	assert Outcome.IMPLEMENTED not in states_taken(
		frappe.get_doc(OUTCOME, c.name)
	)  # explained, not implemented


def test_an_adopted_outcome_is_overdue(loaded):
	"""交督复 (Experience Reports, report 1): adopted, due date past, not implemented — what supervision
	chases."""
	overdue = [
		o
		for o in outcomes_of(data.LIFT)
		if o.workflow_state in Outcome.OPEN and o.due_date and getdate(o.due_date) < getdate(today())
	]
	assert len(overdue) == 1 and overdue[0].adoption_decision == Outcome.ADOPTED
	states = {o.adoption_decision for o in outcomes_of(data.LIFT)}
	assert states == {Outcome.ADOPTED, Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED}


# -- what the public pages and the reports have to show -------------------------------------------------


def test_the_public_pages_show_the_demo_topics(loaded, live_server):
	echo_wall = requests.get(f"{live_server}/echo-wall", timeout=60)
	assert echo_wall.status_code == 200
	for title in (data.HISTORY, data.LIFT):
		assert title in echo_wall.text
	notices = requests.get(f"{live_server}/topic-notices", timeout=60)
	assert notices.status_code == 200
	# under publicity until it is consulted (Yancheng Norms art. 14): publicized, researching or ready
	for title in (data.CHARGING, data.PARKING):
		assert title in notices.text
	assert data.HISTORY not in notices.text  # consulted: the notice has come down


def test_the_reports_have_data(loaded):
	"""Rooms of several levels; meetings held this year with attendance and opinions; members who
	researched, attended, spoke and evaluated; outcomes with results."""
	year = getdate(today()).year
	levels = set(frappe.get_all("Consultation Room", filters={"name": ("in", ROOMS)}, pluck="level"))
	assert {"Town/Street", "Village/Community", "Park"} <= levels
	held = frappe.get_all(MEETING, filters={"room": ("in", ROOMS), "docstatus": 1}, pluck="name")
	assert len(held) == 2
	scheduled = frappe.get_doc(MEETING, {"meeting_title": data.MEETINGS[data.PARKING]["meeting_title"]})
	assert scheduled.docstatus == 0 and getdate(scheduled.start) > getdate(today())
	for name in held:
		meeting = frappe.get_doc(MEETING, name)
		assert getdate(meeting.start).year == year
		assert any(p.attendance == "Present" for p in meeting.participants) and meeting.opinions
	group = frappe.get_doc("Consultation Member Group", data.MEMBER_GROUP["group_name"])
	assert len(group.members) == 2
	results = frappe.get_all(
		OUTCOME,
		filters={"room": ("in", ROOMS), "funds_secured": (">", 0)},
		pluck="name",
	)
	assert results


# -- loading again, and failing loudly ------------------------------------------------------------------


def test_a_second_load_makes_nothing(loaded):
	first, second, (counts_first, changed_first), (counts_second, changed_second) = loaded
	assert "made:" in first.getvalue()
	assert "nothing to do" in second.getvalue() and "made:" not in second.getvalue(), second.getvalue()
	assert counts_second == counts_first
	assert changed_second == changed_first


def test_a_refused_step_stops_the_demo_naming_the_step(loaded):
	"""A step the app refuses raises DemoStepError with the step's name and the app's reason."""
	lift = topic(data.LIFT)
	with pytest.raises(DemoStepError, match="conclude the lift topic"):
		with step("conclude the lift topic"):
			act(lift, Topic.CONCLUDE, "sec_gst")  # its outcomes are still being handled
	frappe.db.rollback()
	assert topic(data.LIFT).workflow_state == Topic.CONSULTED
