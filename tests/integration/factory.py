"""Personas and records for the integration tier, acting through the same paths users do.

Personas (users with roles) and the two rooms are created once per test session and committed, so that
an HTTP server process sees them too; everything a test makes on top of them is rolled back.
"""

from __future__ import annotations

import os

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, today

from consult_app.access.rooms import sync_room_user_permissions
from consult_app.rules import EXCLUSION_FIELDS

PASSWORD = "Consult-Persona-2026!"
ROOM_A = "测试议事室甲"
ROOM_B = "测试议事室乙"

# persona -> (email, full name, roles)
PERSONAS = {
	"manager": ("manager@consult.test", "王主任", ["Consultation Manager"]),
	"secretary_a": ("secretary.a@consult.test", "李联络员", ["Room Secretary"]),
	"secretary_b": ("secretary.b@consult.test", "赵联络员", ["Room Secretary"]),
	"reviewer": ("reviewer@consult.test", "陈书记", ["Party Reviewer"]),
	"convener": ("convener@consult.test", "周召集人", ["Convener"]),
	"member": ("member@consult.test", "吴委员", ["CPPCC Member"]),
	"unit": ("unit@consult.test", "郑科长", ["Handling Unit"]),
	# a party deputy secretary who is also a CPPCC member (双召集人): proposes topics and approves them
	"deputy": ("deputy@consult.test", "钱副书记", ["Party Reviewer", "CPPCC Member"]),
}

EXCLUSION_ALL_NO = {f: "No" for f in EXCLUSION_FIELDS}


def email(persona: str) -> str:
	return PERSONAS[persona][0]


def ensure_personas() -> dict[str, str]:
	"""Create (or reuse) the persona users, rooms and a few accepted participants; commit."""
	frappe.set_user("Administrator")
	for mail, full_name, roles in PERSONAS.values():
		if not frappe.db.exists("User", mail):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": mail,
					"first_name": full_name,
					"send_welcome_email": 0,
					"language": "zh",
					"new_password": PASSWORD,
				}
			)
			user.insert(ignore_permissions=True)
		user = frappe.get_doc("User", mail)
		missing = [r for r in roles if r not in [d.role for d in user.roles]]
		if missing:
			user.add_roles(*missing)
	for room, level, secretary in (
		(ROOM_A, "Town/Street", "secretary_a"),
		(ROOM_B, "Village/Community", "secretary_b"),
	):
		if not frappe.db.exists("Consultation Room", room):
			frappe.get_doc(
				{
					"doctype": "Consultation Room",
					"room_name": room,
					"level": level,
					"host_organisation": "测试街道党工委",
					"county_cppcc": "测试县政协",
					"secretaries": [{"user": email(secretary)}],
				}
			).insert(ignore_permissions=True)
	# the convener works for room A: a room-scoped user without a room sees no room's records
	convener = frappe.db.get_value("Consultation Participant", {"user": email("convener")})
	if not convener:
		convener = make_participant(
			"周召集人", category="Township or Department Leader", user=email("convener")
		).name
	room_a = frappe.get_doc("Consultation Room", ROOM_A)
	if convener not in [row.participant for row in room_a.conveners]:
		room_a.append("conveners", {"participant": convener, "convener_order": "First Convener"})
		room_a.save(ignore_permissions=True)
	for room in (ROOM_A, ROOM_B):  # rooms made before the app synced User Permissions get them now
		sync_room_user_permissions(frappe.get_doc("Consultation Room", room))
	ensure_outgoing_email_account()
	if not frappe.db.exists("Consultation Participant", {"user": email("member")}):
		make_participant("吴委员", category="County CPPCC Member", user=email("member"), commit=False)
	frappe.db.commit()
	return {k: v[0] for k, v in PERSONAS.items()}


SMTP_PORT = int(os.environ.get("TEST_SMTP_PORT") or 2526)


def ensure_outgoing_email_account():
	"""The site's default outgoing account: a loopback SMTP server (started by the tests that send)."""
	if frappe.db.exists("Email Account", "Consultation Office"):
		return
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "Consultation Office",
			"email_id": "office@consult.test",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": SMTP_PORT,
			"no_smtp_authentication": 1,
			"use_tls": 0,
			"use_ssl_for_outgoing": 0,
			"always_use_account_email_id_as_sender": 1,
		}
	).insert(ignore_permissions=True)


