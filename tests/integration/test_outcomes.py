"""Outcomes — drafting, 交督复 (assign, supervise, answer), feedback, evaluation, the echo wall
and the outcome print formats, by persona, with every refusal on the server."""

import re

import frappe
import pytest
import requests
from factory import act, edit, email, fresh, make_topic
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.utils import add_days, getdate, now
from freezegun import freeze_time
from meeting_factory import held_meeting, meeting_people, researched_topic, schedule_meeting
from outcome_factory import (
	FEEDBACK,
	PUBLIC_FEEDBACK,
	adopted_outcome,
	drafted_outcome,
	feedback_given_outcome,
	handling_unit,
	implemented_outcome,
	meeting_day,
	reported_outcome,
)
from test_topic_lifecycle import pdf_text

import consult_app.tasks
from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcomes
from consult_app.exceptions import (
	AssignmentMissingError,
	DueDateBeforeMeetingError,
	EvaluationIncompleteError,
	EvaluationWithoutFeedbackError,
	FeedbackMissingError,
	FeedbackNotAllowedError,
	MeetingNotSubmittedError,
	PercentRangeError,
	ProgressBackwardsError,
	WorkflowStateLockedError,
)
from consult_app.rules import CLASS_A

OUTCOME = "Consultation Outcome"
PHONE = re.compile(r"1[3-9]\d{9}")
REFUSED = (WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError)


def state(doc):
	return frappe.db.get_value(doc.doctype, doc.name, "workflow_state")


def queue_rows(outcome_name) -> set[str]:
	return set(
		frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": OUTCOME, "reference_name": outcome_name},
			pluck="name",
		)
	)


def queued_to(outcome_name, since: set[str] | None = None):
	"""Recipients of the Email Queue rows about an outcome (one entry per mail and recipient), leaving out
	the rows in `since` (e.g. the workflow's own action mails queued before)."""
	rows = queue_rows(outcome_name) - (since or set())
	return sorted(
		r for q in rows for r in frappe.get_all("Email Queue Recipient", {"parent": q}, pluck="recipient")
	)


def todos(outcome_name):
	return sorted(
		frappe.get_all(
			"ToDo",
			filters={"reference_type": OUTCOME, "reference_name": outcome_name, "status": "Open"},
			pluck="allocated_to",
		)
	)


# -- the whole path, by persona ---------------------------------------------------------------------


def test_outcome_from_draft_to_evaluated_by_persona(personas):
	topic, meeting = held_meeting("社区停车难问题")
	frappe.db.set_value("Consultation Topic", topic.name, "proposer_email", "zhang.jumin@consult.test")

	# 1. the secretary drafts one outcome per agenda topic from the submitted meeting; again: no duplicate
	frappe.set_user(email("secretary_a"))
	names = make_outcomes(meeting.name)
	assert len(names) == 1 and make_outcomes(meeting.name) == names
	outcome = frappe.get_doc(OUTCOME, names[0])
	assert outcome.workflow_state == "Draft"
	assert outcome.topic == topic.name and outcome.room == topic.room
	assert "增设停车位40个" in outcome.content

	act(outcome, "Review Outcome", email("convener"))
	act(outcome, "Report", email("secretary_a"))
	unit = handling_unit()
	due = add_days(meeting_day(meeting), 30)
	edit(outcome, email("reviewer"), handling_class=CLASS_A, handling_unit=unit.name, due_date=due)
	act(outcome, "Adopt", email("reviewer"))
	outcome = fresh(outcome)
	assert outcome.workflow_state == "Adopted"
	assert outcome.adoption_decision == "Adopted" and outcome.decided_on

	# 2. the handling unit implements and reports progress and results
	act(outcome, "Start Implementation", email("unit"))
	day = meeting_day(meeting)
	edit(
		outcome,
		email("unit"),
		progress=[{"progress_date": add_days(day, 3), "percent": 30, "note": "方案设计"}],
	)
	outcome = edit(
		outcome,
		email("unit"),
		progress=[
			{"progress_date": add_days(day, 3), "percent": 30, "note": "方案设计"},
			{"progress_date": add_days(day, 15), "percent": 100},
		],
		funds_secured=12.5,
		problems_solved=1,
		people_benefited=860,
		change_type="Livelihood Project",
	)
	assert outcome.percent_complete == 100
	act(outcome, "Mark Implemented", email("unit"))

	# 3. the secretary feeds back to the participants and the proposer
	edit(outcome, email("secretary_a"), feedback_to_participants=FEEDBACK)
	act(outcome, "Give Feedback", email("secretary_a"))
	outcome = fresh(outcome)
	assert outcome.workflow_state == "Feedback Given" and outcome.feedback_sent_on
	recipients = queued_to(outcome.name)
	for address in ("member.sun@consult.test", "resident.liu@consult.test", "zhang.jumin@consult.test"):
		assert address in recipients
	assert frappe.db.exists(
		"Comment", {"reference_doctype": OUTCOME, "reference_name": outcome.name, "comment_type": "Info"}
	)

	# 4. a member records supervision (民主评议) and evaluates; the topic, all outcomes evaluated, concludes
	member = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	outcome = edit(
		outcome,
		email("member"),
		satisfaction="Satisfied",
		evaluation_comment="停车位已启用，居民满意。",
		supervision=[
			{"entry_date": add_days(day, 20), "kind": "Evaluation", "participant": member, "note": "现场查看"}
		],
	)
	act(outcome, "Evaluate", email("member"))
	assert state(outcome) == "Evaluated"
	assert frappe.session.user == email("member")  # the topic was concluded as the system, then back
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Concluded"


