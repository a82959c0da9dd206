"""Spreadsheet import and export with Frappe's Data Import, as a county's IT staff runs it in Chinese.

The offices bring their registers as .xlsx files with the column headings of Frappe's import template in
Chinese: participants with their expertise and party acceptance (Hai'an Plan II.2), rooms with their
council (Dacheng Plan IV.2), handling units and their users, historical topics. Each file goes through
frappe.core.doctype.data_import (a Data Import document, start_import run synchronously), which commits
each good row and rolls back a failed one: everything a test imports is committed, and deleted after it.
"""

from __future__ import annotations

import datetime
import io
import json
import uuid

import frappe
import openpyxl
import pytest
from factory import ROOM_A, ROOM_B, email, make_topic
from frappe.core.doctype.data_import.data_import import start_import

INSERT = "Insert New Records"
UPDATE = "Update Existing Records"
PARTICIPANT = "Consultation Participant"
ROOM = "Consultation Room"
UNIT = "Consultation Handling Unit"
TOPIC = "Consultation Topic"
IT_STAFF = "it.staff@consult.test"  # the county's IT staff: System Manager, works in Chinese


@pytest.fixture(scope="module")
def it_staff(personas):
	if not frappe.db.exists("User", IT_STAFF):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": IT_STAFF,
				"first_name": "信息科",
				"language": "zh",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		user.add_roles("System Manager")
	frappe.db.commit()
	return IT_STAFF


@pytest.fixture
def imported():
	"""Records the test's imports made (committed by the importer), deleted after the test."""
	made: list[tuple[str, str]] = []

	def track(doctype: str, name: str):
		made.append((doctype, name))

	yield track
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype, name in reversed(made):
		if doctype == "Data Import":
			frappe.db.delete("Data Import Log", {"data_import": name})
		if frappe.db.get_value(doctype, name, "docstatus") == 1:  # a submitted record is cancelled first
			frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.commit()


def xlsx(rows: list[list]) -> bytes:
	book = openpyxl.Workbook()
	sheet = book.active
	for row in rows:
		sheet.append(row)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def as_it_staff_in_chinese():
	frappe.set_user(IT_STAFF)
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None


def run_import(doctype: str, rows: list[list], track, import_type: str = INSERT):
	"""Upload the spreadsheet and import it as the IT staff, as the Data Import form does; returns the
	Data Import (reloaded), its log rows (by spreadsheet row) and its template warnings."""
	as_it_staff_in_chinese()
	# Frappe caches the header -> field map per DocType, in the language of whoever built it first
	frappe.cache.hdel("data_import_column_header_map", doctype)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{uuid.uuid4().hex[:8]}.xlsx",
			"content": xlsx(rows),
			"is_private": 1,
		}
	).insert()
	track("File", file.name)
	di = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": import_type,
			"import_file": file.file_url,
		}
	).insert()
	track("Data Import", di.name)
	frappe.db.commit()  # the importer commits each good row and rolls back a failed one
	start_import(di.name)
	di.reload()
	logs = {}
	for log in frappe.get_all(
		"Data Import Log",
		filters={"data_import": di.name},
		fields=["success", "docname", "messages", "row_indexes"],
	):
		for row in json.loads(log.row_indexes):
			logs[row] = log
		if log.success:
			track(doctype, log.docname)
	warnings = json.loads(di.template_warnings or "[]")
	return di, logs, warnings


def messages(log) -> str:
	"""The messages of a failed row, as the Data Import form shows them under the row's number."""
	out = []
	for m in json.loads(log.messages or "[]"):
		m = json.loads(m) if isinstance(m, str) else m
		out.append(m.get("message") if isinstance(m, dict) else str(m))
	return " ".join(out)


def template_headings(doctype: str, fields: dict[str, list[str]]) -> list[str]:
	"""The column headings of Frappe's import template (Data Import > Download Template) in Chinese."""
	from frappe.core.doctype.data_import.exporter import Exporter

	as_it_staff_in_chinese()
	exporter = Exporter(doctype, export_fields=fields, export_data=False, file_type="Excel")
	return exporter.get_csv_array_for_export()[0]


def expertise(name: str) -> str:
	if not frappe.db.exists("Consultation Expertise", name):
		frappe.get_doc({"doctype": "Consultation Expertise", "expertise_name": name}).insert(
			ignore_permissions=True
		)
	return name


# -- participants: expertise and party acceptance (Hai'an Plan II.2) --------------------------------

