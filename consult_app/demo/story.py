"""The demo's story: each topic taken through the topic workflow to its target state, step by step, by the
persona who takes the step; research, meetings and outcomes recorded by the people who record them.

Where the story happened in the past (a topic approved 95 days ago, researched, consulted at a meeting
75 days ago), the dates the server stamps with today are set back to the story's dates once the step is
taken (approval, filing, publicity): history, not a way around a gate. Each walk starts from the state
the record is in, so a second load finds every record where the story leaves it and takes no step.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

import frappe
from frappe.utils import add_days, get_datetime, getdate, today

from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcome
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.demo import data
from consult_app.demo.actors import Log, act, as_user, edit, fresh, insert, step
from consult_app.demo.registry import ensure, participant, this_quarter
from consult_app.process.states import Outcome, Topic, shipped_order
from consult_app.rules import is_assigned_class

TOPIC = Topic.DOCTYPE
OUTCOME = Outcome.DOCTYPE
MEETING = "Consultation Meeting"
RESEARCH = "Consultation Research"


def secretary_of(room: str) -> str:
	return next(r["secretaries"][0] for r in data.ROOMS if r["room_name"] == room)


def walk(doc, target: str, order: list[str], moves: dict[str, Callable], log: Log):
	"""Take `doc` to `target` one move at a time: `moves[state](doc)` takes the step out of `state`.
	A document already at the target, or past it in `order`, is left as it is."""
	for _ in range(len(order) + 1):
		doc = fresh(doc)
		state = doc.workflow_state or Topic.DRAFT
		if state == target or (
			target in order and state in order and order.index(state) > order.index(target)
		):
			return doc
		if state not in moves:
			raise RuntimeError(f"{doc.doctype} {doc.name}: the story has no step from {state} to {target}")
		with step(f"{doc.doctype} {doc.name} ({doc.get('title')}): from {state}"):
			moves[state](doc)
		log.new(f"{doc.doctype}: step from {state}")
	raise RuntimeError(f"{doc.doctype} {doc.name} did not reach {target}")


# --------------------------------------------------------------------------------------------- dates


class Timeline:
	"""A topic's story in dates. The meeting falls in this year when the story's offset reaches back
	past New Year (the year's reports count this year's activities); later dates never pass today."""

	def __init__(self, story: dict):
		self.today = getdate(today())
		self.approved = self.ago(story["approved_ago"])
		self.publicity = self.ago(story["publicity_ago"])
		self.research = tuple(self.ago(n) for n in story["research_ago"])
		if "meeting_in" in story:  # a meeting still to come
			self.meeting = getdate(add_days(self.today, story["meeting_in"]))
			return
		new_year = datetime.date(self.today.year, 1, 1)
		meeting = max(self.ago(story["meeting_ago"]), new_year)
		self.meeting = meeting if meeting < self.today else self.ago(1)

	def ago(self, days: int) -> datetime.date:
		return getdate(add_days(self.today, -days))

	def after_meeting(self, days: int) -> datetime.date:
		return min(getdate(add_days(self.meeting, days)), self.today)


# -------------------------------------------------------------------------------------------- topics


def ensure_topic(log: Log, spec: dict):
	"""A topic as its proposer's room records it (the secretary, or the member who proposes it)."""
	fields = {
		k: v
		for k, v in spec.items()
		if k not in ("target", "by", "in_plan", "reject", "story", "temporary_plan", "proposer_participant")
	}
	if spec.get("proposer_participant"):
		fields["proposer"] = participant(spec["proposer_participant"], spec["room"])
	if spec.get("quarter") == "previous":
		# the quarter before this one (in Q1: Q2, to stay in this year's plan and quarterly quotas)
		q = this_quarter()
		fields["quarter"] = f"Q{q - 1}" if q > 1 else "Q2"

	def make():
		topic = insert(spec["by"], {"doctype": TOPIC, **fields})
		if spec.get("story"):  # collected on the story's day, before its approval
			collected = Timeline(spec["story"]).ago(spec["story"]["approved_ago"] + 10)
			frappe.db.set_value(TOPIC, topic.name, "creation", f"{collected} 10:00:00", update_modified=False)
		return topic

	name = ensure(log, TOPIC, {"title": spec["title"], "room": spec["room"]}, make)
	return frappe.get_doc(TOPIC, name)


