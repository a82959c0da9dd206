"""One topic flow with no way around its gates, and the rest of the work plans' process.

Each bypass is tried as the persona who would try it, over REST against the live server, and refused with
a clear Chinese message, the database unchanged. The lifecycle walk at the end takes one topic through
every state, with the temporary-topic path, an anonymous web proposal, A/B/C outcomes and the public notice.
"""

from __future__ import annotations

import json
import threading
import uuid

import frappe
import pytest
import requests
from factory import (
	EXCLUSION_ALL_NO,
	ROOM_A,
	ROOM_B,
	act,
	approve_plan_with,
	backdate_publicity,
	edit,
	email,
	fresh,
	make_participant,
	make_topic,
	publicized_topic,
)
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime, today
from meeting_factory import (
	meeting_people,
	notice_sent,
	record_proceedings,
	researched_topic,
	schedule_meeting,
	start_research,
	submit_meeting,
)
from outcome_factory import handling_unit

from consult_app.exceptions import (
	MeetingNotStartedError,
	MeetingNotSubmittedError,
	NotConsultedError,
	NoticeMissingError,
	OutcomeWithoutConsultationError,
	ResearchIncompleteError,
	ResearchMissingError,
	TemporaryTopicNotApprovedError,
)
from consult_app.process.states import Outcome, Topic
from consult_app.rules import CLASS_A, CLASS_B, CLASS_C

TOPIC = Topic.DOCTYPE
OUTCOME = Outcome.DOCTYPE
MEETING = "Consultation Meeting"
ROOM_DOCTYPE = "Consultation Room"
RESEARCH = "Consultation Research"
ZH = {"Accept-Language": "zh"}


def rest(http, base, method, path, **kw):
	return http.request(method, f"{base}{path}", headers=ZH, timeout=60, **kw)


def workflow_action(http, base, doctype, name, action):
	doc = rest(http, base, "GET", f"/api/resource/{doctype}/{name}").json()["data"]
	return rest(
		http,
		base,
		"POST",
		"/api/method/frappe.model.workflow.apply_workflow",
		json={"doc": doc, "action": action},
	)


def refused_in_chinese(r, *fragments):
	assert r.status_code == 417, (r.status_code, r.text[:400])
	text = json.loads(r.json().get("_server_messages") or "[]")
	text = " ".join(json.loads(m).get("message", "") for m in text) or r.text
	assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
	for fragment in fragments:
		assert fragment in text, (fragment, text)
	return text


def stored(doctype, name, field):
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, field)


# -- the gates, over REST ----------------------------------------------------------------------------


def test_the_publicity_start_is_set_by_the_step_and_settled(personas, sessions, live_server, committed):
	topic = publicized_topic(f"公示期议题{uuid.uuid4().hex[:6]}")
	assert str(topic.publicity_start) == today()
	committed(topic)
	before = (str(topic.publicity_start), str(topic.earliest_meeting_date))
	r = rest(
		sessions["secretary_a"],
		live_server,
		"PUT",
		f"/api/resource/{TOPIC}/{topic.name}",
		json={"publicity_start": add_days(today(), -30)},
	)
	refused_in_chinese(r)
	assert (
		str(stored(TOPIC, topic.name, "publicity_start")),
		str(stored(TOPIC, topic.name, "earliest_meeting_date")),
	) == before


def test_research_is_complete_only_with_its_findings(personas, sessions, live_server, committed):
	topic = publicized_topic(f"空调研议题{uuid.uuid4().hex[:6]}")
	committed(topic)
	r = rest(
		sessions["member"],
		live_server,
		"POST",
		f"/api/resource/{RESEARCH}",
		json={"topic": topic.name, "method": "Visits", "completed": 1},
	)
	refused_in_chinese(r)
	assert stored(TOPIC, topic.name, "workflow_state") == Topic.PUBLICIZED
	assert not frappe.db.exists(RESEARCH, {"topic": topic.name})
	# nor can the step be taken by hand without a completed research record
	frappe.db.set_value(TOPIC, topic.name, "workflow_state", Topic.RESEARCHING, update_modified=False)
	frappe.db.commit()
	r = workflow_action(sessions["secretary_a"], live_server, TOPIC, topic.name, Topic.COMPLETE_RESEARCH)
	refused_in_chinese(r)
	assert stored(TOPIC, topic.name, "workflow_state") == Topic.RESEARCHING