PARTICIPANT_HEADINGS = ["姓名", "类别", "所属议事室", "工作单位", "经党组织认可", "认可党组织", "认可日期"]
EXPERTISE_HEADING = "专业领域 (专业领域)"


def test_the_participant_template_has_chinese_headings(it_staff):
	headings = template_headings(
		PARTICIPANT,
		{
			PARTICIPANT: [
				"full_name",
				"category",
				"room",
				"organisation",
				"party_accepted",
				"accepted_by",
				"accepted_on",
			],
			"expertise": ["expertise"],
		},
	)
	assert headings == [*PARTICIPANT_HEADINGS, EXPERTISE_HEADING]


def test_participants_import_with_expertise_and_acceptance_and_bad_rows_land_nothing(it_staff, imported):
	tag = uuid.uuid4().hex[:6]
	law, planning = expertise(f"法律{tag}"), expertise(f"城市规划{tag}")
	for name in (law, planning):
		imported("Consultation Expertise", name)
	frappe.db.commit()
	accepted_on = datetime.date(2025, 3, 1)
	rows = [
		[*PARTICIPANT_HEADINGS, EXPERTISE_HEADING],
		[f"张律师{tag}", "Expert", ROOM_A, "测试律师事务所", 1, "测试社区党委", accepted_on, law],
		[None, None, None, None, None, None, None, planning],  # a second expertise of the same person
		# row 4: no name (mandatory)
		[None, "Resident Representative", ROOM_A, f"无名单位{tag}", 0, None, None, None],
		# row 5: acceptance ticked without who accepted and when (Hai'an Plan II.2)
		[f"王居民{tag}", "Resident Representative", ROOM_A, "测试小区", 1, None, None, None],
		[f"李代表{tag}", "People's Congress Deputy", ROOM_B, "测试人大", 0, None, None, None],
	]
	di, logs, warnings = run_import(PARTICIPANT, rows, imported)
	frappe.set_user("Administrator")

	assert warnings == []
	assert di.status == "Partial Success"
	lawyer = frappe.get_doc(PARTICIPANT, logs[2].docname)
	assert (lawyer.full_name, lawyer.category, lawyer.room) == (f"张律师{tag}", "Expert", ROOM_A)
	assert sorted(r.expertise for r in lawyer.expertise) == sorted([law, planning])
	assert (lawyer.party_accepted, lawyer.accepted_by, str(lawyer.accepted_on)) == (
		1,
		"测试社区党委",
		"2025-03-01",
	)
	assert frappe.db.get_value(PARTICIPANT, logs[6].docname, "room") == ROOM_B

	assert not logs[4].success and not logs[5].success
	assert "姓名" in messages(logs[4]) and "缺少值" in messages(logs[4]), messages(logs[4])
	assert "认可党组织" in messages(logs[5]) and "认可日期" in messages(logs[5]), messages(logs[5])
	assert not frappe.db.exists(PARTICIPANT, {"organisation": f"无名单位{tag}"})
	assert not frappe.db.exists(PARTICIPANT, {"full_name": f"王居民{tag}"})


def test_a_participant_sheet_with_an_unknown_room_imports_nothing_and_names_row_and_field(it_staff, imported):
	tag = uuid.uuid4().hex[:6]
	rows = [
		PARTICIPANT_HEADINGS,
		[f"赵委员{tag}", "County CPPCC Member", ROOM_A, "测试政协", 0, None, None],
		[f"钱委员{tag}", "County CPPCC Member", f"不存在的议事室{tag}", "测试政协", 0, None, None],
	]
	_di, logs, warnings = run_import(PARTICIPANT, rows, imported)
	frappe.set_user("Administrator")

	assert logs == {}
	assert not frappe.db.exists(PARTICIPANT, {"full_name": ("like", f"%{tag}")})
	[warning] = [w for w in warnings if w.get("row")]
	assert warning["row"] == 3
	assert warning["field"]["fieldname"] == "room"
	assert f"不存在的议事室{tag}" in warning["message"] and "缺少" in warning["message"], warning
	[column] = [w for w in warnings if w.get("col")]
	assert column["message"].endswith(f"中不存在以下值：不存在的议事室{tag}"), column