def topic_moves(spec: dict, log: Log) -> dict[str, Callable]:
	"""Who takes each step of the topic workflow, and what they enter first."""
	sec = secretary_of(spec["room"])
	proposer = spec["by"] if "CPPCC Member" in data.USERS[spec["by"]][2] else sec
	timeline = Timeline(spec["story"]) if spec.get("story") else None

	def screen(topic):
		if spec["target"] == Topic.NOT_ACCEPTED:
			# the party reviewer answers the exclusion check and rejects (Dacheng Plan IV.3 九不议)
			edit(topic, "reviewer", **{**data.EXCLUSION_ALL_NO, **spec["reject"]})
			act(topic, Topic.REJECT, "reviewer")
		else:
			act(topic, Topic.SHORTLIST, "member1")  # Gaosuntang Plan III.2: members shortlist

	def approve(topic):
		edit(topic, "reviewer", **data.EXCLUSION_ALL_NO)  # the reviewer's exclusion check (九不议)
		act(topic, Topic.APPROVE, "reviewer")
		if timeline:  # approved on the story's day (the server stamped today)
			topic = fresh(topic)
			dates = {"approved_on": timeline.approved}
			if topic.filing_date:
				dates["filing_date"] = timeline.approved
			frappe.db.set_value(TOPIC, topic.name, dates, update_modified=False)

	def after_approval(topic):
		if topic.is_temporary:
			# Hai'an Plan II.3: the temporary topic's own plan, reviewed by the chair meeting
			edit(topic, "manager", temporary_plan=spec["temporary_plan"], chair_meeting_on=today())
			act(topic, Topic.REVIEW_TEMPORARY_PLAN, "manager")
		else:
			publicize(topic)

	def publicize(topic):
		act(topic, Topic.PUBLICIZE, sec)
		if timeline:  # posted publicly on the story's day (the server stamped today)
			frappe.db.set_value(
				TOPIC,
				topic.name,
				{
					"publicity_start": timeline.publicity,
					"earliest_meeting_date": add_days(timeline.publicity, get_settings().publicity_days),
				},
				update_modified=False,
			)
		# the echo wall (Experience Reports, report 5) follows the topic from its publicity on
		edit(topic, sec, publish_on_echo_wall=1)

	return {
		Topic.DRAFT: lambda t: act(t, Topic.SUBMIT, proposer),
		Topic.SUBMITTED: screen,
		Topic.SHORTLISTED: approve,
		Topic.APPROVED: after_approval,
		Topic.CHAIR_REVIEWED: lambda t: act(t, Topic.APPROVE_TEMPORARY, "reviewer"),
		Topic.TEMPORARY_APPROVED: publicize,
		Topic.PUBLICIZED: lambda t: record_research(t, timeline, log),
		Topic.RESEARCHING: lambda t: complete_research(t, timeline),
		Topic.READY: lambda t: hold_meeting(t, timeline, log),
		Topic.CONSULTED: lambda t: handle_outcomes(t, timeline, log),
	}


def walk_topic(log: Log, spec: dict, topic):
	"""The topic to its target state; a topic the story leaves consulted has its outcomes handled."""
	topic = walk(topic, spec["target"], shipped_order(Topic), topic_moves(spec, log), log)
	if topic.workflow_state == Topic.READY and topic.title in data.MEETINGS:
		with step(f"the meeting scheduled on {topic.name} ({topic.title})"):
			schedule_meeting(topic, Timeline(spec["story"]), log)
	if topic.workflow_state == Topic.CONSULTED and topic.title in data.OUTCOMES:
		handle_outcomes(topic, Timeline(spec["story"]), log)
	return fresh(topic)


def propose_anonymously(log: Log):
	"""A resident proposes on the public web form 我要出题 without a name, leaving an email to be told."""
	from frappe.website.doctype.web_form.web_form import accept

	def submit_form():
		with as_user(None):
			accept("propose-topic", json.dumps(data.ANONYMOUS_PROPOSAL))
		frappe.flags.in_web_form = False
		return frappe.get_doc(TOPIC, {"title": data.ANONYMOUS})

	with step("the anonymous proposal on the web form"):
		ensure(log, TOPIC, {"title": data.ANONYMOUS, "room": data.ANONYMOUS_PROPOSAL["room"]}, submit_form)