def test_a_topic_is_consulted_only_in_a_held_meeting(personas, sessions, live_server, committed):
	topic, research = researched_topic(f"未协商议题{uuid.uuid4().hex[:6]}")
	committed(research)
	committed(topic)
	assert topic.workflow_state == Topic.READY
	r = workflow_action(sessions["secretary_a"], live_server, TOPIC, topic.name, Topic.MARK_CONSULTED)
	refused_in_chinese(r)
	assert stored(TOPIC, topic.name, "workflow_state") == Topic.READY


def test_an_outcome_needs_a_held_meeting_that_consulted_its_topic(personas, sessions, live_server, committed):
	base = {"title": "无会议成果", "outcome_type": "Consultation Suggestion", "content": "建议。"}
	topic = committed(make_topic("尚未协商的议题")).name
	r = rest(
		sessions["secretary_a"],
		live_server,
		"POST",
		f"/api/resource/{OUTCOME}",
		json={**base, "topic": topic},
	)
	refused_in_chinese(r)
	assert not frappe.db.exists(OUTCOME, {"title": "无会议成果"})


def test_outcomes_need_the_meeting_to_have_consulted_the_topic(personas):
	topic, meeting = held_meeting_here("已开会议题")
	other = make_topic("另一议题")
	frappe.set_user(email("secretary_a"))
	doc = frappe.get_doc(
		{
			"doctype": OUTCOME,
			"title": "张冠李戴的成果",
			"outcome_type": "Consultation Suggestion",
			"topic": other.name,
			"meeting": meeting.name,
			"content": "建议。",
		}
	)
	with pytest.raises(OutcomeWithoutConsultationError):
		doc.insert()
	draft_meeting = schedule_meeting([fresh(topic)], *meeting_people())
	doc.update({"topic": topic.name, "meeting": draft_meeting.name})
	with pytest.raises(MeetingNotSubmittedError):
		doc.insert()


def held_meeting_here(title):
	topic, _research = researched_topic(title, publicized_days_ago=10)
	meeting = record_proceedings(schedule_meeting([topic], *meeting_people()))
	notice_sent(meeting)
	return fresh(topic), submit_meeting(meeting)


def test_a_meeting_is_held_after_it_starts_and_after_its_notice(personas):
	topic, _research = researched_topic(f"未开始会议{uuid.uuid4().hex[:6]}")
	meeting = record_proceedings(schedule_meeting([topic], *meeting_people()))
	assert get_datetime(meeting.start) > now_datetime()
	notice_sent(meeting)
	frappe.set_user(email("secretary_a"))
	with pytest.raises(MeetingNotStartedError):
		fresh(meeting).submit()
	assert frappe.db.get_value(MEETING, meeting.name, "docstatus") == 0
	# a meeting that has taken place, but nobody was told
	topic2, _research2 = researched_topic(f"未通知会议{uuid.uuid4().hex[:6]}", publicized_days_ago=10)
	held = record_proceedings(schedule_meeting([topic2], *meeting_people()))
	with pytest.raises(NoticeMissingError):
		submit_meeting(held)
	edit(held, email("secretary_a"), short_notice_reason="会前两天电话逐一通知了全体参会人员。")
	submit_meeting(held)
	assert frappe.db.get_value(TOPIC, topic2.name, "workflow_state") == Topic.CONSULTED


