"""Research records and consultation meetings for the integration tier, built through the
same paths users take: a member researches, the secretary schedules, notifies, records and submits.

`held_meeting()` is the shortcut other tests build on: a SUBMITTED meeting whose agenda topic is Consulted.
Everything here is rolled back after each test (see tests/harness.py).
"""

from __future__ import annotations

import datetime

import frappe
from factory import edit, email, fresh, make_participant, publicized_topic
from frappe.utils import add_days, get_datetime

SECRETARY = "secretary_a"


def researched_topic(title: str = "社区停车难问题", complete: bool = True, **topic_kw):
	"""A publicized topic with a research record made by the member; completed by the secretary.
	Returns (topic, research); the topic is Ready for Consultation when `complete`. Pass
	publicized_days_ago=10 for a topic whose publicity period allows a meeting held yesterday."""
	topic = publicized_topic(title, **topic_kw)
	research = start_research(topic)
	if complete:
		research = edit(research, email(SECRETARY), completed=1)
	return fresh(topic), research


def start_research(topic, as_user: str | None = None, **kw):
	"""The member signs up to research the topic: a research record with findings (not yet completed)."""
	frappe.set_user(as_user or email("member"))
	member = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	doc = frappe.get_doc(
		{
			"doctype": "Consultation Research",
			"topic": topic.name,
			"method": "Several Methods",
			"start_date": topic.publicity_start,
			"end_date": topic.publicity_start,
			"team": [{"participant": member, "team_role": "Leader"}] if member else [],
			"policy_basis": "《城市居住区规划设计标准》相关规定",
			"facts": "小区共有车位120个，登记车辆300辆，夜间占道停车严重。",
			"stakeholder_views": "居民希望增设车位，临街商户担心影响经营。",
			**kw,
		}
	).insert()
	return doc


def meeting_start(topic, days_after: int = 1, hour: int = 9):
	"""A start the publicity period allows: the topic's earliest meeting date + `days_after`, at `hour`."""
	return get_datetime(f"{add_days(topic.earliest_meeting_date, days_after)} {hour:02d}:00:00")


def meeting_people():
	"""Accepted participants of the registry: two conveners (双召集人), a member, a resident representative."""
	conveners = [
		make_participant(
			"周召集人",
			category="Township or Department Leader",
			email="convener.zhou@consult.test",
			is_cadre=1,
		),
		make_participant("钱委员", category="County CPPCC Member", email="member.qian@consult.test"),
	]
	participants = [
		make_participant("孙委员", category="County CPPCC Member", email="member.sun@consult.test"),
		make_participant("刘居民", category="Resident Representative", email="resident.liu@consult.test"),
	]
	# the member persona takes part too: members see (and evaluate) only what they are invited to
	member = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	participants.append(frappe.get_doc("Consultation Participant", member))
	return conveners, participants


def meeting_dict(topics, conveners, participants, **kw) -> dict:
	"""A meeting as the secretary fills the form: agenda, conveners, participants (all invited)."""
	start = meeting_start(topics[0]) if topics else get_datetime(f"{add_days(None, 10)} 09:00:00")
	roles = {"Resident Representative": "Resident", "Stakeholder Representative": "Stakeholder"}
	return {
		"doctype": "Consultation Meeting",
		"meeting_title": f"{topics[0].title}协商会" if topics else "协商会",
		"room": topics[0].room if topics else "测试议事室甲",
		"form": "In Person",
		"venue": "社区党群服务中心二楼会议室",
		"start": start,
		"end": start.replace(hour=start.hour + 2),
		"preparation": "请提前阅读调研报告，准备发言提纲。",
		"agenda": [{"topic": t.name} for t in topics],
		"conveners": [
			{"participant": c.name, "convener_order": order}
			for c, order in zip(conveners, ("First Convener", "Second Convener"), strict=False)
		],
		"participants": [
			{"participant": p.name, "meeting_role": roles.get(p.category, "CPPCC Member"), "invited": 1}
			for p in participants
		],
		**kw,
	}


def schedule_meeting(topics, conveners=None, participants=None, as_user: str | None = None, **kw):
	"""The secretary schedules a meeting on `topics` (list) and saves it (Draft)."""
	if conveners is None or participants is None:
		default_conveners, default_participants = meeting_people()
		conveners = default_conveners if conveners is None else conveners
		participants = default_participants if participants is None else participants
	frappe.set_user(as_user or email(SECRETARY))
	return frappe.get_doc(meeting_dict(topics, conveners, participants, **kw)).insert()


def record_proceedings(meeting, as_user: str | None = None, **kw):
	"""The secretary records attendance (all present), a department statement, one opinion per agenda
	topic (the first participant agrees), consensus and minutes, and saves."""
	frappe.set_user(as_user or email(SECRETARY))
	meeting = fresh(meeting)
	for row in meeting.participants:
		row.attendance = "Present"
	meeting.append(
		"statements", {"department": "街道城管办", "speaker": "郑科长", "statement": "将配合划定临时停车位。"}
	)
	speaker = meeting.participants[0].participant if meeting.participants else None
	for row in meeting.agenda:
		meeting.append(
			"opinions",
			{
				"topic": row.topic,
				"speaker": speaker,
				"stance": "Agree",
				"opinion": "同意利用空地增设停车位。",
			},
		)
	meeting.consensus_reached = 1
	meeting.consensus = "利用小区东侧空地增设停车位40个。"
	meeting.minutes = "会议由周召集人主持，与会人员围绕议题充分发表意见，形成共识。"
	meeting.follow_up = "街道城管办一个月内完成方案设计。"
	meeting.update(kw)
	meeting.save()
	return meeting


def submit_meeting(meeting, as_user: str | None = None):
	"""The record of a meeting that has taken place is submitted: for a meeting that starts later than now,
	the clock is moved to two hours after its start (a meeting is recorded as held once it has started)."""
	from freezegun import freeze_time

	frappe.set_user(as_user or email(SECRETARY))
	meeting = fresh(meeting)
	start = get_datetime(meeting.start)
	if start > get_datetime():
		with freeze_time(start + datetime.timedelta(hours=2)):
			meeting.submit()
	else:
		meeting.submit()
	return fresh(meeting)


def notice_sent(meeting, days_before: int = 5):
	"""History for a test: the meeting's notice went out `days_before` days before it started."""
	frappe.db.set_value(
		"Consultation Meeting",
		meeting.name,
		"notice_sent_on",
		get_datetime(meeting.start) - datetime.timedelta(days=days_before),
		update_modified=False,
	)
	return fresh(meeting)


def held_meeting(title: str = "社区停车难问题", **meeting_kw):
	"""(topic, meeting): a topic publicized ten days ago, researched and completed, consulted at a meeting
	held two days ago (the day after its publicity ended), noticed five days before, with accepted
	participants and two conveners, attendance, an opinion and minutes, SUBMITTED by the room secretary.
	The topic is Consulted."""
	topic, _research = researched_topic(title, publicized_days_ago=10)
	meeting = schedule_meeting([topic], **meeting_kw)
	meeting = record_proceedings(meeting)
	notice_sent(meeting)
	meeting = submit_meeting(meeting)
	frappe.set_user("Administrator")
	return fresh(topic), meeting
