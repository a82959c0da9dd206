"""Room isolation that the confined users cannot undo, and jurisdiction over the room tree.

Each attack is made as the persona who would try it, over HTTP against the live server, on the committed
record set of tests/integration/access_factory.py; each is refused and leaves the database as it was.
"""

from __future__ import annotations

import uuid

import frappe
import pytest
import requests
from access_factory import build_access_set, cleanup
from factory import EXCLUSION_ALL_NO, PASSWORD, ROOM_A, ROOM_B, act, edit, email, make_topic
from outcome_factory import UNIT, handling_unit

ROOM = "Consultation Room"
TOPIC = "Consultation Topic"
OUTCOME = "Consultation Outcome"
PARTICIPANT = "Consultation Participant"
DENIED = (403, 417)


@pytest.fixture(scope="module")
def access(personas, live_server):
	s = build_access_set()
	yield s
	cleanup(s)


def db_fresh():
	frappe.db.rollback()


def put(http, base, doctype, name, data):
	return http.put(f"{base}/api/resource/{doctype}/{name}", json=data, timeout=60)


def get(http, base, doctype, name):
	return http.get(f"{base}/api/resource/{doctype}/{name}", timeout=60)


def room_permissions(user: str) -> set[str]:
	db_fresh()
	return set(frappe.get_all("User Permission", filters={"user": user, "allow": ROOM}, pluck="for_value"))


@pytest.fixture
def throwaway_users(live_server):
	"""Users made for one test (committed, so the server sees them), deleted after it."""
	made = []

	def make(roles: list[str], rooms: tuple[str, ...] = ()) -> requests.Session:
		mail = f"iso.{uuid.uuid4().hex[:8]}@consult.test"
		frappe.set_user("Administrator")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": mail,
				"first_name": "隔离测试",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": r} for r in roles],
			}
		).insert(ignore_permissions=True)
		for room in rooms:
			frappe.get_doc(
				{"doctype": "User Permission", "user": mail, "allow": ROOM, "for_value": room}
			).insert(ignore_permissions=True)
		frappe.db.commit()
		made.append(user.name)
		http = requests.Session()
		r = http.post(f"{live_server}/api/method/login", data={"usr": mail, "pwd": PASSWORD}, timeout=30)
		assert r.status_code == 200, r.text[:300]
		http.user = mail
		return http

	yield make
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in made:
		frappe.db.delete("User Permission", {"user": name})
		frappe.delete_doc("User", name, force=True, ignore_permissions=True)
	frappe.db.commit()


# -- 1. who may change access is not who is confined by it -----------------------------------------


def test_a_secretary_cannot_lift_her_own_room_restriction(access, sessions, live_server):
	secretary = email("secretary_a")
	assert ROOM_A in room_permissions(secretary)
	r = put(sessions["secretary_a"], live_server, ROOM, ROOM_A, {"secretaries": [], "conveners": []})
	assert r.status_code in (200, *DENIED), r.text[:300]
	db_fresh()
	listed = frappe.get_all(
		"Consultation Room Secretary", filters={"parent": ROOM_A, "parenttype": ROOM}, pluck="user"
	)
	assert secretary in listed, "the secretaries table changed"
	assert room_permissions(secretary) == {ROOM_A}
	# still confined: another room's draft topic stays out of reach
	r = get(sessions["secretary_a"], live_server, TOPIC, access.other[ROOM_B][0][1])
	assert r.status_code in DENIED


def test_listing_the_office_as_a_room_secretary_is_refused(access, sessions, live_server):
	"""A User Permission confines every role its user holds: the office would be shut in one room."""
	for intruder in ("manager", "reviewer"):
		r = put(
			sessions["manager"],
			live_server,
			ROOM,
			ROOM_A,
			{"secretaries": [{"user": email("secretary_a")}, {"user": email(intruder)}]},
		)
		assert r.status_code == 417, (intruder, r.status_code, r.text[:300])
		assert ROOM_A not in room_permissions(email(intruder))


def test_a_room_scoped_user_without_a_room_sees_no_room(access, throwaway_users, live_server):
	http = throwaway_users(["Room Secretary"])
	r = http.get(f"{live_server}/api/resource/{TOPIC}", params={"limit_page_length": 0}, timeout=60)
	assert r.status_code == 200 and r.json()["data"] == [], r.text[:300]
	r = http.get(f"{live_server}/api/resource/{ROOM}", params={"limit_page_length": 0}, timeout=60)
	assert r.json()["data"] == []
	assert get(http, live_server, TOPIC, access.rec["T_draft"]).status_code in DENIED
	assert get(http, live_server, PARTICIPANT, access.rec["p1"]).status_code in DENIED
	r = http.get(f"{live_server}/api/method/frappe.client.get_count", params={"doctype": OUTCOME}, timeout=60)
	assert r.json()["message"] == 0