def test_resending_a_notice_is_an_explicit_logged_act(personas, set_settings):
	set_settings(notice_days=0)
	topic, _research = researched_topic(f"重发通知{uuid.uuid4().hex[:6]}")
	meeting = schedule_meeting([topic], *meeting_people())
	frappe.set_user(email("secretary_a"))
	fresh(meeting).send_notice()
	with pytest.raises(NoticeMissingError):
		fresh(meeting).send_notice()
	fresh(meeting).send_notice(resend_reason="会议地点改到三楼。")
	assert frappe.get_all(
		"Comment",
		filters={"reference_doctype": MEETING, "reference_name": meeting.name, "content": ("like", "%三楼%")},
	)
	pdfs = frappe.get_all(
		"File", filters={"attached_to_doctype": MEETING, "attached_to_name": meeting.name}, pluck="name"
	)
	assert len(pdfs) == 4  # two sends: a PDF and an .ics each
	# once held, the notice is history
	_topic, held = held_meeting_here(f"已开会通知{uuid.uuid4().hex[:6]}")
	frappe.set_user(email("secretary_a"))
	with pytest.raises(NoticeMissingError):
		fresh(held).send_notice(resend_reason="再发一次")


def test_send_notice_acts_on_the_stored_meeting_not_the_clients_copy(
	personas, sessions, live_server, committed
):
	"""run_doc_method with a client-sent doc: a forged title and participants of other rooms are ignored."""
	topic, research = researched_topic(f"伪造通知{uuid.uuid4().hex[:6]}")
	meeting = schedule_meeting([topic], *meeting_people())
	outsider = make_participant("乙室居民", room=ROOM_B, email="outsider@consult.test")
	frappe.set_user("Administrator")
	for doc in (research, topic, meeting, outsider):
		committed(frappe.get_doc(doc.doctype, doc.name))
	http = sessions["secretary_a"]
	doc = rest(http, live_server, "GET", f"/api/resource/{MEETING}/{meeting.name}").json()["data"]
	doc["meeting_title"] = "<b>伪造标题</b>"
	doc["participants"].append({"participant": outsider.name, "invited": 1, "meeting_role": "Resident"})
	r = rest(
		http,
		live_server,
		"POST",
		"/api/method/run_doc_method",
		data={"docs": json.dumps(doc), "method": "send_notice"},
	)
	frappe.db.rollback()
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": MEETING, "reference_name": meeting.name},
		fields=["name", "message"],
	)
	for q in queued:
		assert "伪造标题" not in (q.message or "")
		recipients = frappe.get_all("Email Queue Recipient", filters={"parent": q.name}, pluck="recipient")
		assert "outsider@consult.test" not in recipients
	assert r.status_code in (200, 417), r.text[:300]
	frappe.db.delete("Email Queue", {"reference_doctype": MEETING, "reference_name": meeting.name})
	frappe.db.commit()


def test_the_quota_message_says_what_the_user_can_do(personas, set_settings):
	set_settings(shortlist_count=1)
	year = 2037
	first = make_topic("配额一", year=year, quarter="Q2")
	second = make_topic("配额二", year=year, quarter="Q2")
	for topic in (first, second):
		act(topic, Topic.SUBMIT, email("secretary_a"))
	act(first, Topic.SHORTLIST, email("member"))
	frappe.local.lang = "zh"
	with pytest.raises(frappe.ValidationError) as e:
		act(second, Topic.SHORTLIST, email("member"))
	assert "季度" in str(e.value) and "推迟" not in str(e.value)


# -- counting rules hold under load -----------------------------------------------------------------


def test_seven_shortlist_actions_at_the_same_moment_respect_a_quota_of_five(
	personas, live_server, set_settings
):
	"""Gaosuntang Plan III.2: members shortlist five a quarter. Seven members' clicks arrive together."""
	set_settings(shortlist_count=5)
	frappe.db.commit()  # the server reads the setting
	tag = uuid.uuid4().hex[:6]
	names = []
	for i in range(7):
		topic = make_topic(f"并发议题{tag}{i}", year=2036, quarter="Q3")
		act(topic, Topic.SUBMIT, email("secretary_a"))
		names.append(topic.name)
	frappe.set_user("Administrator")
	frappe.db.commit()
	try:
		sessions = []
		for _ in names:
			s = requests.Session()
			s.post(
				f"{live_server}/api/method/login",
				data={"usr": email("member"), "pwd": "Consult-Persona-2026!"},
				timeout=30,
			)
			sessions.append(s)
		docs = [
			s.get(f"{live_server}/api/resource/{TOPIC}/{n}", timeout=30).json()["data"]
			for s, n in zip(sessions, names, strict=True)
		]
		barrier = threading.Barrier(len(names))
		results = [None] * len(names)

		def shortlist(i):
			barrier.wait()
			results[i] = (
				sessions[i]
				.post(
					f"{live_server}/api/method/frappe.model.workflow.apply_workflow",
					json={"doc": docs[i], "action": Topic.SHORTLIST},
					timeout=120,
				)
				.status_code
			)

		threads = [threading.Thread(target=shortlist, args=(i,)) for i in range(len(names))]
		for t in threads:
			t.start()
		for t in threads:
			t.join()
		frappe.db.rollback()
		states = frappe.get_all(TOPIC, filters={"name": ("in", names)}, pluck="workflow_state")
		assert states.count(Topic.SHORTLISTED) == 5, (states, results)
		assert sorted(results) == [200] * 5 + [417] * 2, results
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for n in names:
			frappe.delete_doc(TOPIC, n, force=True, ignore_permissions=True)
		frappe.db.set_single_value("Consultation Settings", "shortlist_count", 5)
		frappe.db.commit()


