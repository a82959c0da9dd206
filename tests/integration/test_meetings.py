"""Research and consultation meetings, by persona, with every refusal on the server.

A publicized topic is researched (the member signs up, the secretary completes the research), scheduled,
noticed (email with the notice PDF and an .ics invitation), held (attendance, statements, opinions,
consensus, minutes) and closed (submitted): the topic ends Consulted.
"""

import contextlib
import datetime
import email as email_lib
import json
import subprocess
from email import policy as email_policy

import frappe
import pytest
from factory import ROOM_A, SMTP_PORT, act, edit, email, fresh, make_participant, make_topic, publicized_topic
from frappe.utils import add_days, add_to_date, get_datetime, now_datetime
from meeting_factory import (
	held_meeting,
	meeting_dict,
	meeting_people,
	meeting_start,
	notice_sent,
	record_proceedings,
	researched_topic,
	schedule_meeting,
	start_research,
	submit_meeting,
)

from consult_app.exceptions import (
	AttendanceMissingError,
	ConvenerError,
	ConvenerMissingError,
	DateOrderError,
	DissentExplanationMissingError,
	MeetingFormError,
	MinutesMissingError,
	NotAParticipantError,
	NoticeTooLateError,
	OpinionMissingError,
	ParticipantNotAcceptedError,
	PublicityPeriodError,
	ResearchMissingError,
	TopicNotPublicizedError,
)


def state(topic) -> str:
	return frappe.db.get_value("Consultation Topic", topic.name, "workflow_state")


def meeting_count() -> int:
	return frappe.db.count("Consultation Meeting")


def notice_queue(meeting):
	return frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Consultation Meeting", "reference_name": meeting.name},
		pluck="name",
	)