def test_reimporting_participants_with_update_existing_changes_what_changed(it_staff, imported):
	tag = uuid.uuid4().hex[:6]
	rows = [
		PARTICIPANT_HEADINGS,
		[f"孙专家{tag}", "Expert", ROOM_A, "旧单位", 0, None, None],
		[f"周代表{tag}", "Resident Representative", ROOM_A, "测试小区", 0, None, None],
	]
	_, logs, _ = run_import(PARTICIPANT, rows, imported)
	expert, resident = logs[2].docname, logs[3].docname
	frappe.set_user("Administrator")
	resident_modified = frappe.db.get_value(PARTICIPANT, resident, "modified")

	update = [
		["ID", "工作单位", "经党组织认可", "认可党组织", "认可日期"],
		[expert, "新单位", 1, "测试社区党委", datetime.date(2026, 1, 5)],
	]
	di, logs, warnings = run_import(PARTICIPANT, update, imported, import_type=UPDATE)
	frappe.set_user("Administrator")

	assert warnings == [] and di.status == "Success", messages(logs.get(2, frappe._dict()))
	changed = frappe.get_doc(PARTICIPANT, expert)
	assert (changed.organisation, changed.party_accepted, changed.full_name) == ("新单位", 1, f"孙专家{tag}")
	assert frappe.db.get_value(PARTICIPANT, resident, ["organisation", "modified"]) == (
		"测试小区",
		resident_modified,
	)


# -- rooms and their council (Dacheng Plan IV.2: 1+7+X) -------------------------------------------

ROOM_HEADINGS = ["议事室名称", "层级", "协商主体 (固定成员)", "议事会角色 (固定成员)"]


def test_rooms_import_with_their_council_and_a_council_with_two_party_secretaries_is_refused(
	it_staff, imported
):
	from factory import make_participant

	tag = uuid.uuid4().hex[:6]
	frappe.set_user("Administrator")
	people = [make_participant(f"议事会成员{i}{tag}").name for i in range(3)]
	for name in people:
		imported(PARTICIPANT, name)
	frappe.db.commit()
	rows = [
		ROOM_HEADINGS,
		[f"导入社区{tag}", "Village/Community", people[0], "Party Secretary"],
		[None, None, people[1], "Fixed Member"],
		[None, None, people[2], "Issue-related Member"],
		# row 5: a council with two party secretaries (the "1" of 1+7+X is one person)
		[f"错误社区{tag}", "Village/Community", people[0], "Party Secretary"],
		[None, None, people[1], "Party Secretary"],
	]
	_di, logs, warnings = run_import(ROOM, rows, imported)
	frappe.set_user("Administrator")

	assert warnings == []
	room = frappe.get_doc(ROOM, f"导入社区{tag}")
	assert [(m.participant, m.council_role) for m in room.council_members] == [
		(people[0], "Party Secretary"),
		(people[1], "Fixed Member"),
		(people[2], "Issue-related Member"),
	]
	assert not logs[5].success
	assert "党组织书记" in messages(logs[5]) or "书记" in messages(logs[5]), messages(logs[5])
	assert not frappe.db.exists(ROOM, f"错误社区{tag}")


# -- handling units and their users ----------------------------------------------------------------


def test_handling_units_import_with_their_users(it_staff, imported):
	tag = uuid.uuid4().hex[:6]
	rows = [
		["单位名称", "责任人", "用户 (用户)"],
		[f"住建局{tag}", "郑科长", email("unit")],
		[f"城管局{tag}", "孙科长", f"nobody{tag}@consult.test"],  # row 3: no such user
	]
	_, logs, warnings = run_import(UNIT, rows, imported)
	[warning] = [w for w in warnings if w.get("row")]
	assert warning["row"] == 3 and f"nobody{tag}@consult.test" in warning["message"]
	assert logs == {} and not frappe.db.exists(UNIT, f"住建局{tag}")  # the good row waits for the fixed sheet

	rows.pop()
	di, _logs, warnings = run_import(UNIT, rows, imported)
	frappe.set_user("Administrator")
	assert warnings == [] and di.status == "Success"
	unit = frappe.get_doc(UNIT, f"住建局{tag}")
	assert unit.responsible_person == "郑科长"
	assert [u.user for u in unit.users] == [email("unit")]


# -- historical topics ------------------------------------------------------------------------------

TOPIC_HEADINGS = ["议题名称", "协商议事室", "来源", "提出人姓名", "议题描述", "流程状态"]


