"""The demo's registry: users, rooms, participants, conveners and council, handling units, a member group,
a public call and the annual plan. Each record is looked up first and made only when missing; the
consultation office's records (rooms, groups, units) are made as the office makes them."""

from __future__ import annotations

from collections.abc import Callable

import frappe
from frappe.utils import add_days, today

from consult_app.demo import data
from consult_app.demo.actors import Log, act, as_user, email, fresh, insert
from consult_app.process.states import Plan
from consult_app.rules import quarter_of

ROOM = "Consultation Room"
PARTICIPANT = "Consultation Participant"


def ensure(log: Log, doctype: str, filters, make: Callable[[], object]) -> str:
	"""The name of the record matching `filters`, made by `make()` when there is none."""
	name = frappe.db.get_value(doctype, filters)
	if name:
		log.existing(doctype)
		return name
	log.new(doctype)
	return make().name


def this_year() -> int:
	return int(today()[:4])


def this_quarter() -> int:
	return quarter_of(today())


# ------------------------------------------------------------------------------------------- people


def ensure_users(log: Log):
	for mail, full_name, roles in data.USERS.values():
		ensure(
			log,
			"User",
			mail,
			lambda mail=mail, full_name=full_name, roles=roles: frappe.get_doc(
				{
					"doctype": "User",
					"email": mail,
					"first_name": full_name,
					"language": "zh",
					"send_welcome_email": 0,
					"new_password": data.DEMO_PASSWORD,
					"roles": [{"role": r} for r in roles],
				}
			).insert(ignore_permissions=True),
		)


def ensure_expertise(log: Log):
	for name, description in data.EXPERTISE.items():
		ensure(
			log,
			"Consultation Expertise",
			name,
			lambda name=name, description=description: insert(
				"manager",
				{"doctype": "Consultation Expertise", "expertise_name": name, "description": description},
			),
		)


def ensure_rooms(log: Log):
	"""The rooms, made by the consultation office; a room's secretaries are the office's to set."""
	year = this_year()
	for spec in data.ROOMS:
		haves = {f: spec["six_haves"] for f in ("has_rules", "has_process", "has_activities", "has_results")}
		values = {
			"doctype": ROOM,
			**{k: v for k, v in spec.items() if k not in ("secretaries", "six_haves", "committee_term")},
			"secretaries": [{"user": email(k)} for k in spec["secretaries"]],
			"has_venue": 1,
			"has_signage": 1,
			**haves,
		}
		if spec.get("committee_term"):
			start, end = spec["committee_term"]
			values.update(
				committee_term_start=f"{year + start}-01-01", committee_term_end=f"{year + end}-12-31"
			)
		ensure(log, ROOM, spec["room_name"], lambda values=values: insert("manager", values))


def participant(full_name: str, room: str) -> str | None:
	return frappe.db.get_value(PARTICIPANT, {"full_name": full_name, "room": room})


def ensure_participant(
	log: Log, full_name, category, room, sector="", organisation="", position="", is_cadre=0, expertise=(),
	user_key=None, accepted=1,
):  # fmt: skip
	"""A participant in the registry; the party organisation's acceptance is recorded by the office
	(Hai'an Plan II.2)."""
	year = this_year()
	user = email(user_key) if user_key else None
	values = {
		"doctype": PARTICIPANT,
		"full_name": full_name,
		"category": category,
		"room": room,
		"sector": sector,
		"organisation": organisation,
		"position": position,
		"is_cadre": is_cadre,
		"expertise": [{"expertise": e} for e in expertise],
		"user": user,
		"email": user,
		"party_accepted": accepted,
		"accepted_by": data.ACCEPTED_BY[room] if accepted else None,
		"accepted_on": add_days(today(), -120) if accepted else None,
		"term_start": f"{year - 1}-01-01",
		"term_end": f"{year + 3}-12-31",
	}
	return ensure(log, PARTICIPANT, {"full_name": full_name, "room": room}, lambda: insert("manager", values))


def ensure_participants(log: Log):
	for (
		name,
		category,
		room,
		sector,
		org,
		position,
		cadre,
		expertise,
		user_key,
		accepted,
	) in data.PARTICIPANTS:
		ensure_participant(
			log, name, category, room, sector, org, position, cadre, expertise, user_key, accepted
		)
	for name, category, position, cadre, _role in data.COUNCIL_DC:
		ensure_participant(
			log, name, category, data.R_DC, organisation="大城街道", position=position, is_cadre=cadre
		)