# ----------------------------------------------------------------------------------------- research


def record_research(topic, timeline: Timeline, log: Log):
	"""Gaosuntang Plan III.3: a member of the research team records the research (the topic moves on to
	Researching by itself, process/flow.py)."""
	spec = data.RESEARCH[topic.title]
	values = {
		"doctype": RESEARCH,
		"topic": topic.name,
		"method": spec["method"],
		"start_date": timeline.research[0],
		"end_date": timeline.research[1],
		"team": [{"participant": participant(n, topic.room), "team_role": r} for n, r in spec["team"]],
		**{f: spec[f] for f in ("policy_basis", "facts", "stakeholder_views")},
	}
	if spec.get("sensitive"):
		values["sensitive_reported"] = 1
	ensure(log, RESEARCH, {"topic": topic.name}, lambda: insert(spec["recorded_by"], values))


def complete_research(topic, timeline: Timeline):
	"""The secretary completes the research (Yancheng Norms art. 15: a sensitive matter found is reported
	to the party committee first); the topic moves on to Ready for Consultation by itself."""
	spec = data.RESEARCH[topic.title]
	research = frappe.get_doc(RESEARCH, {"topic": topic.name})
	values = {"completed": 1}
	if spec.get("sensitive"):
		values.update(
			reported_to=spec["sensitive"]["reported_to"],
			reported_on=timeline.ago(spec["sensitive"]["reported_ago"]),
		)
	edit(research, secretary_of(topic.room), **values)


# ------------------------------------------------------------------------------------------ meetings


def schedule_meeting(topic, timeline: Timeline, log: Log):
	"""The secretary schedules the meeting on the topic: agenda, conveners, invited participants."""
	spec = data.MEETINGS[topic.title]
	room = topic.room
	first, second = data.CONVENERS[room]
	start, end = (get_datetime(f"{timeline.meeting} {h:02d}:30:00") for h in spec["hours"])
	values = {
		"doctype": MEETING,
		"meeting_title": spec["meeting_title"],
		"room": room,
		"form": spec["form"],
		"venue": spec["venue"],
		"start": start,
		"end": end,
		"preparation": spec["preparation"],
		"agenda": [{"topic": topic.name}],
		"conveners": [
			{"participant": participant(n, room), "convener_order": o}
			for n, o in ((first, "First Convener"), (second, "Second Convener"))
			if n
		],
		"participants": [
			{"participant": participant(n, room), "meeting_role": role, "invited": 1}
			for n, role, _attendance in spec["people"]
		],
	}
	name = ensure(
		log, MEETING, {"meeting_title": spec["meeting_title"]}, lambda: insert(secretary_of(room), values)
	)
	return frappe.get_doc(MEETING, name)


def hold_meeting(topic, timeline: Timeline, log: Log):
	"""The secretary schedules the meeting, records attendance, opinions, consensus and minutes, and
	submits the record once it has taken place; the topic is then consulted by itself."""
	spec = data.MEETINGS[topic.title]
	sec = secretary_of(topic.room)
	room = topic.room
	meeting = schedule_meeting(topic, timeline, log)
	if meeting.docstatus == 0:
		attendance = {participant(n, room): a for n, _role, a in spec["people"]}
		with as_user(sec):
			meeting = fresh(meeting)
			for row in meeting.participants:
				row.attendance = attendance[row.participant]
			meeting.set(
				"statements",
				[{"department": d, "speaker": s, "statement": t} for d, s, t in spec["statements"]],
			)
			meeting.set(
				"opinions",
				[
					{"topic": topic.name, "speaker": participant(n, room), "stance": stance, "opinion": text}
					for n, stance, text in spec["opinions"]
				],
			)
			meeting.update(
				{
					"consensus_reached": 1,
					**{f: spec[f] for f in ("consensus", "dissent_explanation", "minutes", "follow_up")},
					"short_notice_reason": spec["short_notice_reason"],
				}
			)
			meeting.save()
			fresh(meeting).submit()


# ------------------------------------------------------------------------------------------ outcomes