def pdf_text(doctype, name, print_format):
	frappe.local.lang = "zh"
	pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	result = subprocess.run(
		["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
	)
	return result.stdout.decode("utf-8").replace(" ", "")


def messages() -> str:
	return json.dumps(frappe.local.message_log, ensure_ascii=False, default=str)


# -- the whole path ------------------------------------------------------------------------------


def test_a_publicized_topic_is_researched_scheduled_noticed_held_and_consulted(personas):
	topic = publicized_topic("小区停车位规划")
	assert topic.workflow_state == "Publicized"

	# research: the member signs up (creates the record), another member joins, the secretary completes it
	research = start_research(topic, team=[])
	assert state(topic) == "Researching"
	second = make_participant("郭委员", category="County CPPCC Member", user=email("deputy"))
	frappe.set_user(email("deputy"))
	fresh(research).join_team()
	frappe.set_user(email("member"))
	fresh(research).join_team()
	research = fresh(research)
	assert [row.participant for row in research.team] == [
		second.name,
		frappe.db.get_value("Consultation Participant", {"user": email("member")}),
	]
	edit(
		research,
		email("secretary_a"),
		sensitive_reported=1,
		reported_to="街道党工委",
		reported_on=topic.publicity_start,
	)
	assert state(topic) == "Researching"
	research = edit(research, email("secretary_a"), completed=1)
	assert research.completed_on
	assert state(topic) == "Ready for Consultation"

	# scheduling: two conveners, accepted participants, after the publicity period
	meeting = schedule_meeting([fresh(topic)])
	assert meeting.docstatus == 0
	assert [c.participant_name for c in meeting.conveners] == ["周召集人", "钱委员"]

	# notice
	frappe.set_user(email("secretary_a"))
	result = fresh(meeting).send_notice()
	assert fresh(meeting).notice_sent_on
	assert set(result["recipients"]) == {
		"convener.zhou@consult.test",
		"member.qian@consult.test",
		"member.sun@consult.test",
		"resident.liu@consult.test",
	}
	assert notice_queue(meeting)

	# holding and closing, once the meeting has taken place: the convener submits
	record_proceedings(meeting)
	meeting = submit_meeting(meeting, as_user=email("convener"))
	assert meeting.docstatus == 1
	assert state(topic) == "Consulted"


def test_a_submitted_meeting_is_read_only_and_cancel_keeps_the_topic_consulted(personas):
	topic, meeting = held_meeting("背街小巷路灯维修")
	frappe.set_user(email("secretary_a"))
	doc = fresh(meeting)
	doc.minutes = "改写的纪要"
	with pytest.raises(frappe.UpdateAfterSubmitError):
		doc.save()
	assert fresh(meeting).minutes != "改写的纪要"

	fresh(meeting).cancel()
	assert fresh(meeting).docstatus == 2
	# decided: the consultation took place, so the topic stays; the amendment corrects the record
	assert state(topic) == "Consulted"

	amended = frappe.copy_doc(fresh(meeting))  # what the form's Amend does
	amended.docstatus = 0
	amended.amended_from = meeting.name
	amended.minutes = "更正后的纪要"
	amended.insert()
	amended.submit()
	assert fresh(amended).docstatus == 1
	assert state(topic) == "Consulted"


def test_a_written_consultation_needs_no_attendance(personas):
	topic, _research = researched_topic("公共绿地改造书面协商")
	meeting = schedule_meeting(
		[topic], form="Written", reply_deadline=add_days(topic.earliest_meeting_date, 5)
	)
	frappe.set_user(email("secretary_a"))
	doc = fresh(meeting)
	doc.append(
		"opinions",
		{
			"topic": topic.name,
			"speaker": doc.participants[0].participant,
			"stance": "Supplement",
			"opinion": "建议增加儿童游乐设施。",
		},
	)
	doc.minutes = "书面征求意见汇总。"
	doc.save()
	notice_sent(doc)
	submit_meeting(doc)
	assert state(topic) == "Consulted"


# -- research refusals ---------------------------------------------------------------------------


def test_research_on_a_topic_not_yet_publicized_is_refused(personas):
	topic = make_topic("未公示的议题")
	count = frappe.db.count("Consultation Research")
	with pytest.raises(TopicNotPublicizedError):
		start_research(topic)
	assert frappe.db.count("Consultation Research") == count
	assert state(topic) == "Draft"


def test_joining_a_research_team_needs_a_registry_entry_and_write_permission(personas):
	topic = publicized_topic("社区食堂选址")
	research = start_research(topic)
	frappe.set_user(email("manager"))  # may write, but is not in the participant registry
	with pytest.raises(NotAParticipantError):
		fresh(research).join_team()
	frappe.set_user(email("convener"))  # may only read research records
	with pytest.raises(frappe.PermissionError):
		fresh(research).join_team()
	assert len(fresh(research).team) == 1


# -- scheduling refusals ---------------------------------------------------------------------------


def refused_meeting(exc, topics, conveners=None, participants=None, **kw):
	"""Inserting the meeting as the secretary raises `exc`, and nothing is saved."""
	default_conveners, default_participants = meeting_people()
	before = meeting_count()
	frappe.set_user(email("secretary_a"))
	doc = frappe.get_doc(
		meeting_dict(
			topics,
			default_conveners if conveners is None else conveners,
			default_participants if participants is None else participants,
			**kw,
		)
	)
	with pytest.raises(exc) as info:
		doc.insert()
	assert meeting_count() == before
	return str(info.value)


def test_an_unresearched_topic_cannot_go_on_the_agenda(personas):
	topic = publicized_topic("无调研的议题")
	message = refused_meeting(ResearchMissingError, [topic], start=meeting_start(topic))
	assert "没有" in message or "research" in message.lower()
	start_research(topic)  # started but not completed: still no consultation
	refused_meeting(ResearchMissingError, [fresh(topic)], start=meeting_start(topic))


def test_a_meeting_before_the_publicity_period_ends_is_refused(personas):
	topic, _research = researched_topic("公示期未满的议题")
	start = meeting_start(topic, days_after=-1)
	refused_meeting(PublicityPeriodError, [topic], start=start, end=add_to_date(start, hours=2))


def test_a_longer_publicity_period_from_settings_applies(personas, set_settings):
	topic, _research = researched_topic("公示期设置")
	set_settings(publicity_days=14)
	edit(topic, email("secretary_a"), place="社区广场")  # any save recomputes earliest_meeting_date
	start = meeting_start(topic, days_after=2)  # 9 days after publicity start, < 14
	refused_meeting(PublicityPeriodError, [fresh(topic)], start=start, end=add_to_date(start, hours=2))


def test_an_unaccepted_participant_or_convener_cannot_be_invited(personas):
	topic, _research = researched_topic("未经认可的参与人")
	outsider = make_participant("冯某", accepted=False)
	_conveners, participants = meeting_people()
	message = refused_meeting(ParticipantNotAcceptedError, [topic], participants=[*participants, outsider])
	assert "冯某" in message
	refused_meeting(ParticipantNotAcceptedError, [topic], conveners=[outsider], participants=participants)


def test_a_meeting_needs_a_convener_and_at_most_two(personas):
	topic, _research = researched_topic("召集人检查")
	refused_meeting(ConvenerMissingError, [topic], conveners=[])
	conveners, participants = meeting_people()
	third = make_participant("第三召集人")
	doc = meeting_dict([topic], conveners, participants)
	doc["conveners"].append({"participant": third.name})
	frappe.set_user(email("secretary_a"))
	before = meeting_count()
	with pytest.raises(ConvenerError):
		frappe.get_doc(doc).insert()
	assert meeting_count() == before


def test_a_meeting_cannot_end_before_it_starts(personas):
	topic, _research = researched_topic("时间顺序检查")
	start = meeting_start(topic)
	refused_meeting(DateOrderError, [topic], start=start, end=add_to_date(start, hours=-1))


def test_an_online_meeting_needs_its_link(personas):
	topic, _research = researched_topic("网络协商链接")
	refused_meeting(MeetingFormError, [topic], form="Online")
	refused_meeting(MeetingFormError, [topic], form="Written")


def test_no_stakeholder_for_a_topic_affecting_residents_warns(personas):
	topic, _research = researched_topic("影响居民的议题", affects_residents=1)
	conveners, participants = meeting_people()
	members_only = [p for p in participants if p.category != "Resident Representative"]
	frappe.clear_messages()
	schedule_meeting([topic], conveners=conveners, participants=members_only)
	assert "利益相关方" in messages() or "stakeholder" in messages().lower()
	frappe.clear_messages()
	schedule_meeting([topic], conveners=conveners, participants=participants)
	assert "stakeholder" not in messages().lower() and "利益相关方" not in messages()


# -- notice ---------------------------------------------------------------------------------------


def test_the_notice_is_queued_to_every_invitee_with_an_email_with_pdf_and_ics(personas):
	topic, _research = researched_topic("加装电梯协商通知")
	conveners, participants = meeting_people()
	no_mail = make_participant("陈大爷", category="Resident Representative")
	meeting = schedule_meeting([topic], conveners=conveners, participants=[*participants, no_mail])
	frappe.set_user(email("secretary_a"))
	result = fresh(meeting).send_notice()
	assert no_mail.name in result["without_email"]
	assert all(
		not frappe.db.get_value("Consultation Participant", p, "email") for p in result["without_email"]
	)
	expected = {p.email for p in conveners + participants if p.email}

	queued = notice_queue(meeting)
	assert len(queued) == 1
	q = frappe.get_doc("Email Queue", queued[0])
	assert {r.recipient for r in q.recipients} == expected
	subject = email_lib.message_from_string(q.message, policy=email_policy.default)["Subject"]
	assert "加装电梯协商通知" in subject
	files = [frappe.db.get_value("File", a["fid"], "file_name") for a in json.loads(q.attachments)]
	assert any(f.endswith(".pdf") for f in files) and any(f.endswith(".ics") for f in files)
	ics = frappe.get_doc(
		"File", {"file_name": f"{meeting.name}.ics", "attached_to_name": meeting.name}
	).get_content()
	ics = ics.decode() if isinstance(ics, bytes) else ics
	assert (
		"BEGIN:VEVENT" in ics
		and get_datetime(meeting.start).strftime("DTSTART;TZID=Asia/Shanghai:%Y%m%dT%H%M%S") in ics
	)
	assert fresh(meeting).notice_sent_on


def test_a_late_notice_needs_a_reason(personas, set_settings):
	topic, _research = researched_topic("临时通知")
	meeting = schedule_meeting([topic])  # starts 8 days from now
	set_settings(notice_days=10)
	frappe.set_user(email("secretary_a"))
	with pytest.raises(NoticeTooLateError):
		fresh(meeting).send_notice()
	assert not fresh(meeting).notice_sent_on
	assert not notice_queue(meeting)

	edit(meeting, email("secretary_a"), short_notice_reason="汛期临时安排，需尽快协商。")
	frappe.set_user(email("secretary_a"))
	fresh(meeting).send_notice()
	assert fresh(meeting).notice_sent_on
	assert notice_queue(meeting)


def test_only_writers_may_send_the_notice(personas):
	topic, _research = researched_topic("通知权限")
	meeting = schedule_meeting([topic])
	frappe.set_user(email("member"))
	with pytest.raises(frappe.PermissionError):
		fresh(meeting).send_notice()
	assert not notice_queue(meeting)


def test_the_notice_goes_out_through_smtp(personas, smtp_sink):
	"""Sending commits (Email Queue status), so this test deletes what it made and commits."""
	from frappe.email.doctype.email_queue.email_queue import EmailQueue

	made = []
	try:
		topic, research = researched_topic("SMTP通知测试")
		conveners, participants = meeting_people()
		meeting = schedule_meeting([topic], conveners=conveners, participants=participants)
		plan = frappe.db.get_value("Consultation Plan", {"room": ROOM_A, "year": topic.year})
		made = [
			("Consultation Meeting", meeting.name),
			("Consultation Research", research.name),
			("Consultation Topic", topic.name),
			("Consultation Plan", plan),
			# only the participants made here: the member persona's participant is kept (session data)
			*[("Consultation Participant", p.name) for p in conveners + participants if not p.user],
		]
		frappe.set_user(email("secretary_a"))
		fresh(meeting).send_notice()
		frappe.flags.mute_emails = False
		frappe.flags.testing_email = True
		for name in notice_queue(meeting):
			EmailQueue.find(name).send()
		received = {rcpt for rcpts, _content in smtp_sink.messages for rcpt in rcpts}
		assert received == {p.email for p in conveners + participants if p.email}
		content = smtp_sink.messages[0][1].decode("utf-8", "replace")
		assert ".ics" in content and ".pdf" in content
	finally:
		frappe.flags.mute_emails = True
		frappe.flags.testing_email = False
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for doctype, name in made:
			for q in frappe.get_all(
				"Email Queue", {"reference_doctype": doctype, "reference_name": name}, pluck="name"
			):
				frappe.delete_doc("Email Queue", q, force=True, ignore_permissions=True)
			for f in frappe.get_all(
				"File", {"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name"
			):
				frappe.delete_doc("File", f, force=True, ignore_permissions=True)
			frappe.db.delete("Workflow Action", {"reference_doctype": doctype, "reference_name": name})
			with contextlib.suppress(frappe.DoesNotExistError):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()


# -- closing refusals -------------------------------------------------------------------------------


def refused_submit(exc, meeting, topics):
	"""The meeting has taken place and its notice went out: submitting is refused for `exc` alone."""
	from freezegun import freeze_time

	notice_sent(meeting)
	frappe.set_user(email("secretary_a"))
	with pytest.raises(exc), freeze_time(get_datetime(meeting.start) + datetime.timedelta(hours=2)):
		fresh(meeting).submit()
	assert frappe.db.get_value("Consultation Meeting", meeting.name, "docstatus") == 0
	assert all(state(t) == "Ready for Consultation" for t in topics)


def test_submitting_without_attendance_is_refused(personas):
	topic, _research = researched_topic("出席记录检查")
	meeting = record_proceedings(schedule_meeting([topic]))
	meeting.participants[1].attendance = None
	meeting.save()
	refused_submit(AttendanceMissingError, meeting, [topic])


def test_submitting_without_minutes_is_refused(personas):
	topic, _research = researched_topic("纪要检查")
	meeting = record_proceedings(schedule_meeting([topic]), minutes="")
	refused_submit(MinutesMissingError, meeting, [topic])


def test_submitting_with_an_agenda_topic_without_opinion_is_refused(personas):
	first, _r1 = researched_topic("第一个议题")
	second, _r2 = researched_topic("第二个议题")
	meeting = record_proceedings(schedule_meeting([first, second]))
	meeting.opinions = [o for o in meeting.opinions if o.topic == first.name]
	meeting.save()
	refused_submit(OpinionMissingError, meeting, [first, second])


def test_dissenting_residents_need_an_explanation(personas):
	topic, _research = researched_topic("不同意见解释")
	meeting = record_proceedings(schedule_meeting([topic]))
	resident = next(p.participant for p in meeting.participants if p.meeting_role == "Resident")
	meeting.append(
		"opinions",
		{"topic": topic.name, "speaker": resident, "stance": "Disagree", "opinion": "反对占用绿地。"},
	)
	meeting.save()
	refused_submit(DissentExplanationMissingError, meeting, [topic])
	edit(meeting, email("secretary_a"), dissent_explanation="已向刘居民说明绿地将异地补建。")
	submit_meeting(meeting)
	assert state(topic) == "Consulted"


def test_a_member_cannot_submit_a_meeting(personas):
	topic, _research = researched_topic("提交权限")
	meeting = record_proceedings(schedule_meeting([topic]))
	frappe.set_user(email("member"))
	with pytest.raises(frappe.PermissionError):
		fresh(meeting).submit()
	assert state(topic) == "Ready for Consultation"


# -- print formats and calendar -------------------------------------------------------------------


def test_notice_and_minutes_render_chinese_pdfs(personas):
	_topic, meeting = held_meeting("老旧小区雨污分流改造")
	frappe.set_user("Administrator")
	notice = pdf_text("Consultation Meeting", meeting.name, "Meeting Notice")
	for text in (
		"协商会议通知",
		"老旧小区雨污分流改造",
		"周召集人",
		"钱委员",
		"孙委员",
		"刘居民",
		"会议协商",
	):
		assert text in notice, text
	minutes = pdf_text("Consultation Meeting", meeting.name, "Meeting Minutes")
	for text in (
		"协商纪要",
		"老旧小区雨污分流改造",
		"周召集人",
		"钱委员",
		"孙委员",
		"刘居民",
		"出席",
		"同意利用空地增设停车位",
		"赞成",
		"利用小区东侧空地增设停车位",
		"将配合划定临时停车位",
	):
		assert text in minutes, text


def test_meetings_show_in_the_calendar_by_room(personas):
	from frappe.desk.calendar import get_events

	_topic, meeting = held_meeting("日历显示")
	frappe.set_user(email("secretary_a"))
	field_map = json.dumps({"start": "start", "end": "end", "id": "name", "title": "meeting_title"})
	window = (add_days(meeting.start, -1), add_days(meeting.start, 1))
	events = get_events("Consultation Meeting", *window, field_map, json.dumps([["room", "=", ROOM_A]]))
	assert meeting.name in [e.name for e in events]
	events = get_events(
		"Consultation Meeting", *window, field_map, json.dumps([["room", "=", "测试议事室乙"]])
	)
	assert meeting.name not in [e.name for e in events]
