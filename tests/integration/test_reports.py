"""The standard reports, number cards and email reports on a small known data set, run through Frappe's own
report runner (frappe.desk.query_report.run / export_query) as each persona.

The data set (built through the same paths users take; see dataset()):
- room A (Town/Street, yearly minimum 2 by Settings; Yancheng Norms art. 22): three meetings held this year,
  each with three participants present and one opinion; outcome 1 adopted (class A, due in 30 days),
  outcome 2 adopted and overdue by one day, outcome 3 implemented (12.5 funds, 1 problem solved, 860 people
  benefited), fed back and evaluated "Satisfied" by the member; one more topic not accepted (九不议),
  proposed by members; topic 1 proposed by the member persona;
- room B (Village/Community, minimum 1): one meeting held, its outcome declined; one topic awaiting the
  party's approval;
- room C (Town/Street, made here): nothing held — below its minimum.
"""

from __future__ import annotations

import io
import json

import frappe
import pytest
from factory import EXCLUSION_ALL_NO, ROOM_A, ROOM_B, act, edit, email, fresh, make_topic
from frappe.utils import add_days, getdate, today
from outcome_factory import adopted_outcome, feedback_given_outcome, reported_outcome

ROOM_C = "测试议事室丙"
YEAR = __import__("datetime").date.today().year  # the site runs in Asia/Shanghai; tests avoid New Year
COMPLIANCE = "Room Activity Compliance"
SCORE = "Member Participation Score"
STATISTICS = "Annual Consultation Statistics"
LEDGER = "Outcome Implementation Ledger"


def move_to_room(room: str, topic, meeting=None, outcome=None):
	"""History for a test: the records were made in room B (the factories work in room A)."""
	frappe.db.set_value("Consultation Topic", topic.name, "room", room, update_modified=False)
	for research in frappe.get_all("Consultation Research", {"topic": topic.name}, pluck="name"):
		frappe.db.set_value("Consultation Research", research, "room", room, update_modified=False)
	if meeting:
		frappe.db.set_value("Consultation Meeting", meeting.name, "room", room, update_modified=False)
	if outcome:
		frappe.db.set_value("Consultation Outcome", outcome.name, "room", room, update_modified=False)


def dataset(set_settings) -> frappe._dict:
	# the quarter's quotas (Gaosuntang Plan: shortlist 5, fix 2) would stop a data set this size
	set_settings(shortlist_count=20, final_count=20)
	member = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	t1, m1, o1 = adopted_outcome("报表议题一", due_in_days=30)
	t2, m2, o2 = adopted_outcome("报表议题二", due_in_days=1)
	t3, m3, o3 = feedback_given_outcome("报表议题三")
	edit(o3, email("member"), satisfaction="Satisfied", evaluation_comment="满意")
	act(o3, "Evaluate", email("member"))
	t4, m4, o4 = reported_outcome("报表议题四")
	edit(o4, email("reviewer"), adoption_reason="超出街道职权范围，已转区住建委研究。")
	act(o4, "Decline", email("reviewer"))
	# a topic not accepted under 九不议, proposed by members
	t5 = make_topic("报表议题五", source="Members")
	act(t5, "Submit for Screening", email("secretary_a"))
	act(t5, "Shortlist", email("member"))
	edit(
		t5,
		email("reviewer"),
		**{**EXCLUSION_ALL_NO, "ex_individual_dispute": "Yes"},
		rejection_reason="属于个人纠纷，建议通过人民调解解决。",
	)
	act(t5, "Reject Topic", email("reviewer"))
	# a topic awaiting the party's approval, in room B
	t6 = make_topic("报表议题六")
	act(t6, "Submit for Screening", email("secretary_a"))
	act(t6, "Shortlist", email("member"))
	frappe.set_user("Administrator")
	frappe.db.set_value("Consultation Topic", t1.name, "proposer", member, update_modified=False)
	move_to_room(ROOM_B, t4, m4, o4)
	move_to_room(ROOM_B, t6)
	frappe.get_doc(
		{
			"doctype": "Consultation Room",
			"room_name": ROOM_C,
			"level": "Town/Street",
			"host_organisation": "丙镇",
		}
	).insert()
	return frappe._dict(
		member=member,
		outcomes=[fresh(o) for o in (o1, o2, o3, o4)],
		meetings=[m1, m2, m3, m4],
		topics=[t1, t2, t3, t4, t5, t6],
	)