def test_topic_stays_consulted_while_another_outcome_is_open(personas):
	topic, _meeting, outcome = feedback_given_outcome("两个成果的议题")
	frappe.set_user("Administrator")
	second = frappe.copy_doc(fresh(outcome))
	second.workflow_state = "Draft"
	second.publish_feedback = 0
	second.insert()
	edit(outcome, email("secretary_a"), satisfaction="Satisfied", evaluation_comment="满意")
	act(outcome, "Evaluate", email("secretary_a"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Consulted"


@pytest.mark.parametrize(
	"stage,action,persona",
	[
		("drafted", "Review Outcome", "secretary_a"),
		("drafted", "Review Outcome", "unit"),
		("drafted", "Review Outcome", "member"),
		("reported", "Adopt", "secretary_a"),
		("reported", "Adopt", "unit"),
		("reported", "Adopt", "convener"),
		("reported", "Decline", "member"),
		("adopted", "Start Implementation", "reviewer"),
		("adopted", "Start Implementation", "secretary_a"),
		("implemented", "Give Feedback", "unit"),
		("implemented", "Give Feedback", "reviewer"),
		("feedback", "Evaluate", "unit"),
		("feedback", "Evaluate", "convener"),
	],
)
def test_other_roles_cannot_move_the_outcome(personas, stage, action, persona):
	build = {
		"drafted": drafted_outcome,
		"reported": reported_outcome,
		"adopted": adopted_outcome,
		"implemented": implemented_outcome,
		"feedback": feedback_given_outcome,
	}[stage]
	outcome = build("越权测试议题")[2]
	before = state(outcome)
	if action == "Evaluate":
		edit(outcome, "Administrator", satisfaction="Satisfied", evaluation_comment="满意")
	with pytest.raises(REFUSED):
		act(outcome, action, email(persona))
	assert state(outcome) == before


# -- 交: adoption needs a handling unit and a due date -----------------------------------------------


def test_adoption_without_handling_unit_and_due_date_is_refused(personas):
	_topic, meeting, outcome = reported_outcome()
	edit(outcome, email("reviewer"), handling_class=CLASS_A)
	with pytest.raises(AssignmentMissingError) as e:
		act(outcome, "Adopt in Part", email("reviewer"))
	assert "承办单位" in str(e.value) or "Handling Unit" in str(e.value)
	assert state(outcome) == "Reported"
	edit(outcome, email("reviewer"), handling_unit=handling_unit().name)
	with pytest.raises(AssignmentMissingError):
		act(outcome, "Adopt", email("reviewer"))
	assert state(outcome) == "Reported"
	edit(outcome, email("reviewer"), due_date=add_days(meeting_day(meeting), 10))
	act(outcome, "Adopt in Part", email("reviewer"))
	assert fresh(outcome).adoption_decision == "Partly Adopted"


def test_due_date_before_the_meeting_is_refused(personas):
	_topic, meeting, outcome = reported_outcome()
	with pytest.raises(DueDateBeforeMeetingError):
		edit(
			outcome,
			email("reviewer"),
			handling_unit=handling_unit().name,
			due_date=add_days(meeting_day(meeting), -1),
		)
	assert not frappe.db.get_value(OUTCOME, outcome.name, "due_date")


def test_declined_outcome_gets_feedback_without_assignment(personas):
	_topic, _meeting, outcome = reported_outcome()
	edit(outcome, email("reviewer"), adoption_reason="超出街道职权范围，已转区住建委研究。")
	act(outcome, "Decline", email("reviewer"))
	edit(outcome, email("secretary_a"), feedback_to_participants="该建议超出街道职权，已转区住建委研究。")
	act(outcome, "Give Feedback", email("secretary_a"))
	outcome = fresh(outcome)
	assert outcome.workflow_state == "Feedback Given" and outcome.adoption_decision == "Not Adopted"


# -- 督: progress ----------------------------------------------------------------------------------


def test_progress_over_100_or_backwards_without_note_is_refused(personas):
	_topic, meeting, outcome = adopted_outcome()
	act(outcome, "Start Implementation", email("unit"))
	day = meeting_day(meeting)
	with pytest.raises(PercentRangeError):
		edit(outcome, email("unit"), progress=[{"progress_date": day, "percent": 120}])
	with pytest.raises(ProgressBackwardsError) as e:
		edit(
			outcome,
			email("unit"),
			progress=[
				{"progress_date": day, "percent": 60},
				{"progress_date": add_days(day, 2), "percent": 40},
			],
		)
	assert "60" in str(e.value) and "40" in str(e.value)
	assert not frappe.get_all("Consultation Outcome Progress", {"parent": outcome.name})
	outcome = edit(
		outcome,
		email("unit"),
		progress=[
			{"progress_date": day, "percent": 60},
			{"progress_date": add_days(day, 2), "percent": 40, "note": "设计变更，部分工程返工"},
		],
	)
	assert outcome.percent_complete == 40


# -- 督: the daily overdue check, as the scheduler runs it -----------------------------------------


def test_overdue_outcome_is_flagged_once_a_day_and_escalated(personas, set_settings):
	set_settings(overdue_escalation_days=15)
	_topic, _meeting, outcome = adopted_outcome("逾期办理议题", due_in_days=10)
	due = getdate(outcome.due_date)
	frappe.set_user("Administrator")
	unit_people = sorted([email("unit"), email("secretary_a")])
	workflow_mails = queue_rows(outcome.name)

	with freeze_time(f"{add_days(due, -1)} 08:00:00"):
		consult_app.tasks.flag_overdue_outcomes()  # not yet overdue
	assert not queued_to(outcome.name, workflow_mails) and not todos(outcome.name)

	with freeze_time(f"{add_days(due, 3)} 08:00:00"):
		consult_app.tasks.flag_overdue_outcomes()
		first = queued_to(outcome.name, workflow_mails)
		assert {email("unit"), email("secretary_a"), "chengjianke@consult.test"} <= set(first)
		assert email("manager") not in first
		assert todos(outcome.name) == unit_people
		consult_app.tasks.flag_overdue_outcomes()  # a second run the same day sends nothing twice
		assert queued_to(outcome.name, workflow_mails) == first
		assert todos(outcome.name) == unit_people
	assert str(frappe.db.get_value(OUTCOME, outcome.name, "last_overdue_notice_on")) == str(add_days(due, 3))

	with freeze_time(f"{add_days(due, 16)} 08:00:00"):  # 16 days overdue: past the 15 of the settings
		consult_app.tasks.flag_overdue_outcomes()
		later = queued_to(outcome.name, workflow_mails)
		assert email("manager") in later
		assert later.count(email("unit")) == 2  # flagged again on a later day
		assert todos(outcome.name) == sorted([*unit_people, email("manager")])  # no duplicate ToDo
		consult_app.tasks.flag_overdue_outcomes()
		assert queued_to(outcome.name, workflow_mails) == later


def test_implemented_outcome_is_not_flagged(personas):
	_topic, _meeting, outcome = implemented_outcome()
	with freeze_time(f"{add_days(outcome.due_date, 5)} 08:00:00"):
		consult_app.tasks.flag_overdue_outcomes()
	assert not todos(outcome.name)


# -- 复: feedback and evaluation -------------------------------------------------------------------


def test_feedback_before_implementation_is_refused(personas):
	_topic, _meeting, outcome = adopted_outcome()
	act(outcome, "Start Implementation", email("unit"))
	edit(outcome, email("secretary_a"), feedback_to_participants=FEEDBACK)
	with pytest.raises(REFUSED):
		act(outcome, "Give Feedback", email("secretary_a"))
	with pytest.raises(FeedbackNotAllowedError):
		edit(outcome, email("secretary_a"), feedback_public_text=PUBLIC_FEEDBACK, publish_feedback=1)
	outcome = fresh(outcome)
	assert (
		outcome.workflow_state == "Implementing"
		and not outcome.publish_feedback
		and not outcome.feedback_sent_on
	)


def test_feedback_without_text_or_public_text_is_refused(personas):
	_topic, _meeting, outcome = implemented_outcome()
	workflow_mails = queue_rows(outcome.name)
	with pytest.raises(FeedbackMissingError):
		act(outcome, "Give Feedback", email("secretary_a"))
	with pytest.raises(FeedbackMissingError):
		edit(outcome, email("secretary_a"), feedback_to_participants=FEEDBACK, publish_feedback=1)
	assert state(outcome) == "Implemented"
	assert not queued_to(outcome.name, workflow_mails)


def test_evaluation_needs_feedback_and_an_opinion(personas):
	_topic, _meeting, outcome = feedback_given_outcome()
	with pytest.raises(EvaluationIncompleteError):
		act(outcome, "Evaluate", email("secretary_a"))
	edit(outcome, email("secretary_a"), satisfaction="Not Satisfied", evaluation_comment="停车位数量仍不足。")
	frappe.db.set_value(OUTCOME, outcome.name, "feedback_sent_on", None)  # as if feedback had never gone out
	with pytest.raises(EvaluationWithoutFeedbackError):
		act(outcome, "Evaluate", email("secretary_a"))
	assert state(outcome) == "Feedback Given"


def test_not_satisfied_evaluation_reopens_implementation(personas):
	topic, _meeting, outcome = feedback_given_outcome()
	edit(outcome, email("secretary_a"), satisfaction="Not Satisfied", evaluation_comment="停车位数量仍不足。")
	act(outcome, "Evaluate", email("secretary_a"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Concluded"
	act(outcome, "Reopen Implementation", email("secretary_a"))
	outcome = fresh(outcome)
	assert outcome.workflow_state == "Implementing"
	assert not outcome.feedback_sent_on and not outcome.satisfaction  # the next round needs both anew
	assert frappe.get_all(
		"Comment",
		{
			"reference_doctype": OUTCOME,
			"reference_name": outcome.name,
			"content": ("like", "%停车位数量仍不足%"),
		},
	)


def test_member_may_only_evaluate_and_supervise(personas):
	"""The evaluation and supervision record are a permission level of their own, which members write;
	everything else of an outcome is not theirs to change."""
	_topic, _meeting, outcome = feedback_given_outcome()
	with pytest.raises(WorkflowStateLockedError):
		edit(outcome, email("member"), results_note="委员改写的成效说明")
	assert frappe.db.get_value(OUTCOME, outcome.name, "results_note") != "委员改写的成效说明"
	edit(outcome, email("member"), satisfaction="Satisfied", evaluation_comment="车位已增设，群众满意。")
	act(outcome, "Evaluate", email("member"))
	assert frappe.db.get_value(OUTCOME, outcome.name, ["workflow_state", "evaluated_by"]) == (
		"Evaluated",
		email("member"),
	)
	# a handling unit's user reads the evaluation but does not write it
	frappe.set_user(email("unit"))
	doc = frappe.get_doc(OUTCOME, outcome.name)
	assert 1 in doc.get_permlevel_access("read") and 1 not in doc.get_permlevel_access("write")


# -- drafting refused ---------------------------------------------------------------------------------


def test_outcomes_only_from_a_submitted_meeting_and_by_permitted_users(personas):
	topic, _research = researched_topic("未开会议题")
	meeting = schedule_meeting([topic], *meeting_people())
	frappe.set_user(email("secretary_a"))
	with pytest.raises(MeetingNotSubmittedError):
		make_outcomes(meeting.name)
	_topic, held = held_meeting("已开会议题")
	frappe.set_user(email("unit"))
	with pytest.raises(frappe.PermissionError):
		make_outcomes(held.name)
	assert not frappe.get_all(OUTCOME, {"meeting": ("in", [meeting.name, held.name])})


# -- print formats ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"print_format,expected",
	[
		("Outcome Submission Form", ["协商成果报送单", "利用小区东侧空地增设停车位40个", "测试城建科"]),
		("Implementation Feedback Letter", ["落实情况反馈函", "新增停车位40个", "860", "已采纳"]),
	],
)
def test_outcome_print_formats_render_chinese_pdfs(personas, print_format, expected):
	_topic, _meeting, outcome = feedback_given_outcome("打印成果议题")
	frappe.set_user("Administrator")
	text = pdf_text(OUTCOME, outcome.name, print_format).replace(" ", "").replace("\n", "")
	for snippet in expected:
		assert snippet in text, (snippet, text[:800])


# -- the echo wall 回音壁, as Guest over HTTP --------------------------------------------------------

CREATED_DOCTYPES = (
	OUTCOME,
	"Consultation Meeting",
	"Consultation Research",
	"Consultation Topic",
	"Consultation Plan",
	"Consultation Participant",
	"Consultation Handling Unit",
)


def purge_created_since(marker):
	"""Delete (and commit) what the echo-wall test committed: every record of these DocTypes made since
	`marker`, submitted meetings included, with their queued mails."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype in CREATED_DOCTYPES:
		for name in frappe.get_all(doctype, {"creation": (">=", marker)}, pluck="name"):
			if frappe.get_meta(doctype).is_submittable:
				frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
			frappe.db.delete("Email Queue", {"reference_doctype": doctype, "reference_name": name})
	frappe.db.commit()


def guest_get(base, path, **params):
	return requests.get(base + path, params=params, headers={"Accept-Language": "zh"}, timeout=30)


def test_echo_wall_shows_published_progress_and_feedback_to_guests_and_nothing_private(personas, live_server):
	marker = now()
	try:
		topic, _meeting, _outcome = feedback_given_outcome("回音壁公开议题甲")
		frappe.db.set_value(
			"Consultation Topic",
			topic.name,
			{
				"publish_on_echo_wall": 1,
				"proposer_phone": "13800000000",
				"description": "小区停车难，联系人电话13711112222。",
			},
		)
		hidden_topic, _m, hidden = feedback_given_outcome("未公开议题乙", publish=False)
		quiet = make_topic("不公开的议题丙", proposer_phone="13922223333")
		frappe.db.commit()

		r = guest_get(live_server, "/echo-wall")
		assert r.status_code == 200, r.text[:500]
		page = r.text
		assert "回音壁" in page
		assert "回音壁公开议题甲" in page and "100%" in page, page[page.find('class="echo-wall"') :][:3000]
		assert PUBLIC_FEEDBACK in page
		assert "860" in page  # people benefited
		for private in ("未公开议题乙", "不公开的议题丙", "张居民", "孙委员", "刘居民", "周召集人", FEEDBACK):
			assert private not in page, private
		assert not PHONE.search(page), PHONE.search(page)

		r = guest_get(live_server, "/echo-wall", topic=topic.name)
		assert r.status_code == 200
		assert "回音壁公开议题甲" in r.text and PUBLIC_FEEDBACK in r.text
		assert "小区停车难" in r.text and not PHONE.search(r.text)

		for name in (hidden_topic.name, quiet.name, "TOPIC-0000-99999", "<script>"):
			r = guest_get(live_server, "/echo-wall", topic=name)
			assert r.status_code == 404, (name, r.status_code)
			assert "未公开议题乙" not in r.text and "不公开的议题丙" not in r.text
		assert hidden.name not in page
	finally:
		purge_created_since(marker)