def ensure_room_people(log: Log):
	"""Each room's conveners (Dacheng Plan IV.2: first from the party side, second a CPPCC member) and
	大城街道's council "1+7+X", set by the consultation office once the participants exist."""
	for room, names in data.CONVENERS.items():
		doc = frappe.get_doc(ROOM, room)
		values = {}
		if not doc.conveners:
			orders = ("First Convener", "Second Convener")
			values["conveners"] = [
				{"participant": participant(n, room), "convener_order": o}
				for n, o in zip(names, orders, strict=True)
				if n
			]
		if room == data.R_DC and not doc.council_members:
			values["council_members"] = [
				{"participant": participant(name, room), "council_role": role}
				for name, _category, _position, _cadre, role in data.COUNCIL_DC
			]
		if values:
			with as_user("manager"):
				doc.update(values)
				doc.save()
			log.new("Room conveners and council")
		else:
			log.existing("Room conveners and council")


def ensure_handling_units(log: Log):
	for unit_name, person, phone, user_keys in data.HANDLING_UNITS:
		ensure(
			log,
			"Consultation Handling Unit",
			unit_name,
			lambda unit_name=unit_name, person=person, phone=phone, user_keys=user_keys: insert(
				"manager",
				{
					"doctype": "Consultation Handling Unit",
					"unit_name": unit_name,
					"responsible_person": person,
					"contact_phone": phone,
					"users": [{"user": email(k), "full_name": data.USERS[k][1]} for k in user_keys],
				},
			),
		)


def ensure_member_group(log: Log):
	"""Hai'an Plan II.4: a member group liaising with a community, kept by the consultation office."""
	spec = data.MEMBER_GROUP
	ensure(
		log,
		"Consultation Member Group",
		spec["group_name"],
		lambda: insert(
			"manager",
			{
				"doctype": "Consultation Member Group",
				"group_name": spec["group_name"],
				"room": spec["room"],
				"notes": spec["notes"],
				"members": [{"participant": participant(n, spec["room"])} for n in spec["members"]],
				"liaison_rooms": [{"room": r} for r in spec["liaison_rooms"]],
			},
		),
	)


# ----------------------------------------------------------------------------------- calls and plans


def ensure_public_call(log: Log) -> str:
	"""This quarter's public call for topics of 高笋塘街道 (Gaosuntang Plan III.2), by its secretary."""
	year, q = this_year(), this_quarter()
	title = f"高笋塘街道{year}年第{q}季度“渝事好商量”社会征题"
	return ensure(
		log,
		"Consultation Public Call",
		{"call_title": title},
		lambda: insert(
			"sec_gst",
			{
				"doctype": "Consultation Public Call",
				"call_title": title,
				"room": data.R_GST,
				"start_date": f"{year}-{3 * q - 2:02d}-01",
				"end_date": f"{year}-{3 * q - 2:02d}-15",
				"description": "面向辖区居民、商户和驻街单位征集本季度协商议题，可通过“我要出题”网上提交或到议事室现场提交。",
			},
		),
	)


def ensure_plan(log: Log, topics: list) -> str:
	"""The annual plan of 高笋塘街道 listing its planned topics: made and submitted by the secretary,
	approved by the party reviewer (Hai'an Plan II.3), before those topics are approved."""
	year = this_year()
	rows = [
		*data.PLAN_EXTRA_ROWS,
		*({"quarter": t.quarter, "planned_title": t.title, "topic": t.name} for t in topics),
	]
	name = ensure(
		log,
		Plan.DOCTYPE,
		{"room": data.R_GST, "year": year},
		lambda: insert(
			"sec_gst", {"doctype": Plan.DOCTYPE, "room": data.R_GST, "year": year, "planned_topics": rows}
		),
	)
	plan = frappe.get_doc(Plan.DOCTYPE, name)
	if plan.workflow_state in (None, "", Plan.DRAFT):
		act(plan, Plan.SUBMIT, "sec_gst")
		log.new(f"{Plan.DOCTYPE}: {Plan.SUBMIT}")
	if fresh(plan).workflow_state == Plan.SUBMITTED:
		act(plan, Plan.APPROVE, "reviewer")
		log.new(f"{Plan.DOCTYPE}: {Plan.APPROVE}")
	return name