def handle_outcomes(topic, timeline: Timeline, log: Log):
	"""The outcomes drafted from the held meeting, each taken to its state by the people who handle it;
	the topic is concluded by itself once every one of them is evaluated."""
	meeting = frappe.db.get_value(
		"Consultation Meeting Topic", {"topic": topic.name, "parenttype": MEETING, "docstatus": 1}, "parent"
	)
	for spec in data.OUTCOMES[topic.title]:
		name = ensure(
			log,
			OUTCOME,
			{"title": spec["title"], "topic": topic.name},
			lambda s=spec: draft_outcome(meeting, topic, s),
		)
		walk(
			frappe.get_doc(OUTCOME, name),
			spec["target"],
			shipped_order(Outcome),
			outcome_moves(spec, timeline),
			log,
		)


def draft_outcome(meeting: str, topic, spec: dict):
	"""The secretary drafts the outcome from the meeting (the meeting form's button, get_mapped_doc)."""
	with as_user(secretary_of(topic.room)):
		doc = make_outcome(meeting, topic.name)
		doc.update({f: spec[f] for f in ("title", "outcome_type", "content")})
		doc.set("recipients", [{"recipient_type": t, "recipient_name": n} for t, n in data.RECIPIENTS])
		return doc.insert()


def outcome_moves(spec: dict, timeline: Timeline) -> dict[str, Callable]:
	"""Who takes each step of the outcome workflow (交、督、复, Experience Reports, report 1)."""
	sec = "sec_gst"
	unit = next(
		(k for u, _p, _t, keys in data.HANDLING_UNITS if u == spec.get("handling_unit") for k in keys), None
	)
	decided = timeline.after_meeting(5)

	def decide(outcome):
		values = {
			"decided_on": decided,
			"adoption_reason": spec.get("adoption_reason") or "符合群众意愿，街道党工委会议研究采纳。",
		}
		if spec["decision"] != Outcome.DECLINE:
			values["handling_class"] = spec["handling_class"]
			if is_assigned_class(spec["handling_class"]):
				due = (
					timeline.ago(spec["due_ago"])
					if "due_ago" in spec
					else add_days(timeline.meeting, spec["due_after"])
				)
				values.update(handling_unit=spec["handling_unit"], due_date=due)
			else:
				values["class_explanation"] = spec["class_explanation"]
		edit(outcome, "reviewer", **values)
		act(outcome, spec["decision"], "reviewer")

	def start(outcome):
		act(outcome, Outcome.START_IMPLEMENTATION, unit)
		progress = [
			{"progress_date": timeline.after_meeting(d), "percent": p, "note": n}
			for d, p, n in spec["progress"]
		]
		edit(outcome, unit, progress=progress, **spec.get("results", {}))

	def feedback(outcome):
		edit(
			outcome,
			sec,
			feedback_to_participants=spec["feedback"],
			feedback_public_text=spec.get("public_feedback"),
			publish_feedback=1 if spec.get("public_feedback") else 0,
		)
		act(outcome, Outcome.GIVE_FEEDBACK, sec)
		if spec.get("feedback_after"):  # given on the story's day (the server stamped now)
			day = timeline.after_meeting(spec["feedback_after"])
			frappe.db.set_value(
				OUTCOME, outcome.name, "feedback_sent_on", f"{day} 16:00:00", update_modified=False
			)

	def after_decision(outcome):
		(start if is_assigned_class(outcome.handling_class) else feedback)(outcome)

	def evaluate(outcome):
		satisfaction, comment = spec["evaluation"]
		edit(outcome, "member1", satisfaction=satisfaction, evaluation_comment=comment)
		act(outcome, Outcome.EVALUATE, "member1")

	return {
		Outcome.DRAFT: lambda o: act(o, Outcome.REVIEW, "convener1"),
		Outcome.REVIEWED: lambda o: act(o, Outcome.REPORT, sec),
		Outcome.REPORTED: decide,
		Outcome.ADOPTED: after_decision,
		Outcome.PARTLY_ADOPTED: after_decision,
		Outcome.NOT_ADOPTED: feedback,
		Outcome.IMPLEMENTING: lambda o: act(o, Outcome.MARK_IMPLEMENTED, unit),
		Outcome.IMPLEMENTED: feedback,
		Outcome.FEEDBACK_GIVEN: evaluate,
	}