def run(report: str, as_user: str = "Administrator", **filters) -> list[dict]:
	"""The report as `as_user` runs it in the desk (frappe.desk.query_report.run), without a totals row."""
	from frappe.desk.query_report import run as run_report

	frappe.set_user(as_user)
	try:
		result = run_report(report, filters={"year": YEAR, **filters}, are_default_filters=False)
	finally:
		frappe.set_user("Administrator")
	rows = [r for r in result["result"] if isinstance(r, dict)]
	return rows


def totals(report: str, as_user: str = "Administrator", **filters) -> dict:
	"""The totals row of a report (Frappe adds it as a list after the rows), by fieldname."""
	from frappe.desk.query_report import run as run_report

	frappe.set_user(as_user)
	try:
		result = run_report(report, filters={"year": YEAR, **filters}, are_default_filters=False)
	finally:
		frappe.set_user("Administrator")
	last = result["result"][-1]
	assert isinstance(last, list), "no totals row"
	# Frappe leaves a column whose total is zero empty
	return {c["fieldname"]: v or 0 for c, v in zip(result["columns"], last, strict=True)}


def by(rows: list[dict], key: str) -> dict:
	return {row[key]: row for row in rows}


def pick(row: dict, *fields) -> dict:
	return {f: row[f] for f in fields}


# -- every figure, as the county office -------------------------------------------------------------


COMPLIANCE_FIELDS = (
	"level",
	"yearly_minimum",
	"activities",
	"topics_consulted",
	"outcomes",
	"adopted_outcomes",
	"attendance",
	"shortfall",
	"compliance",
	"rank_in_level",
)


def check_room_activity_compliance(data, set_settings):
	rows = by(run(COMPLIANCE, email("manager")), "room")
	values = (
		(ROOM_A, ("Town/Street", 2, 3, 3, 3, 3, 9, 0, "Met", 1)),
		(ROOM_B, ("Village/Community", 1, 1, 1, 1, 0, 3, 0, "Met", 1)),
		(ROOM_C, ("Town/Street", 2, 0, 0, 0, 0, 0, 2, "Not Met", 2)),
	)
	for room, expected in values:
		assert pick(rows[room], *COMPLIANCE_FIELDS) == dict(zip(COMPLIANCE_FIELDS, expected, strict=True)), (
			room
		)
	below = by(run(COMPLIANCE, email("manager"), below_minimum_only=1), "room")
	assert ROOM_C in below and ROOM_A not in below and ROOM_B not in below
	# the room's own minimum overrides the Settings
	frappe.db.set_value("Consultation Room", ROOM_A, "yearly_minimum", 5)
	row = by(run(COMPLIANCE, email("manager"), room=ROOM_A), "room")[ROOM_A]
	assert (row["yearly_minimum"], row["shortfall"], row["compliance"]) == (5, 2, "Not Met")


def check_the_yearly_minimum_of_a_level_comes_from_the_settings(data, set_settings):
	frappe.db.set_value("Consultation Room", ROOM_C, "yearly_minimum", 0)
	set_settings(min_activities_town=4)
	row = by(run(COMPLIANCE, email("manager"), level="Town/Street"), "room")[ROOM_C]
	assert (row["yearly_minimum"], row["shortfall"]) == (4, 4)


STATISTICS_A = {
	"activities": 3,
	"attendance": 9,
	"topics_collected": 4,
	"src_residents": 3,
	"src_members": 1,
	"src_leaders": 0,
	"src_public_call": 0,
	"src_proposal": 0,
	"accepted": 3,
	"not_accepted": 1,
	"outcomes": 3,
	"adopted": 3,
	"partly_adopted": 0,
	"not_adopted": 0,
	"class_a": 3,
	"class_b": 0,
	"class_c": 0,
	"implemented": 1,
	"problems_solved": 1,
	"funds_secured": 12.5,
	"people_benefited": 860,
	"satisfied": 1,
	"basically_satisfied": 0,
	"not_satisfied": 0,
}
STATISTICS_B = {
	**{k: 0 for k in STATISTICS_A},
	"activities": 1,
	"attendance": 3,
	"topics_collected": 2,
	"src_residents": 2,
	"accepted": 1,
	"outcomes": 1,
	"not_adopted": 1,
	"funds_secured": 0.0,
}


