"""Committed records for the access tests: one set per test module, in room A (secretary_a's) and
room B (secretary_b's), every title carrying a random marker; `cleanup()` deletes all of it.

A live server sees only committed data, so unlike the other factories this one commits on purpose
(see tests/harness.py): `build_access_set()` commits what it made, `cleanup()` deletes and commits.
"""

from __future__ import annotations

import contextlib
import random
import uuid

import frappe
from factory import ROOM_A, ROOM_B, act, edit, email, fresh, make_participant, make_topic
from meeting_factory import (
	notice_sent,
	record_proceedings,
	researched_topic,
	schedule_meeting,
	submit_meeting,
)
from outcome_factory import UNIT, handling_unit

from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcomes
from consult_app.rules import CLASS_A


class AccessSet:
	"""Names of the committed records, and the order in which to delete them."""

	def __init__(self, marker: str):
		self.marker = marker
		self.rec: dict[str, str] = {}  # key -> name
		self.made: list[tuple[str, str]] = []  # (doctype, name) in creation order
		self.other: dict[str, list[tuple[str, str, str]]] = {}  # room -> [(doctype, name, title)]
		self.years = iter(random.Random(marker).sample(range(2100, 2900), 200))

	def track(self, doc, key: str | None = None):
		self.made.append((doc.doctype, doc.name))
		if key:
			self.rec[key] = doc.name
		return doc

	def year(self) -> int:
		return next(self.years)


def _new_plan_names(before: set[str]) -> list[str]:
	return sorted(set(frappe.get_all("Consultation Plan", pluck="name")) - before)


def meeting_ready_to_submit(s: AccessSet, invited=None):
	"""A Draft meeting on topic T1 with proceedings recorded: the next step is Submit."""
	meeting = schedule_meeting(
		[frappe.get_doc("Consultation Topic", s.rec["T1"])],
		conveners=[frappe.get_doc("Consultation Participant", s.rec["c1"])],
		participants=[frappe.get_doc("Consultation Participant", p) for p in (invited or [s.rec["p1"]])],
		meeting_title=f"甲室待提交会{s.marker}",
	)
	s.track(meeting)
	meeting = record_proceedings(meeting)
	frappe.set_user("Administrator")
	return notice_sent(meeting)


def build_access_set() -> AccessSet:
	s = AccessSet(uuid.uuid4().hex[:8])
	m = s.marker
	plans_before = set(frappe.get_all("Consultation Plan", pluck="name"))
	try:
		_build_room_a(s)
		_build_room_b(s)
	except BaseException:
		frappe.db.rollback()
		s.made += [("Consultation Plan", p) for p in _new_plan_names(plans_before)]
		cleanup(s)
		raise
	s.made += [("Consultation Plan", p) for p in _new_plan_names(plans_before)]
	frappe.set_user("Administrator")
	frappe.db.commit()
	assert m
	return s