# -- temporary topics, plan order -------------------------------------------------------------------


def approved_temporary_topic(title):
	topic = make_topic(title, year=2035, quarter="Q1")
	act(topic, Topic.SUBMIT, email("secretary_a"))
	act(topic, Topic.SHORTLIST, email("member"))
	edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
	act(topic, Topic.APPROVE, email("reviewer"))
	assert fresh(topic).is_temporary == 1
	return fresh(topic)


def test_a_temporary_topic_runs_on_its_own_plan_reviewed_then_approved(personas):
	"""Hai'an Plan II.3: 协商议事方案 → 主席会议审核 → 同级组织审定: two steps, not one click."""
	topic = approved_temporary_topic("临时增加的议题")
	with pytest.raises(TemporaryTopicNotApprovedError):
		act(topic, Topic.REVIEW_TEMPORARY_PLAN, email("manager"))
	edit(
		topic, email("manager"), temporary_plan="由社会法制委牵头形成协商议事方案。", chair_meeting_on=today()
	)
	act(topic, Topic.REVIEW_TEMPORARY_PLAN, email("manager"))
	assert fresh(topic).workflow_state == Topic.CHAIR_REVIEWED
	with pytest.raises(frappe.ValidationError):
		act(topic, Topic.PUBLICIZE, email("secretary_a"))
	act(topic, Topic.APPROVE_TEMPORARY, email("reviewer"))
	act(topic, Topic.PUBLICIZE, email("secretary_a"))
	assert fresh(topic).workflow_state == Topic.PUBLICIZED


def test_a_topic_approved_first_becomes_planned_when_the_plan_lists_it(personas):
	"""Hai'an Plan II.3: 选题报同级党组织审定后，纳入年度协商计划 — approval first, then the plan."""
	topic = approved_temporary_topic("先审定后入计划")
	frappe.set_user(email("secretary_a"))
	plan = frappe.get_doc(
		{
			"doctype": "Consultation Plan",
			"room": ROOM_A,
			"year": 2035,
			"planned_topics": [{"quarter": "Q1", "planned_title": topic.title, "topic": topic.name}],
		}
	).insert()
	act(plan, "Submit Plan", email("secretary_a"))
	act(plan, "Approve Plan", email("reviewer"))
	topic = fresh(topic)
	assert (topic.is_temporary, topic.plan) == (0, plan.name)
	act(topic, Topic.PUBLICIZE, email("secretary_a"))


# -- conveners, council, filing, sensitive matters --------------------------------------------------


def test_conveners_come_from_the_party_side_and_the_members(personas, set_settings):
	from consult_app.exceptions import ConvenerError

	set_settings(convener_rule="Refuse")
	topic, _research = researched_topic("召集人构成")
	resident = make_participant("居民召集人", category="Resident Representative")
	member = make_participant("委员召集人", category="County CPPCC Member")
	with pytest.raises(ConvenerError):
		schedule_meeting([topic], conveners=[resident, member], participants=[])
	cadre = make_participant("党工委副书记", category="Township or Department Leader", is_cadre=1)
	schedule_meeting([topic], conveners=[cadre, member], participants=[])