def check_annual_statistics(data, set_settings):
	rows = by(run(STATISTICS, email("manager")), "group")
	assert pick(rows[ROOM_A], *STATISTICS_A) == STATISTICS_A
	assert pick(rows[ROOM_B], *STATISTICS_B) == STATISTICS_B
	assert pick(rows[ROOM_C], *STATISTICS_A) == {**{k: 0 for k in STATISTICS_A}, "funds_secured": 0.0}
	both = {k: STATISTICS_A[k] + STATISTICS_B[k] for k in STATISTICS_A}
	total = totals(STATISTICS, email("manager"), room=ROOM_A)
	assert pick(total, *STATISTICS_A) == STATISTICS_A
	levels = by(run(STATISTICS, email("manager"), group_by="Level"), "group")
	assert pick(levels["Town/Street"], *STATISTICS_A) == STATISTICS_A
	assert pick(levels["Village/Community"], *STATISTICS_B) == STATISTICS_B
	quarter = f"Q{(getdate().month - 1) // 3 + 1}"
	quarters = by(run(STATISTICS, email("manager"), group_by="Quarter"), "group")
	assert list(quarters) == [quarter]
	assert pick(quarters[quarter], *both) == both
	categories = by(run(STATISTICS, email("manager"), group_by="Subject Category"), "group")
	assert list(categories) == ["Public Affairs of Most Residents"]
	assert pick(categories["Public Affairs of Most Residents"], *both) == both


def check_outcome_ledger(data, set_settings):
	o1, o2, o3, _o4 = data.outcomes
	rows = by(run(LEDGER, email("manager")), "outcome")
	assert set(rows) == {o1.name, o2.name, o3.name}  # the declined one is not in the ledger
	fields = (
		"room",
		"handling_unit",
		"responsible_person",
		"due_date",
		"percent_complete",
		"state",
		"days_overdue",
	)
	assert pick(rows[o1.name], *fields) == dict(
		zip(fields, (ROOM_A, "测试城建科", "郑科长", getdate(o1.due_date), 0, "Adopted", 0), strict=True)
	)
	assert pick(rows[o2.name], *fields) == dict(
		zip(
			fields,
			(ROOM_A, "测试城建科", "郑科长", getdate(add_days(today(), -1)), 0, "Adopted", 1),
			strict=True,
		)
	)
	assert rows[o3.name]["state"] == "Evaluated" and rows[o3.name]["percent_complete"] == 100
	assert rows[o3.name]["last_progress_on"] == max(getdate(p.progress_date) for p in o3.progress)
	assert rows[o1.name]["handling_class"] == "A: Adopted and Implemented"
	assert rows[o1.name]["last_progress_on"] is None
	overdue = run(LEDGER, email("manager"), overdue_only=1)
	assert [r["outcome"] for r in overdue] == [o2.name]


def check_member_participation_score(data, set_settings):
	rows = by(run(SCORE, email("manager")), "participant")
	me = rows[data.member]
	counts = ("topics_proposed", "research_joined", "meetings_attended", "opinions_given", "evaluations_made")
	assert pick(me, *counts) == dict(zip(counts, (1, 4, 4, 0, 1), strict=True))
	# Settings weights: topic 2, research 2, attendance 1, opinion 1, evaluation 1
	assert me["total"] == 1 * 2 + 4 * 2 + 4 * 1 + 0 + 1 * 1 == 15
	assert me["rank"] == 1
	# the data set's own participants (other tests may leave people of the same name behind)
	ours = {row.participant for m in data.meetings for row in fresh(m).participants + fresh(m).conveners}
	speakers = [r for r in rows.values() if r["full_name"] == "孙委员" and r["participant"] in ours]
	assert len(speakers) == 4
	for r in speakers:
		assert pick(r, *counts) == dict(zip(counts, (0, 0, 1, 1, 0), strict=True))
		assert (r["total"], r["rank"]) == (2, 2)  # four share rank 2
	conveners = [r for r in rows.values() if r["full_name"] == "钱委员" and r["participant"] in ours]
	assert len(conveners) == 4
	assert conveners and all((r["total"], r["rank"]) == (0, 6) for r in conveners)
	# only CPPCC members by default: the resident representative is not scored
	assert not [r for r in rows.values() if r["full_name"] == "刘居民"]
	residents = run(SCORE, email("manager"), category="Resident Representative")
	assert {r["full_name"] for r in residents} == {"刘居民"}
	# the weights are the Settings'
	set_settings(score_research=5, score_evaluation=3)
	me = by(run(SCORE, email("manager")), "participant")[data.member]
	assert me["total"] == 1 * 2 + 4 * 5 + 4 * 1 + 0 + 1 * 3 == 29


