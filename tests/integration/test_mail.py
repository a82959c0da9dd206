"""A site without an outgoing Email Account: records are kept and the user is told no email went out."""

import frappe
import pytest
from factory import act, edit, email, fresh
from meeting_factory import meeting_dict, meeting_people, researched_topic
from outcome_factory import FEEDBACK, implemented_outcome

from consult_app.exceptions import NoRecipientsError


def without_outgoing_account():
	frappe.db.set_value("Email Account", {"default_outgoing": 1}, "enable_outgoing", 0)


def test_feedback_is_recorded_and_the_user_warned_without_an_email_account(personas):
	_topic, _meeting, outcome = implemented_outcome("无邮箱时的反馈")
	without_outgoing_account()
	edit(outcome, email("secretary_a"), feedback_to_participants=FEEDBACK)
	frappe.clear_messages()
	act(outcome, "Give Feedback", email("secretary_a"))
	outcome = fresh(outcome)
	assert outcome.workflow_state == "Feedback Given" and outcome.feedback_sent_on
	queues = frappe.get_all("Email Queue", {"reference_name": outcome.name}, pluck="name")
	told = frappe.get_all("Email Queue Recipient", {"parent": ("in", queues or [""])}, pluck="recipient")
	assert "resident.liu@consult.test" not in told  # a meeting participant: no feedback email went out
	shown = " ".join(str(m) for m in frappe.local.message_log)
	assert "email" in shown.lower() or "邮箱" in shown


def test_meeting_notice_is_refused_clearly_without_an_email_account(personas):
	topic, _research = researched_topic("无邮箱时的通知")
	conveners, participants = meeting_people()
	frappe.set_user(email("secretary_a"))
	meeting = frappe.get_doc(meeting_dict([topic], conveners, participants)).insert()
	without_outgoing_account()
	with pytest.raises(NoRecipientsError, match=r"email account|发件邮箱"):
		meeting.send_notice()
	assert not frappe.db.get_value("Consultation Meeting", meeting.name, "notice_sent_on")