def _build_room_a(s: AccessSet) -> None:
	m = s.marker
	frappe.set_user("Administrator")
	# people: two conveners, a resident with phone and ID number, the unit persona's participant
	s.track(make_participant(f"甲召集人{m}", category="Township or Department Leader", room=ROOM_A), "c1")
	s.track(make_participant(f"甲委员{m}", category="County CPPCC Member", room=ROOM_A), "c2")
	s.track(
		make_participant(
			f"甲居民{m}",
			room=ROOM_A,
			phone="13800138000",
			id_number="110101199003074514",
			email=f"resident.{m}@consult.test",
		),
		"p1",
	)
	unit_participant = frappe.db.get_value("Consultation Participant", {"user": email("unit")})
	if not unit_participant:
		unit_participant = s.track(
			make_participant("郑科长", category="Township or Department Leader", user=email("unit"))
		).name
	s.rec["unit_participant"] = unit_participant
	s.rec["member_participant"] = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	if not frappe.db.exists("Consultation Handling Unit", UNIT):
		s.track(handling_unit(), "HU")
	else:
		hu = frappe.get_doc("Consultation Handling Unit", UNIT)
		if email("unit") not in [row.user for row in hu.users]:
			hu.append("users", {"user": email("unit")})
			hu.save(ignore_permissions=True)
	s.rec["HU"] = UNIT
	s.track(
		frappe.get_doc({"doctype": "Consultation Expertise", "expertise_name": f"专长{m}"}).insert(), "E1"
	)
	s.track(
		frappe.get_doc(
			{
				"doctype": "Consultation Member Group",
				"group_name": f"甲室履职小组{m}",
				"room": ROOM_A,
				"members": [{"participant": s.rec["c2"]}],
			}
		).insert(),
		"MG",
	)
	frappe.set_user(email("secretary_a"))
	s.track(
		frappe.get_doc(
			{
				"doctype": "Consultation Public Call",
				"call_title": f"甲室征集{m}",
				"room": ROOM_A,
				"start_date": "2031-01-01",
				"end_date": "2031-01-31",
			}
		).insert(),
		"C1",
	)

	# T1: researched, consulted at M1 (submitted; the member and the unit invited); research R1
	t1, r1 = researched_topic(f"甲室议题{m}", publicized_days_ago=10)
	s.track(t1, "T1")
	s.track(r1, "R1")
	c1, c2, p1 = (frappe.get_doc("Consultation Participant", s.rec[k]) for k in ("c1", "c2", "p1"))
	invited = [p1] + [
		frappe.get_doc("Consultation Participant", s.rec[k])
		for k in ("member_participant", "unit_participant")
	]
	m1 = s.track(schedule_meeting([t1], [c1, c2], invited, meeting_title=f"甲室协商会{m}"), "M1")
	record_proceedings(m1)
	notice_sent(m1)
	submit_meeting(m1)
	# M2: a Draft meeting the member and unit are invited to; M3: one they are not invited to
	s.track(schedule_meeting([fresh(t1)], [c1], invited, meeting_title=f"甲室筹备会{m}"), "M2")
	s.track(schedule_meeting([fresh(t1)], [c1], [p1], meeting_title=f"甲室内部会{m}"), "M3")

	# outcomes of M1: Draft, Reported, Implementing (assigned to the unit persona's handling unit)
	frappe.set_user(email("secretary_a"))
	s.track(frappe.get_doc("Consultation Outcome", make_outcomes(m1.name)[0]), "O_draft")
	for key in ("O_reported", "O_impl"):
		frappe.set_user(email("secretary_a"))
		outcome = frappe.get_doc(
			{
				"doctype": "Consultation Outcome",
				"title": f"甲室成果{key}{m}",
				"outcome_type": "Minutes",
				"topic": t1.name,
				"meeting": m1.name,
				"content": "建议利用小区东侧空地增设停车位。",
			}
		).insert()
		s.track(outcome, key)
		act(outcome, "Review Outcome", email("convener"))
		act(outcome, "Report", email("secretary_a"))
	outcome = frappe.get_doc("Consultation Outcome", s.rec["O_impl"])
	edit(
		outcome,
		email("reviewer"),
		handling_class=CLASS_A,
		handling_unit=UNIT,
		due_date=frappe.utils.add_days(m1.start, 30),
	)
	act(outcome, "Adopt", email("reviewer"))
	act(outcome, "Start Implementation", email("unit"))

	# topics: Draft (with the proposer's phone), Submitted (the reviewer edits), Ready (the convener
	# marks it consulted: the Convener's only write on a topic is that workflow step)
	s.track(make_topic(f"甲室草稿议题{m}", proposer_phone="13912340000"), "T_draft")
	t_sub = s.track(make_topic(f"甲室待筛议题{m}"), "T_sub")
	act(t_sub, "Submit for Screening", email("secretary_a"))
	t2, r2 = researched_topic(f"甲室待协商议题{m}")
	s.track(t2, "T_ready")
	s.track(r2)

	# plans: Draft, Submitted (other years than the plan of the current year the topics made)
	frappe.set_user(email("secretary_a"))
	s.track(
		frappe.get_doc({"doctype": "Consultation Plan", "room": ROOM_A, "year": s.year()}).insert(), "P_draft"
	)
	p_sub = frappe.get_doc({"doctype": "Consultation Plan", "room": ROOM_A, "year": s.year()}).insert()
	s.track(p_sub, "P_sub")
	act(p_sub, "Submit Plan", email("secretary_a"))
	frappe.set_user("Administrator")