def test_historical_topics_are_imported_as_drafts_and_a_later_state_is_refused(it_staff, imported):
	tag = uuid.uuid4().hex[:6]
	rows = [
		TOPIC_HEADINGS,
		[f"2024年老旧小区改造{tag}", ROOM_A, "Residents", "张居民", "2024年已协商，成果已落实。", None],
		# row 3: a topic concluded in 2023 cannot skip approval, publicity, research and consultation
		[f"2023年停车难{tag}", ROOM_A, "Residents", "李居民", "2023年已协商。", "Concluded"],
	]
	_di, logs, warnings = run_import(TOPIC, rows, imported)
	frappe.set_user("Administrator")

	assert warnings == []
	topic = frappe.get_doc(TOPIC, logs[2].docname)
	assert (topic.title, topic.room, topic.workflow_state) == (f"2024年老旧小区改造{tag}", ROOM_A, "Draft")
	assert not logs[3].success
	text = messages(logs[3])
	assert "不能直接以" in text and "草稿" in text and "流程状态" in text, text
	assert not frappe.db.exists(TOPIC, {"title": f"2023年停车难{tag}"})


# -- historical outcomes ----------------------------------------------------------------------------

OUTCOME_HEADINGS = ["成果标题", "成果形式", "协商会议", "议题", "成果内容", "流程状态"]


def test_outcomes_of_a_held_meeting_are_imported_as_drafts_and_a_decided_one_is_refused(it_staff, imported):
	"""An outcome comes from a held meeting that consulted its topic; imported, it starts as Draft."""
	from meeting_factory import held_meeting

	tag = uuid.uuid4().hex[:6]
	frappe.set_user("Administrator")
	plans_before = set(frappe.get_all("Consultation Plan", pluck="name"))
	topic, meeting = held_meeting(f"历史停车问题{tag}")
	for row in [*meeting.conveners, *meeting.participants]:
		if not frappe.db.get_value(PARTICIPANT, row.participant, "user"):
			imported(PARTICIPANT, row.participant)
	imported(TOPIC, topic.name)
	for plan in set(frappe.get_all("Consultation Plan", pluck="name")) - plans_before:
		imported("Consultation Plan", plan)
	for research in frappe.get_all("Consultation Research", filters={"topic": topic.name}, pluck="name"):
		imported("Consultation Research", research)
	imported("Consultation Meeting", meeting.name)
	frappe.db.commit()

	rows = [
		OUTCOME_HEADINGS,
		[
			f"增设停车位的建议{tag}",
			"Consultation Suggestion",
			meeting.name,
			topic.name,
			"利用空地增设停车位。",
			None,
		],
		# row 3: an adopted outcome skips review, reporting and the party's decision
		[
			f"已采纳的建议{tag}",
			"Consultation Suggestion",
			meeting.name,
			topic.name,
			"错时共享车位。",
			"Adopted",
		],
	]
	_di, logs, warnings = run_import("Consultation Outcome", rows, imported)
	frappe.set_user("Administrator")

	assert warnings == []
	outcome = frappe.get_doc("Consultation Outcome", logs[2].docname)
	assert (outcome.meeting, outcome.topic, outcome.room, outcome.workflow_state) == (
		meeting.name,
		topic.name,
		topic.room,
		"Draft",
	)
	assert not logs[3].success
	text = messages(logs[3])
	assert "不能直接以" in text and "草稿" in text, text
	assert not frappe.db.exists("Consultation Outcome", {"title": f"已采纳的建议{tag}"})


# -- export keeps row-level permissions ----------------------------------------------------------------


def test_a_secretarys_export_from_the_list_has_no_other_rooms_rows(sessions, live_server, committed):
	tag = uuid.uuid4().hex[:6]
	mine = committed(make_topic(f"本室议题{tag}"))
	theirs = committed(make_topic(f"他室议题{tag}", room=ROOM_B, as_user=email("secretary_b")))
	frappe.set_user("Administrator")
	for file_format in ("CSV", "Excel"):
		r = sessions["secretary_a"].post(
			f"{live_server}/api/method/frappe.desk.reportview.export_query",
			data={
				"doctype": TOPIC,
				"file_format_type": file_format,
				"fields": json.dumps(
					[f"`tab{TOPIC}`.`name`", f"`tab{TOPIC}`.`title`", f"`tab{TOPIC}`.`room`"]
				),
				"filters": json.dumps([[TOPIC, "title", "like", f"%{tag}"]]),
			},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:300]
		if file_format == "CSV":
			text = r.content.decode("utf-8")
		else:
			sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
			text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
		assert mine.name in text and mine.title in text
		assert theirs.name not in text and theirs.title not in text and ROOM_B not in text