def test_a_residents_council_is_one_plus_seven_plus_x(personas):
	from consult_app.exceptions import CouncilCompositionError

	frappe.set_user("Administrator")
	room = frappe.get_doc(ROOM_DOCTYPE, ROOM_B)
	people = [make_participant(f"议事会成员{i}", is_cadre=1 if i < 8 else 0) for i in range(21)]
	room.committee_term_start = "2024-01-01"
	room.committee_term_end = "2028-12-31"
	room.set("council_members", [{"participant": p.name, "council_role": "Fixed Member"} for p in people])
	room.council_members[0].council_role = "Party Secretary"
	room.council_members[1].council_role = "Party Secretary"
	with pytest.raises(CouncilCompositionError):
		room.save()
	room = frappe.get_doc(ROOM_DOCTYPE, ROOM_B)
	room.committee_term_start = "2024-01-01"
	room.committee_term_end = "2028-12-31"
	room.set(
		"council_members",
		[
			{
				"participant": p.name,
				"council_role": "Party Secretary" if i == 0 else "Fixed Member",
				"is_committee_director": 1 if i == 1 else 0,
				"is_supervisory_director": 1 if i == 2 else 0,
			}
			for i, p in enumerate(people)
		],
	)
	frappe.clear_messages()
	room.save()
	assert not frappe.get_message_log(), frappe.get_message_log()
	# more cadres than half of the fixed members
	for row in room.council_members[8:14]:
		frappe.db.set_value("Consultation Participant", row.participant, "is_cadre", 1)
	with pytest.raises(CouncilCompositionError):
		frappe.get_doc(ROOM_DOCTYPE, ROOM_B).save()


def test_filing_levels_are_a_setting(personas, set_settings):
	set_settings(filing_village=1)
	topic = make_topic("村级备案", room=ROOM_B, as_user=email("secretary_b"), year=2034, quarter="Q4")
	act(topic, Topic.SUBMIT, email("secretary_b"))
	act(topic, Topic.SHORTLIST, email("member"))
	edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
	act(topic, Topic.APPROVE, email("reviewer"))
	assert fresh(topic).filing_number


def test_sensitive_matters_are_reported_before_the_topic_goes_on(personas):
	from consult_app.exceptions import SensitiveReportIncompleteError

	topic = publicized_topic("敏感问题议题")
	research = start_research(topic, sensitive_reported=1)
	with pytest.raises(SensitiveReportIncompleteError):
		edit(research, email("secretary_a"), completed=1)
	assert fresh(topic).workflow_state == Topic.RESEARCHING
	edit(research, email("secretary_a"), completed=1, reported_to="街道党工委", reported_on=today())
	assert fresh(topic).workflow_state == Topic.READY


# -- A/B/C handling -------------------------------------------------------------------------------------


def test_a_class_c_outcome_is_explained_not_implemented(personas):
	from outcome_factory import reported_outcome

	_topic, _meeting, outcome = reported_outcome("C类成果")
	edit(outcome, email("reviewer"), handling_class=CLASS_C)
	from consult_app.exceptions import AssignmentMissingError

	with pytest.raises(AssignmentMissingError):
		act(outcome, Outcome.ADOPT, email("reviewer"))
	edit(outcome, email("reviewer"), class_explanation="受规划所限，近期无法实施，已向提出人当面解释。")
	act(outcome, Outcome.ADOPT, email("reviewer"))
	with pytest.raises(frappe.ValidationError):  # no transition: class C is not implemented
		act(outcome, Outcome.START_IMPLEMENTATION, email("manager"))
	# the explanation is its feedback, and it may be published on the echo wall like any other
	edit(
		outcome,
		email("secretary_a"),
		feedback_to_participants="已向提出人解释暂不具备条件的原因。",
		feedback_public_text="受规划所限，近期无法实施，已向提出人解释。",
		publish_feedback=1,
	)
	act(outcome, Outcome.GIVE_FEEDBACK, email("secretary_a"))
	assert fresh(outcome).workflow_state == Outcome.FEEDBACK_GIVEN and fresh(outcome).publish_feedback
	# on the echo wall its explanation shows, and it is not counted as implemented
	from consult_app.public_pages import echo_wall_items

	edit(_topic, email("secretary_a"), publish_on_echo_wall=1)
	[shown] = [o for t in echo_wall_items(_topic.name) for o in t["outcomes"] if o["name"] == outcome.name]
	assert shown["feedback"] == "受规划所限，近期无法实施，已向提出人解释。"
	assert not shown["implemented"]