def test_every_figure_of_every_report_as_the_county_office(personas, set_settings):
	"""One data set (it takes a minute to build through the workflows), every report's figures."""
	data = dataset(set_settings)
	check_annual_statistics(data, set_settings)
	check_outcome_ledger(data, set_settings)
	check_member_participation_score(data, set_settings)
	check_room_activity_compliance(data, set_settings)
	check_the_yearly_minimum_of_a_level_comes_from_the_settings(data, set_settings)


# -- who sees what ------------------------------------------------------------------------------------


def cells(rows) -> str:
	return json.dumps(rows, default=str, ensure_ascii=False)


def check_reports_of_room_a(data):
	secretary = email("secretary_a")
	compliance = run(COMPLIANCE, secretary)
	assert [r["room"] for r in compliance] == [ROOM_A]
	statistics = run(STATISTICS, secretary)
	assert [r["group"] for r in statistics] == [ROOM_A]
	assert pick(statistics[0], *STATISTICS_A) == STATISTICS_A
	assert pick(totals(STATISTICS, secretary), *STATISTICS_A) == STATISTICS_A
	ledger = run(LEDGER, secretary)
	assert {r["room"] for r in ledger} == {ROOM_A}
	score = by(run(SCORE, secretary), "participant")
	me = score[data.member]  # room B's meeting and research are not counted for her
	assert (me["meetings_attended"], me["research_joined"], me["total"]) == (3, 3, 12)
	for rows in (compliance, statistics, ledger, list(score.values())):
		assert ROOM_B not in cells(rows) and data.topics[3].name not in cells(rows)


def export(report: str, as_user: str, **filters):
	"""The report's Excel export (frappe.desk.query_report.export_query), as `as_user`, opened with openpyxl."""
	import openpyxl
	from frappe.desk.query_report import export_query

	frappe.set_user(as_user)
	try:
		frappe.local.form_dict = frappe._dict(
			report_name=report,
			file_format_type="Excel",
			filters=json.dumps({"year": YEAR, **filters}),
			visible_idx="[]",
			include_indentation=0,
		)
		export_query()
		content = frappe.response["filecontent"]
	finally:
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()
	sheet = openpyxl.load_workbook(io.BytesIO(content)).active
	return [[c for c in row] for row in sheet.iter_rows(values_only=True)]


def check_excel_export_of_room_a(data, report):
	mine = export(report, email("secretary_a"))
	theirs = export(report, email("manager"))
	text = cells(mine)
	assert ROOM_B not in text and data.outcomes[3].name not in text
	assert ROOM_A in text or report == SCORE
	if report == SCORE:
		# the member's research in room B counts for the office, not for room A's secretary
		column = mine[0].index("Research Teams Joined")
		assert [r[column] for r in mine if r[0] == data.member] == [3]
		assert [r[column] for r in theirs if r[0] == data.member] == [4]
	elif report != LEDGER:  # room B's only outcome was declined: not in the ledger
		assert ROOM_B in cells(theirs)  # the office's export has room B's rows


def card(name: str, as_user: str):
	"""A Number Card's figure as the workspace computes it for `as_user`."""
	from frappe.desk.doctype.number_card.number_card import get_result

	doc = frappe.get_doc("Number Card", name)
	frappe.set_user(as_user)
	try:
		# the workspace shows the card to the user (Frappe's has_permission of Number Card)
		assert frappe.has_permission("Number Card", doc=doc, user=as_user), (name, as_user)
		if doc.type == "Custom":
			return frappe.call(frappe.get_attr(doc.method), filters=json.loads(doc.filters_json or "{}"))
		filters = json.loads(doc.filters_json or "[]")
		for f in json.loads(doc.dynamic_filters_json or "[]"):
			# the browser evaluates the dynamic value: only today's date is used by the app's cards
			assert f[3] == "frappe.datetime.get_today()"
			filters.append([f[0], f[1], f[2], today()])
		return get_result(doc.as_dict(), filters)
	finally:
		frappe.set_user("Administrator")


CARDS = {
	"Topics Awaiting Party Approval": (1, 0),
	"Outcomes Overdue": (1, 1),
	"Rooms Below Minimum This Year": (1, 0),
	"Meetings This Month": (4, 3),
}


def check_number_card(name):
	office, room_a = CARDS[name]
	assert card(name, email("manager")) >= office  # the county office: every room (other rooms may exist)
	assert card(name, email("secretary_a")) == room_a
	assert (
		card(name, email("secretary_b"))
		== {
			"Topics Awaiting Party Approval": 1,
			"Outcomes Overdue": 0,
			"Rooms Below Minimum This Year": 0,
			"Meetings This Month": 1,
		}[name]
	)