# -- 4. a temporary topic does not skip its own approval ---------------------------------------------


def test_a_secretary_cannot_make_a_temporary_topic_planned(access, sessions, live_server, committed):
	# a quarter of its own, outside any annual plan and any quarter's quota
	topic = make_topic(f"临时议题{access.marker}", year=2039, quarter="Q1")
	act(topic, "Submit for Screening", email("secretary_a"))
	act(topic, "Shortlist", email("member"))
	edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
	act(topic, "Approve Topic", email("reviewer"))
	frappe.set_user("Administrator")
	committed(frappe.get_doc(TOPIC, topic.name))
	assert frappe.db.get_value(TOPIC, topic.name, "is_temporary") == 1
	r = put(sessions["secretary_a"], live_server, TOPIC, topic.name, {"is_temporary": 0})
	assert r.status_code == 417, r.text[:300]
	r = http_action(sessions["secretary_a"], live_server, TOPIC, topic.name, "Publicize")
	assert r.status_code == 417, r.text[:300]
	db_fresh()
	assert frappe.db.get_value(TOPIC, topic.name, ["is_temporary", "workflow_state"]) == (1, "Party Approved")


def http_action(http, base, doctype, name, action):
	doc = http.get(f"{base}/api/resource/{doctype}/{name}", timeout=60).json()["data"]
	return http.post(
		f"{base}/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": action},
		timeout=60,
	)


# -- 7. the echo wall publishes only what is public ---------------------------------------------------


def test_the_echo_wall_shows_no_draft_or_rejected_topic(access, sessions, live_server):
	draft = access.rec["T_draft"]
	r = put(sessions["secretary_a"], live_server, TOPIC, draft, {"publish_on_echo_wall": 1})
	assert r.status_code == 417, r.text[:300]
	db_fresh()
	assert not frappe.db.get_value(TOPIC, draft, "publish_on_echo_wall")
	# ticked behind the app's back: still not shown
	frappe.db.set_value(TOPIC, draft, "publish_on_echo_wall", 1, update_modified=False)
	frappe.db.commit()
	try:
		page = requests.get(f"{live_server}/echo-wall", timeout=60).text
		assert frappe.db.get_value(TOPIC, draft, "title") not in page
	finally:
		frappe.db.set_value(TOPIC, draft, "publish_on_echo_wall", 0, update_modified=False)
		frappe.db.commit()


# -- 8. a handling unit's reach ------------------------------------------------------------------------


def test_a_handling_unit_writes_only_its_own_outcomes_and_not_their_deadline(access, sessions, live_server):
	unit = sessions["unit"]
	# an outcome of a meeting the unit's user was invited to, not assigned to the unit: readable, not writable
	reported = access.rec["O_reported"]
	assert get(unit, live_server, OUTCOME, reported).status_code == 200
	before = frappe.db.get_value(OUTCOME, reported, "modified")
	r = put(unit, live_server, OUTCOME, reported, {"results_note": "越权填报"})
	assert r.status_code in DENIED, r.text[:300]
	# its own outcome, adopted: the deadline is the supervising office's
	impl = access.rec["O_impl"]
	due = str(frappe.db.get_value(OUTCOME, impl, "due_date"))
	r = put(unit, live_server, OUTCOME, impl, {"due_date": "2099-12-31"})
	assert r.status_code in DENIED, r.text[:300]
	# and the owner, which the self-approval rules compare against, cannot be rewritten over REST
	owner = frappe.db.get_value(OUTCOME, impl, "owner")
	put(unit, live_server, OUTCOME, impl, {"owner": email("unit")})
	db_fresh()
	assert frappe.db.get_value(OUTCOME, reported, "modified") == before
	assert str(frappe.db.get_value(OUTCOME, impl, "due_date")) == due
	assert frappe.db.get_value(OUTCOME, impl, "owner") == owner
	# the office moves a deadline
	r = put(sessions["manager"], live_server, OUTCOME, impl, {"due_date": frappe.utils.add_days(due, 10)})
	assert r.status_code == 200, r.text[:300]


# -- 9. a write does not move a record into the writer's reach ----------------------------------------


def test_a_secretary_cannot_pull_another_rooms_records_into_her_room(access, sessions, live_server):
	records = [(TOPIC, access.other[ROOM_B][0][1]), (PARTICIPANT, access.rec["pB"])]
	for doctype, name in records:
		r = put(sessions["secretary_a"], live_server, doctype, name, {"room": ROOM_A})
		assert r.status_code in DENIED, (doctype, r.status_code, r.text[:300])
		assert "13700137000" not in r.text
		db_fresh()
		assert frappe.db.get_value(doctype, name, "room") == ROOM_B