# -- the whole way --------------------------------------------------------------------------------------


def on_notice(live_server, title) -> bool:
	return title in requests.get(f"{live_server}/topic-notices", timeout=60).text


def test_one_topic_walks_every_state_from_an_anonymous_proposal_to_concluded(
	personas, live_server, committed
):
	"""An anonymous resident proposes on the web form; the topic runs outside the annual plan (temporary:
	its own plan, the chair meeting, the party organisation), is posted publicly for the whole period up
	to the meeting, researched, consulted, and its A, B and C outcomes are decided, handled, fed back and
	evaluated; then the topic is concluded and the proposer has been told the decision."""
	tag = uuid.uuid4().hex[:6]
	title = f"河道护栏缺失{tag}"
	r = requests.post(
		f"{live_server}/api/method/frappe.website.doctype.web_form.web_form.accept",
		data={
			"web_form": "propose-topic",
			"data": json.dumps(
				{
					"title": title,
					"description": "滨河路护栏缺了三段，孩子上学经过很危险。",
					"room": ROOM_A,
					"anonymous": 1,
					"proposer_name": "不想留名",
					"proposer_email": f"anon.{tag}@consult.test",
				}
			),
		},
		headers=ZH,
		timeout=60,
	)
	assert r.status_code == 200, r.text[:300]
	frappe.db.rollback()
	name = frappe.db.get_value(TOPIC, {"title": title})
	topic = committed(frappe.get_doc(TOPIC, name))
	assert (topic.workflow_state, topic.proposer_name, topic.source) == (Topic.DRAFT, None, "Residents")

	def step(action, persona, **values):
		if values:
			edit(topic, email(persona), **values)
		act(topic, action, email(persona))
		frappe.set_user("Administrator")
		frappe.db.commit()
		return fresh(topic).workflow_state

	frappe.db.set_value(TOPIC, name, {"year": 2033, "quarter": "Q2"})  # a quarter of its own
	assert step(Topic.SUBMIT, "secretary_a") == Topic.SUBMITTED
	assert step(Topic.SHORTLIST, "member") == Topic.SHORTLISTED
	assert step(Topic.APPROVE, "reviewer", **EXCLUSION_ALL_NO) == Topic.APPROVED
	assert fresh(topic).is_temporary == 1
	told = frappe.get_all(
		"Email Queue Recipient", filters={"recipient": f"anon.{tag}@consult.test"}, pluck="parent"
	)
	assert told, "the anonymous proposer who left an email is told the decision"
	assert (
		step(
			Topic.REVIEW_TEMPORARY_PLAN,
			"manager",
			temporary_plan="社会法制委牵头形成协商议事方案：现场踏勘、听取沿河居民意见。",
			chair_meeting_on=today(),
		)
		== Topic.CHAIR_REVIEWED
	)
	assert step(Topic.APPROVE_TEMPORARY, "reviewer") == Topic.TEMPORARY_APPROVED
	assert not on_notice(live_server, title)
	assert step(Topic.PUBLICIZE, "secretary_a") == Topic.PUBLICIZED
	assert on_notice(live_server, title)
	backdate_publicity(topic, 10)  # ten days pass
	frappe.db.commit()

	research = committed(start_research(fresh(topic)))
	frappe.db.commit()
	assert fresh(topic).workflow_state == Topic.RESEARCHING and on_notice(live_server, title)
	edit(research, email("secretary_a"), completed=1)
	frappe.db.commit()
	assert fresh(topic).workflow_state == Topic.READY and on_notice(live_server, title)

	meeting = committed(record_proceedings(schedule_meeting([fresh(topic)], *meeting_people())))
	notice_sent(meeting)
	submit_meeting(meeting)
	frappe.set_user("Administrator")
	frappe.db.commit()
	assert fresh(topic).workflow_state == Topic.CONSULTED
	assert not on_notice(live_server, title), "the notice comes down once the topic is consulted"

	from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcome

	unit = committed(handling_unit(f"测试水利站{tag}", unit_email=f"water.{tag}@consult.test"))
	outcomes = {}
	for handling_class in (CLASS_A, CLASS_B, CLASS_C):
		frappe.set_user(email("secretary_a"))
		outcomes[handling_class] = committed(make_outcome(meeting.name, topic.name).insert())
		act(outcomes[handling_class], Outcome.REVIEW, email("convener"))
		act(outcomes[handling_class], Outcome.REPORT, email("secretary_a"))
	for handling_class, outcome in outcomes.items():
		assignment = (
			{"handling_unit": unit.name, "due_date": add_days(today(), 60)}
			if handling_class != CLASS_C
			else {"class_explanation": "护栏改造需纳入明年河道整治工程，已当面解释。"}
		)
		edit(outcome, email("reviewer"), handling_class=handling_class, **assignment)
		act(outcome, Outcome.ADOPT, email("reviewer"))
		if handling_class != CLASS_C:
			act(outcome, Outcome.START_IMPLEMENTATION, email("unit"))
			edit(
				outcome, email("unit"), progress=[{"progress_date": today(), "percent": 100, "note": "完工"}]
			)
			act(outcome, Outcome.MARK_IMPLEMENTED, email("unit"))
		edit(outcome, email("secretary_a"), feedback_to_participants="已按协商意见办理，特此反馈。")
		act(outcome, Outcome.GIVE_FEEDBACK, email("secretary_a"))
		assert fresh(topic).workflow_state == Topic.CONSULTED
		edit(outcome, email("member"), satisfaction="Satisfied", evaluation_comment="群众满意。")
		act(outcome, Outcome.EVALUATE, email("member"))
	frappe.set_user("Administrator")
	frappe.db.commit()
	assert {fresh(o).workflow_state for o in outcomes.values()} == {Outcome.EVALUATED}
	assert fresh(topic).workflow_state == Topic.CONCLUDED
	frappe.db.delete(
		"Email Queue", {"reference_name": ("in", [topic.name, *[o.name for o in outcomes.values()]])}
	)
	frappe.db.commit()


