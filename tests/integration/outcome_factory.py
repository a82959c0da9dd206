"""Outcomes for the integration tier, built on held_meeting() through the paths users take:
the secretary drafts outcomes from the submitted meeting, the convener reviews, the secretary reports,
the party reviewer assigns and adopts, the handling unit implements, the secretary feeds back."""

from __future__ import annotations

import frappe
from factory import act, edit, email, fresh
from frappe.utils import add_days, getdate
from meeting_factory import held_meeting

from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcomes
from consult_app.rules import CLASS_A

UNIT = "测试城建科"


def handling_unit(name: str = UNIT, users=("unit",), unit_email: str = "chengjianke@consult.test"):
	frappe.set_user("Administrator")
	if frappe.db.exists("Consultation Handling Unit", name):
		return frappe.get_doc("Consultation Handling Unit", name)
	return frappe.get_doc(
		{
			"doctype": "Consultation Handling Unit",
			"unit_name": name,
			"responsible_person": "郑科长",
			"contact_phone": "13912345678",
			"email": unit_email,
			"users": [{"user": email(u)} for u in users],
		}
	).insert()


def drafted_outcome(title: str = "社区停车难问题"):
	"""(topic, meeting, outcome): the secretary drafts the outcome of a held meeting's topic."""
	topic, meeting = held_meeting(title)
	frappe.set_user(email("secretary_a"))
	names = make_outcomes(meeting.name)
	outcome = frappe.get_doc("Consultation Outcome", names[0])
	frappe.set_user("Administrator")
	return topic, meeting, outcome


def meeting_day(meeting):
	return getdate(meeting.start)


def reported_outcome(title: str = "社区停车难问题"):
	topic, meeting, outcome = drafted_outcome(title)
	act(outcome, "Review Outcome", email("convener"))
	act(outcome, "Report", email("secretary_a"))
	return topic, meeting, fresh(outcome)


def adopted_outcome(title: str = "社区停车难问题", due_in_days: int = 30):
	"""Assigned to the handling unit, due `due_in_days` after the meeting, adopted by the party reviewer."""
	topic, meeting, outcome = reported_outcome(title)
	unit = handling_unit()
	edit(
		outcome,
		email("reviewer"),
		handling_class=CLASS_A,
		handling_unit=unit.name,
		due_date=add_days(meeting_day(meeting), due_in_days),
	)
	act(outcome, "Adopt", email("reviewer"))
	return topic, meeting, fresh(outcome)


def implemented_outcome(title: str = "社区停车难问题"):
	topic, meeting, outcome = adopted_outcome(title)
	act(outcome, "Start Implementation", email("unit"))
	day = meeting_day(meeting)
	edit(
		outcome,
		email("unit"),
		progress=[
			{"progress_date": add_days(day, 5), "percent": 40, "note": "完成停车位方案设计"},
			{"progress_date": add_days(day, 20), "percent": 100, "note": "新增停车位40个已划线启用"},
		],
		funds_secured=12.5,
		problems_solved=1,
		people_benefited=860,
		change_type="Livelihood Project",
		results_note="小区东侧空地改建停车场，夜间占道停车明显减少。",
	)
	act(outcome, "Mark Implemented", email("unit"))
	return topic, meeting, fresh(outcome)


FEEDBACK = "经街道城管办落实，小区东侧新增停车位40个，已于本月启用。感谢各位的参与和监督。"
PUBLIC_FEEDBACK = "小区东侧新增停车位40个，已启用，夜间占道停车明显减少。"


def feedback_given_outcome(title: str = "社区停车难问题", publish: bool = True):
	topic, meeting, outcome = implemented_outcome(title)
	edit(
		outcome,
		email("secretary_a"),
		feedback_to_participants=FEEDBACK,
		feedback_public_text=PUBLIC_FEEDBACK,
		publish_feedback=1 if publish else 0,
	)
	act(outcome, "Give Feedback", email("secretary_a"))
	return topic, meeting, fresh(outcome)