def make_participant(
	full_name: str,
	category: str = "Resident Representative",
	accepted: bool = True,
	commit: bool = False,
	**kw,
):
	doc = frappe.get_doc(
		{
			"doctype": "Consultation Participant",
			"full_name": full_name,
			"category": category,
			"room": ROOM_A,
			"party_accepted": 1 if accepted else 0,
			"accepted_by": "测试社区党委" if accepted else None,
			"accepted_on": today() if accepted else None,
			**kw,
		}
	).insert(ignore_permissions=True)
	if commit:
		frappe.db.commit()
	return doc


# Values of fields a site added to the topic form (Custom Fields), which the secretary fills in too
TOPIC_SITE_FIELDS: dict = {}


def make_topic(title: str = "老旧小区加装电梯", room: str = ROOM_A, as_user: str | None = None, **kw):
	"""A Draft topic, made by `as_user` (default: the room's secretary) through the normal insert path."""
	frappe.set_user(as_user or email("secretary_a"))
	doc = frappe.get_doc(
		{
			"doctype": "Consultation Topic",
			"title": title,
			"room": room,
			"source": "Residents",
			"proposer_name": "张居民",
			"description": "小区居民反映六层住宅上下楼困难，希望协商加装电梯。",
			"subject_category": "Public Affairs of Most Residents",
			"focus": "Livelihood Matter",
			**TOPIC_SITE_FIELDS,
			**kw,
		}
	).insert()
	return doc


def fresh(doc):
	"""The document as stored. Always act on a fresh copy: Frappe's workflow email, sent inline in tests,
	renders the very object it is given and leaves `flags.in_print` on it, after which save() is a no-op."""
	return frappe.get_doc(doc.doctype, doc.name)


def act(doc, action: str, as_user: str):
	"""Apply a workflow action as `as_user`, exactly as the Desk's action button does."""
	frappe.set_user(as_user)
	return apply_workflow(fresh(doc), action)


def edit(doc, as_user: str, **values):
	"""Change fields of a stored document as `as_user` and save, as the form's Save does."""
	frappe.set_user(as_user)
	doc = fresh(doc)
	doc.update(values)
	doc.save()
	return doc


def approve_plan_with(topic, as_reviewer: str | None = None):
	"""The room's annual plan for the topic's year, listing the topic, approved by the reviewer."""
	row = {"quarter": topic.quarter, "planned_title": topic.title, "topic": topic.name}
	existing = frappe.db.get_value("Consultation Plan", {"room": topic.room, "year": topic.year})
	if existing:  # a second topic in the same test: add it to the plan already approved
		frappe.set_user("Administrator")
		plan = frappe.get_doc("Consultation Plan", existing)
		# rows a committed test left behind: their topics were deleted (and the names may be given again)
		plan.planned_topics = [
			r for r in plan.planned_topics if r.topic and frappe.db.exists("Consultation Topic", r.topic)
		]
		if topic.name not in [r.topic for r in plan.planned_topics]:
			plan.append("planned_topics", row)
		plan.save()
		return fresh(plan)
	frappe.set_user(email("secretary_a"))
	plan = frappe.get_doc(
		{"doctype": "Consultation Plan", "room": topic.room, "year": topic.year, "planned_topics": [row]}
	).insert()
	act(plan, "Submit Plan", email("secretary_a"))
	act(plan, "Approve Plan", as_reviewer or email("reviewer"))
	return plan


def publicized_topic(title: str = "社区停车难问题", publicized_days_ago: int = 0, **kw):
	"""A topic taken from Draft to Publicized by the roles allowed to move it. With `publicized_days_ago`,
	its publicity started that many days ago (history: the server sets the start to the day of the step)."""
	topic = make_topic(title, **kw)
	approve_plan_with(topic)
	act(topic, "Submit for Screening", email("secretary_a"))
	act(topic, "Shortlist", email("member"))
	edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
	act(topic, "Approve Topic", email("reviewer"))
	act(topic, "Publicize", email("secretary_a"))
	if publicized_days_ago:
		backdate_publicity(topic, publicized_days_ago)
	return fresh(topic)


def backdate_publicity(topic, days: int):
	"""History for a test: the topic's publicity started `days` ago."""
	from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings

	start = add_days(today(), -days)
	frappe.db.set_value(
		"Consultation Topic",
		topic.name,
		{"publicity_start": start, "earliest_meeting_date": add_days(start, get_settings().publicity_days)},
		update_modified=False,
	)


def days_ago(n: int) -> str:
	return add_days(today(), -n)