def test_moving_a_record_between_rooms_is_the_office_s_act(access, sessions, throwaway_users, live_server):
	"""Even between two rooms she works for, a secretary does not move a topic: the office does."""
	both = throwaway_users(["Room Secretary"], rooms=(ROOM_A, ROOM_B))
	name = access.rec["T_draft"]
	assert get(both, live_server, TOPIC, name).status_code == 200
	r = put(both, live_server, TOPIC, name, {"room": ROOM_B})
	assert r.status_code in DENIED, r.text[:300]
	db_fresh()
	assert frappe.db.get_value(TOPIC, name, "room") == ROOM_A
	r = put(sessions["manager"], live_server, TOPIC, name, {"room": ROOM_B})
	assert r.status_code == 200, r.text[:300]
	r = put(sessions["manager"], live_server, TOPIC, name, {"room": ROOM_A})
	assert r.status_code == 200, r.text[:300]


def test_a_handling_unit_cannot_take_over_another_units_outcome(access, sessions, live_server, committed):
	frappe.set_user("Administrator")
	other = handling_unit(f"测试水务科{access.marker}", users=(), unit_email="shuiwu@consult.test")
	committed(other)
	outcome = frappe.get_doc(OUTCOME, access.rec["OB"])
	frappe.db.set_value(OUTCOME, outcome.name, "handling_unit", other.name, update_modified=False)
	frappe.db.commit()
	try:
		r = put(sessions["unit"], live_server, OUTCOME, outcome.name, {"handling_unit": UNIT})
		assert r.status_code in DENIED, r.text[:300]
		db_fresh()
		assert frappe.db.get_value(OUTCOME, outcome.name, "handling_unit") == other.name
	finally:
		frappe.db.set_value(OUTCOME, outcome.name, "handling_unit", None, update_modified=False)
		frappe.db.commit()


# -- jurisdiction over the room tree ----------------------------------------------------------------


@pytest.fixture
def county_tree(personas):
	"""County → town 1 (→ its village) and town 2, with a draft topic in each room; committed, deleted."""
	frappe.set_user("Administrator")
	tag = uuid.uuid4().hex[:6]
	names = {}
	for key, level, parent in (
		("county", "County", None),
		("town1", "Town/Street", "county"),
		("village1", "Village/Community", "town1"),
		("town2", "Town/Street", "county"),
	):
		names[key] = (
			frappe.get_doc(
				{
					"doctype": ROOM,
					"room_name": f"{key}{tag}议事室",
					"level": level,
					"parent_consultation_room": names.get(parent),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	topics = {
		key: frappe.get_doc(
			{"doctype": TOPIC, "title": f"{key}{tag}的议题", "room": room, "source": "Residents"}
		)
		.insert(ignore_permissions=True)
		.name
		for key, room in names.items()
	}
	frappe.db.commit()
	yield names, topics
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in topics.values():
		frappe.delete_doc(TOPIC, name, force=True, ignore_permissions=True)
	for key in ("village1", "town1", "town2", "county"):
		frappe.delete_doc(ROOM, names[key], force=True, ignore_permissions=True)
	frappe.db.commit()


def test_a_town_reviewer_sees_his_town_and_the_rooms_below_it(county_tree, throwaway_users, live_server):
	rooms, topics = county_tree
	town_reviewer = throwaway_users(["Party Reviewer"], rooms=(rooms["town1"],))
	county_manager = throwaway_users(["Consultation Manager"])

	def visible(http, doctype, names):
		r = http.get(
			f"{live_server}/api/resource/{doctype}",
			params={"filters": frappe.as_json([["name", "in", list(names)]]), "limit_page_length": 0},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:300]
		return {row["name"] for row in r.json()["data"]}

	assert visible(town_reviewer, ROOM, rooms.values()) == {rooms["town1"], rooms["village1"]}
	assert visible(town_reviewer, TOPIC, topics.values()) == {topics["town1"], topics["village1"]}
	assert get(town_reviewer, live_server, TOPIC, topics["town2"]).status_code in DENIED
	assert visible(county_manager, ROOM, rooms.values()) == set(rooms.values())
	assert visible(county_manager, TOPIC, topics.values()) == set(topics.values())


def test_a_room_sits_below_a_room_of_a_higher_level(county_tree):
	rooms, _topics = county_tree
	frappe.set_user("Administrator")
	from consult_app.exceptions import RoomTreeError

	town = frappe.get_doc(ROOM, rooms["town2"])
	town.parent_consultation_room = rooms["village1"]
	with pytest.raises(RoomTreeError):
		town.save()