def test_the_secretary_of_room_a_sees_nothing_of_room_b(personas, set_settings):
	"""Reports, their Excel exports and the workspace's number cards, as the secretary of room A."""
	data = dataset(set_settings)
	check_reports_of_room_a(data)
	for report in (COMPLIANCE, STATISTICS, LEDGER, SCORE):
		check_excel_export_of_room_a(data, report)
	for name in CARDS:
		check_number_card(name)
	check_activities_chart()


def test_the_workspace_charts_are_shown_to_the_office_and_secretaries(personas):
	for chart in ("Activities per Month by Room Level", "Outcomes by State"):
		doc = frappe.get_doc("Dashboard Chart", chart)
		for persona in ("manager", "secretary_a", "reviewer"):
			assert frappe.has_permission("Dashboard Chart", doc=doc, user=email(persona)), (chart, persona)


def check_activities_chart():
	"""The workspace's chart of activities per month by level, as each user sees it."""
	from consult_app.reports import activities_per_month_by_level

	month = getdate().month - 1
	for persona, town, village in (("manager", 3, 1), ("secretary_a", 3, 0), ("secretary_b", 0, 1)):
		frappe.set_user(email(persona))
		chart = activities_per_month_by_level(filters={"year": YEAR})
		frappe.set_user("Administrator")
		series = {d["name"]: d["values"][month] for d in chart["datasets"]}
		assert series.get("Town/Street", 0) == town and series.get("Village/Community", 0) == village, persona


def test_a_handling_unit_reads_only_the_outcomes_assigned_to_it(personas, set_settings):
	from outcome_factory import handling_unit

	data = dataset(set_settings)
	o1, o2, o3, _o4 = data.outcomes
	other = handling_unit("测试水务站", users=(), unit_email="shuiwu@consult.test")
	frappe.db.set_value("Consultation Outcome", o1.name, "handling_unit", other.name)
	rows = run(LEDGER, email("unit"))
	assert {r["outcome"] for r in rows} == {o2.name, o3.name}
	assert {r["handling_unit"] for r in rows} == {"测试城建科"}


# -- the scheduled email reports ------------------------------------------------------------------------


# what a committed test leaves behind: deleted by creation time (sending email commits)
MADE_HERE = (
	"Consultation Topic",
	"Consultation Plan",
	"Consultation Plan Topic",
	"Consultation Research",
	"Consultation Research Member",
	"Consultation Meeting",
	"Consultation Meeting Topic",
	"Consultation Meeting Convener",
	"Consultation Meeting Participant",
	"Consultation Department Statement",
	"Consultation Opinion",
	"Consultation Outcome",
	"Consultation Outcome Recipient",
	"Consultation Outcome Progress",
	"Consultation Participant",
	"Consultation Handling Unit",
	"Consultation Handling Unit User",
	"Auto Email Report",
	"Email Queue",
	"Email Queue Recipient",
	"Workflow Action",
	"Workflow Action Permitted Role",
	"Version",
	"Comment",
	"ToDo",
	"Communication",
	"File",
)


def delete_made_since(since) -> None:
	frappe.db.rollback()
	for doctype in MADE_HERE:
		frappe.db.delete(doctype, {"creation": (">=", since)})
	frappe.db.commit()


def sent_through_smtp(report_name: str, smtp_sink) -> list:
	"""Frappe's own send path: the report's send() queues the email, the queue sends it over SMTP."""
	from frappe.email.doctype.email_queue.email_queue import EmailQueue

	frappe.get_doc("Auto Email Report", report_name).send()
	queued = frappe.get_all(
		"Email Queue", {"reference_doctype": "Auto Email Report", "reference_name": report_name}, pluck="name"
	)
	assert queued, "nothing was queued"
	frappe.flags.mute_emails = False
	frappe.flags.testing_email = True
	try:
		for name in queued:
			EmailQueue.find(name).send()
	finally:
		frappe.flags.mute_emails = True
		frappe.flags.testing_email = False
	return smtp_sink.messages


def read_message(content: bytes):
	"""(subject, rows of the xlsx attachment) of a message as the SMTP server received it."""
	import email
	from email.header import decode_header, make_header

	import openpyxl

	message = email.message_from_bytes(content)
	subject = str(make_header(decode_header(message["Subject"])))
	for part in message.walk():
		if (part.get_filename() or "").endswith(".xlsx"):
			sheet = openpyxl.load_workbook(io.BytesIO(part.get_payload(decode=True))).active
			return subject, [list(r) for r in sheet.iter_rows(values_only=True)]
	raise AssertionError("no xlsx attachment")