def _build_room_b(s: AccessSet) -> None:
	"""Room B's records, made as Administrator (room A's people run room A's workflow)."""
	m = s.marker
	frappe.set_user("Administrator")
	rows = []

	def add(doc, title):
		s.track(doc)
		rows.append((doc.doctype, doc.name, title))
		return doc

	add(make_topic(f"乙室草稿议题{m}", room=ROOM_B, as_user=email("secretary_b")), f"乙室草稿议题{m}")
	frappe.set_user("Administrator")
	tb = add(make_topic(f"乙室调研议题{m}", room=ROOM_B, as_user=email("secretary_b")), f"乙室调研议题{m}")
	frappe.set_user("Administrator")
	frappe.db.set_value("Consultation Topic", tb.name, "workflow_state", "Researching")
	add(
		frappe.get_doc(
			{
				"doctype": "Consultation Research",
				"topic": tb.name,
				"method": "Visits",
				"facts": f"乙室调研{m}",
			}
		).insert(),
		f"乙室调研议题{m}",
	)
	add(
		frappe.get_doc(
			{
				"doctype": "Consultation Meeting",
				"meeting_title": f"乙室协商会{m}",
				"room": ROOM_B,
				"form": "On-site",
				"start": "2031-06-01 09:00:00",
				"conveners": [{"participant": s.rec["c1"], "convener_order": "First Convener"}],
			}
		).insert(),
		f"乙室协商会{m}",
	)
	# room B's outcome, as history: drawn from room B's meeting (its record is not what is probed here)
	outcome_b = frappe.get_doc(
		{
			"doctype": "Consultation Outcome",
			"title": f"乙室成果{m}",
			"outcome_type": "Minutes",
			"topic": tb.name,
			"meeting": next(n for dt, n, _t in rows if dt == "Consultation Meeting"),
			"content": "乙室的协商建议。",
		}
	)
	outcome_b.flags.ignore_validate = True
	add(outcome_b.insert(), f"乙室成果{m}")
	plan = frappe.get_doc({"doctype": "Consultation Plan", "room": ROOM_B, "year": s.year()}).insert()
	add(plan, plan.name)
	add(
		frappe.get_doc(
			{
				"doctype": "Consultation Public Call",
				"call_title": f"乙室征集{m}",
				"room": ROOM_B,
				"start_date": "2031-01-01",
				"end_date": "2031-01-31",
			}
		).insert(),
		f"乙室征集{m}",
	)
	s.track(
		make_participant(f"乙居民{m}", room=ROOM_B, phone="13700137000"),
		"pB",
	)
	rows.append(("Consultation Participant", s.rec["pB"], f"乙居民{m}"))
	s.other[ROOM_B] = rows
	s.rec["OB"] = next(n for dt, n, _t in rows if dt == "Consultation Outcome")
	s.rec["MB"] = next(n for dt, n, _t in rows if dt == "Consultation Meeting")

	# room A's records, as seen by secretary_b
	titled = {
		"T1": f"甲室议题{m}",
		"T_draft": f"甲室草稿议题{m}",
		"T_sub": f"甲室待筛议题{m}",
		"T_ready": f"甲室待协商议题{m}",
		"R1": f"甲室议题{m}",
		"M1": f"甲室协商会{m}",
		"M2": f"甲室筹备会{m}",
		"M3": f"甲室内部会{m}",
		"O_reported": f"甲室成果O_reported{m}",
		"O_impl": f"甲室成果O_impl{m}",
		"P_draft": s.rec["P_draft"],
		"P_sub": s.rec["P_sub"],
		"C1": f"甲室征集{m}",
		"p1": f"甲居民{m}",
	}
	doctype_of = {name: dt for dt, name in s.made}
	s.other[ROOM_A] = [(doctype_of[s.rec[k]], s.rec[k], title) for k, title in titled.items()]


def cleanup(s: AccessSet) -> None:
	"""Deletes (and commits) every record of the set, newest first; submitted meetings are cancelled."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, name in reversed(s.made):
		if not frappe.db.exists(doctype, name):
			continue
		with contextlib.suppress(Exception):
			if frappe.db.get_value(doctype, name, "docstatus") == 1:
				frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()