def test_member_groups_liaise_with_rooms_and_suggest_research_teams(personas):
	"""Hai'an Plan II.4: two or three members form a group liaising with villages; the office keeps the
	groups, its members work for the group's room, and research on a topic there suggests them."""
	from consult_app.exceptions import MemberGroupError

	member = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	second = make_participant("吕委员", category="County CPPCC Member")
	resident = make_participant("群众代表", category="Resident Representative")
	frappe.set_user(email("secretary_a"))
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Consultation Member Group", "group_name": "越权小组", "room": ROOM_A}
		).insert()
	frappe.set_user(email("manager"))
	group = frappe.get_doc(
		{
			"doctype": "Consultation Member Group",
			"group_name": f"第一履职小组{uuid.uuid4().hex[:4]}",
			"room": ROOM_A,
			"members": [{"participant": member}, {"participant": second.name}],
		}
	)
	with pytest.raises(MemberGroupError):
		frappe.get_doc({**group.as_dict(), "members": [{"participant": resident.name}]}).insert()
	group.insert()
	assert frappe.db.exists(
		"User Permission", {"user": email("member"), "allow": "Consultation Room", "for_value": ROOM_A}
	)
	topic = publicized_topic("履职小组调研")
	frappe.set_user(email("secretary_a"))
	research = frappe.get_doc({"doctype": RESEARCH, "topic": topic.name, "method": "Visits"}).insert()
	suggested = {row.participant for row in research.suggest_team()}
	assert {member, second.name} <= suggested
	frappe.set_user(email("manager"))
	group = frappe.get_doc("Consultation Member Group", group.name)
	group.members = [row for row in group.members if row.participant != member]
	group.save()
	assert not frappe.db.exists(
		"User Permission", {"user": email("member"), "allow": "Consultation Room", "for_value": ROOM_A}
	)