def test_email_reports_are_sent_through_smtp_with_what_their_user_may_see(
	personas, smtp_sink, sessions, live_server
):
	"""Sending commits (Email Queue status), so this test deletes what it made, by creation time."""
	from frappe.utils import now_datetime
	from outcome_factory import handling_unit

	from consult_app import email_reports

	since = now_datetime()
	# the site's copies (made by migrate) are made again here, and deleted with the rest at the end
	frappe.db.delete(
		"Auto Email Report",
		{"name": ("in", (email_reports.WEEKLY_OVERDUE, email_reports.MONTHLY_COMPLIANCE))},
	)
	try:
		_t1, _m1, mine = adopted_outcome("邮件报表议题一", due_in_days=1)
		_t2, _m2, other = adopted_outcome("邮件报表议题二", due_in_days=1)
		water = handling_unit("测试水务站", users=(), unit_email="shuiwu@consult.test")
		frappe.db.set_value("Consultation Outcome", other.name, "handling_unit", water.name)
		frappe.set_user("Administrator")
		# installed once: the office's weekly overdue ledger and monthly compliance, the unit's weekly ledger
		email_reports.install_missing()
		for name in (email_reports.WEEKLY_OVERDUE, email_reports.MONTHLY_COMPLIANCE):
			report = frappe.get_doc("Auto Email Report", name)
			assert email("manager") in report.email_to.split() and report.format == "XLSX"
		unit_report = email_reports.unit_report_name("测试城建科")
		assert frappe.db.get_value("Auto Email Report", unit_report, "user") == email("unit")
		# a site's edit is kept on migrate
		frappe.db.set_value("Auto Email Report", email_reports.WEEKLY_OVERDUE, "day_of_week", "Friday")
		email_reports.install_missing()
		assert (
			frappe.db.get_value("Auto Email Report", email_reports.WEEKLY_OVERDUE, "day_of_week") == "Friday"
		)

		# the office's overdue ledger holds both overdue outcomes ...
		messages = sent_through_smtp(email_reports.WEEKLY_OVERDUE, smtp_sink)
		subject, rows = read_message(messages[-1][1])
		assert subject == "每周逾期成果落实台账"
		text = cells(rows)
		assert mine.name in text and other.name in text
		# over REST (the data is committed now): the handling unit's ledger holds only its own outcome
		r = sessions["unit"].get(
			f"{live_server}/api/method/frappe.desk.query_report.run",
			params={"report_name": LEDGER, "filters": json.dumps({"overdue_only": 1})},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:500]
		rows = [row for row in r.json()["message"]["result"] if isinstance(row, dict)]
		assert [row["outcome"] for row in rows] == [mine.name]
		r = sessions["manager"].get(
			f"{live_server}/api/method/frappe.desk.query_report.run",
			params={"report_name": LEDGER, "filters": json.dumps({"overdue_only": 1})},
			timeout=60,
		)
		assert {row["outcome"] for row in r.json()["message"]["result"] if isinstance(row, dict)} >= {
			mine.name,
			other.name,
		}
		# ... the same report run as the handling unit's user holds only the unit's own (the scheduler runs
		# as Administrator: the content is computed as the report's user)
		frappe.db.set_value("Auto Email Report", email_reports.WEEKLY_OVERDUE, "user", email("unit"))
		smtp_sink.messages.clear()
		frappe.db.delete("Email Queue", {"reference_name": email_reports.WEEKLY_OVERDUE})
		subject, rows = read_message(sent_through_smtp(email_reports.WEEKLY_OVERDUE, smtp_sink)[-1][1])
		text = cells(rows)
		assert mine.name in text and other.name not in text
		data_rows = [r for r in rows[1:] if any(r)]
		assert len(data_rows) == 1 and "测试城建科" in cells(data_rows)
		# the unit's own weekly ledger, to the unit's address and users
		smtp_sink.messages.clear()
		messages = sent_through_smtp(unit_report, smtp_sink)
		assert {r for rcpts, _c in messages for r in rcpts} == {"chengjianke@consult.test", email("unit")}
		subject, rows = read_message(messages[-1][1])
		assert subject == "测试城建科每周落实台账"
		assert mine.name in cells(rows) and other.name not in cells(rows)
	finally:
		frappe.set_user("Administrator")
		delete_made_since(since)
		email_reports.install_missing()  # as migrate leaves the site
		frappe.db.commit()
