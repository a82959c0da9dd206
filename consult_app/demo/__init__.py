"""Demo data that shows the whole process: `bench --site SITE execute consult_app.demo.load`.

- data.py: the records (users, rooms, participants, topics and what happened to them), from the work
  plans of docs/sources.md;
- registry.py: users, rooms, participants, conveners, council, handling units, a member group, a public
  call and the annual plan;
- story.py: each topic walked through the workflows by the persona who takes each step: one topic through
  every state to Concluded with its A, B and C outcomes evaluated, one consulted with an overdue outcome,
  a temporary topic through the chair meeting's review, a rejected one, an anonymous web proposal.

Idempotent: a record is looked up before it is made and a walk starts from the state a record is in, so a
second load makes nothing and says so. The load is one transaction: if a step is refused, load() raises a
DemoStepError naming the step and nothing is kept. Emails are muted. Importing this package touches no site.
"""

from __future__ import annotations

import frappe

from consult_app.demo import data

DOCTYPES = (
	"Consultation Room",
	"Consultation Participant",
	"Consultation Member Group",
	"Consultation Plan",
	"Consultation Topic",
	"Consultation Research",
	"Consultation Meeting",
	"Consultation Outcome",
)


def load():
	"""Load the demo data (idempotent), print what was made and the demo logins."""
	from consult_app.demo import registry, story
	from consult_app.demo.actors import Log, step

	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")
	log = Log()
	for name, fn in (
		("users", registry.ensure_users),
		("expertise", registry.ensure_expertise),
		("rooms", registry.ensure_rooms),
		("participants", registry.ensure_participants),
		("conveners and council", registry.ensure_room_people),
		("handling units", registry.ensure_handling_units),
		("member group", registry.ensure_member_group),
	):
		with step(name):
			fn(log)
	with step("public call"):
		public_call = registry.ensure_public_call(log)
	with step("topics"):
		topics = {}
		for spec in data.TOPICS:
			extra = {"public_call": public_call} if spec["source"] == "Public Call" else {}
			topics[spec["title"]] = story.ensure_topic(log, {**spec, **extra})
	with step("annual plan"):
		registry.ensure_plan(log, [topics[s["title"]] for s in data.TOPICS if s.get("in_plan")])
	for spec in data.TOPICS:
		topics[spec["title"]] = story.walk_topic(log, spec, topics[spec["title"]])
	story.propose_anonymously(log)
	frappe.set_user("Administrator")
	frappe.db.commit()
	report(log)  # (returns nothing: `bench execute` prints what a method returns, as JSON)


def report(log):
	if log.made:
		print("consult_app demo data loaded.")
		print("  made: " + ", ".join(f"{k} {v}" for k, v in log.made.items()))
	else:
		print("consult_app demo data: already loaded, nothing to do (every record is present).")
	print("  topics:")
	for row in frappe.get_all(
		"Consultation Topic",
		filters={"room": ("in", [r["room_name"] for r in data.ROOMS])},
		fields=["name", "workflow_state", "room", "title"],
		order_by="room, creation",
	):
		print(f"    {row.name}  {row.workflow_state:<24} {row.room} / {row.title}")
	for doctype in DOCTYPES[5:]:
		print(f"  {doctype}: {frappe.db.count(doctype)}")
	print(
		f"\nDemo logins (password for all: {data.DEMO_PASSWORD}); Administrator's password is the site's admin password."
	)
	for mail, full_name, roles in data.USERS.values():
		print(f"  {mail:<28} {full_name:<5} {', '.join(roles)}")
