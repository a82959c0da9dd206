"""The record model on a real site — bad input refused in the user's language, CRUD over REST by
the role meant to do it, translations, migrate twice and a clean uninstall on a fresh site."""

import json
import uuid
from pathlib import Path

import frappe
import pytest
import requests
from factory import PASSWORD, ROOM_A, email, make_participant, make_topic, publicized_topic
from meeting_factory import held_meeting

from consult_app.exceptions import DateOrderError, PercentRangeError

APP_DIR = Path(__file__).resolve().parents[2] / "consult_app"
DOCTYPES = sorted(json.loads(p.read_text())["name"] for p in APP_DIR.glob("consultation/doctype/*/*.json"))


def test_every_doctype_and_role_is_installed(personas):
	for doctype in DOCTYPES:
		assert frappe.db.exists("DocType", doctype), doctype
	for role in (
		"Consultation Manager",
		"Room Secretary",
		"Convener",
		"Party Reviewer",
		"CPPCC Member",
		"Handling Unit",
	):
		assert frappe.db.exists("Role", role), role


# -- bad input ---------------------------------------------------------------------------------------


def in_chinese():
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	frappe.local.jenv = None


def count(doctype):
	return frappe.db.count(doctype)


def test_missing_required_field_names_the_field_in_chinese(personas):
	in_chinese()
	frappe.set_user(email("secretary_a"))
	before = count("Consultation Topic")
	frappe.clear_messages()
	with pytest.raises(frappe.MandatoryError):
		frappe.get_doc({"doctype": "Consultation Topic", "room": ROOM_A, "source": "Residents"}).insert()
	shown = " ".join(
		(m if isinstance(m, dict) else json.loads(m)).get("message", "") for m in frappe.local.message_log
	)
	assert "议题名称" in shown, shown
	assert count("Consultation Topic") == before


def test_meeting_ending_before_it_starts_is_refused(personas):
	in_chinese()
	frappe.set_user(email("secretary_a"))
	with pytest.raises(DateOrderError) as e:
		frappe.get_doc(
			{
				"doctype": "Consultation Meeting",
				"meeting_title": "加装电梯协商会",
				"room": ROOM_A,
				"form": "In Person",
				"start": "2031-05-10 09:00:00",
				"end": "2031-05-10 08:00:00",
			}
		).insert()
	assert "结束时间" in str(e.value) and "开始时间" in str(e.value)
	assert not frappe.db.exists("Consultation Meeting", {"meeting_title": "加装电梯协商会"})


def test_term_ending_before_it_begins_is_refused(personas):
	in_chinese()
	frappe.set_user(email("secretary_a"))
	with pytest.raises(DateOrderError) as e:
		make_participant("任期错误", term_start="2031-01-01", term_end="2030-12-31")
	assert "任期结束" in str(e.value)
	assert not frappe.db.exists("Consultation Participant", {"full_name": "任期错误"})


def outcome(**kw):
	topic, meeting = held_meeting("电梯加装成果")  # an outcome comes from a meeting that consulted its topic
	frappe.set_user(email("secretary_a"))
	return frappe.get_doc(
		{
			"doctype": "Consultation Outcome",
			"title": "关于加装电梯的协商建议",
			"outcome_type": "Consultation Suggestion",
			"topic": topic.name,
			"meeting": meeting.name,
			"content": "建议由街道牵头统一招标，居民按楼层分摊费用。",
			**kw,
		}
	)


def test_percentage_outside_0_to_100_is_refused(personas):
	in_chinese()
	doc = outcome(progress=[{"progress_date": "2031-01-01", "percent": 120, "note": "超额"}])
	with pytest.raises(PercentRangeError) as e:
		doc.insert()
	assert "完成比例" in str(e.value) and "120" in str(e.value)
	assert not frappe.db.exists("Consultation Outcome", {"title": "关于加装电梯的协商建议"})


def test_negative_amount_is_refused(personas):
	in_chinese()
	doc = outcome(funds_secured=-5)
	with pytest.raises(frappe.NonNegativeError) as e:
		doc.insert()
	assert "争取资金" in str(e.value)
	assert not frappe.db.exists("Consultation Outcome", {"title": "关于加装电梯的协商建议"})


# -- CRUD over the REST API, as the role meant to do it --------------------------------------------

CRUD = {
	# doctype: (persona, minimal record, field to update)
	"Consultation Expertise": ("secretary_a", {"expertise_name": "城市规划{m}"}, ("description", "规划")),
	"Consultation Participant": (
		"secretary_a",
		{"full_name": "刘代表{m}", "category": "Resident Representative", "room": ROOM_A},
		("organisation", "幸福里社区"),
	),
	"Consultation Room": (
		"manager",
		{"room_name": "新建议事室{m}", "level": "Park"},
		("address", "园区一路1号"),
	),
	"Consultation Public Call": (
		"secretary_a",
		{
			"call_title": "民生实事征集{m}",
			"room": ROOM_A,
			"start_date": "2031-01-01",
			"end_date": "2031-01-31",
		},
		("description", "面向全体居民"),
	),
	"Consultation Plan": ("secretary_a", {"room": ROOM_A, "year": 2040}, None),
	"Consultation Topic": (
		"secretary_a",
		{"title": "停车位规划{m}", "room": ROOM_A, "source": "Residents"},
		("place", "北门"),
	),
	"Consultation Research": (
		"secretary_a",
		{"topic": "{topic}", "method": "Visits"},
		("facts", "车位缺口约200个"),
	),
	"Consultation Meeting": (
		"secretary_a",
		{
			"meeting_title": "停车协商会{m}",
			"room": ROOM_A,
			"form": "On-site",
			"start": "2031-06-01 09:00:00",
			"conveners": [{"participant": "{convener}", "convener_order": "First Convener"}],
		},
		("venue", "小区广场"),
	),
	"Consultation Outcome": (
		"secretary_a",
		{
			"title": "停车协商建议{m}",
			"outcome_type": "Minutes",
			"topic": "{topic}",
			"meeting": "{meeting}",
			"content": "建议施划夜间停车位",
		},
		("content", "建议施划夜间停车位并错时共享"),
	),
	"Consultation Handling Unit": (
		"manager",
		{"unit_name": "县住建局{m}", "responsible_person": "孙局长"},
		("email", "zhujian@example.org"),
	),
}


def fill(value, **values):
	"""The record template with this run's values ({m}, {topic}, {convener}) filled in."""
	if isinstance(value, str):
		return value.format(m=values["marker"], **values)
	if isinstance(value, list):
		return [{k: fill(v, **values) for k, v in row.items()} for row in value]
	return value


def test_crud_over_rest_as_the_role_meant_to_do_it(personas, live_server, committed):
	marker = uuid.uuid4().hex[:6]
	# research needs a publicized topic, an outcome a held meeting that consulted it
	topic, meeting = held_meeting(f"停车位规划-{marker}")
	plan = frappe.db.get_value("Consultation Plan", {"room": topic.room, "year": topic.year})
	committed(frappe.get_doc("Consultation Plan", plan))
	committed(topic)
	for research in frappe.get_all("Consultation Research", filters={"topic": topic.name}, pluck="name"):
		committed(frappe.get_doc("Consultation Research", research))
	committed(meeting)
	convener = committed(make_participant(f"召集人{marker}", category="County CPPCC Member"))
	frappe.set_user("Administrator")
	made = []
	sessions = {}
	try:
		for doctype, (persona, record, update) in CRUD.items():
			s = sessions.get(persona)
			if not s:
				s = sessions[persona] = requests.Session()
				r = s.post(
					f"{live_server}/api/method/login",
					data={"usr": email(persona), "pwd": PASSWORD},
					timeout=30,
				)
				assert r.status_code == 200, r.text
			data = {
				k: fill(v, marker=marker, topic=topic.name, convener=convener.name, meeting=meeting.name)
				for k, v in record.items()
			}
			if doctype == "Consultation Plan":
				data["year"] = 2040 + int(marker, 16) % 50
			r = s.post(f"{live_server}/api/resource/{doctype}", json=data, timeout=30)
			assert r.status_code == 200, (doctype, r.status_code, r.text[:500])
			name = r.json()["data"]["name"]
			made.append((doctype, name))
			r = s.get(f"{live_server}/api/resource/{doctype}/{name}", timeout=30)
			assert r.status_code == 200, (doctype, r.text[:300])
			if update:
				field, value = update
				r = s.put(f"{live_server}/api/resource/{doctype}/{name}", json={field: value}, timeout=30)
				assert r.status_code == 200, (doctype, r.text[:300])
				assert r.json()["data"][field] == value
	finally:
		frappe.db.rollback()
		for doctype, name in reversed(made):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_settings_are_read_and_updated_by_the_manager(personas):
	frappe.set_user(email("manager"))
	settings = frappe.get_doc("Consultation Settings")
	assert settings.publicity_days == 7 and settings.shortlist_count == 5 and settings.final_count == 2
	settings.notice_days = 5
	settings.save()
	frappe.set_user(email("member"))
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Consultation Settings").save()


# -- translations ----------------------------------------------------------------------------------


def test_every_shipped_label_has_a_chinese_translation_on_the_site(personas):
	from frappe.translate import get_full_dict

	frappe.local.lang_full_dict = None
	full = get_full_dict("zh")
	missing = []
	for doctype in DOCTYPES:
		meta = frappe.get_meta(doctype)
		if doctype not in full:
			missing.append(doctype)
		for df in meta.fields:
			if df.label and df.label not in full:
				missing.append(f"{doctype}.{df.fieldname}: {df.label}")
			if df.fieldtype == "Select" and df.options:
				missing += [
					f"{doctype}.{df.fieldname} option {o}"
					for o in df.options.split("\n")
					if o and o not in full
				]
	assert not missing, missing


# -- install, migrate, uninstall on a fresh site ----------------------------------------------------


@pytest.mark.slow
def test_fresh_site_install_migrate_twice_and_clean_uninstall(frappe_site):
	import harness

	site = f"consult-fresh-{uuid.uuid4().hex[:6]}.localhost"
	user, password = harness.db_root_credentials()
	harness.frappe_cli(
		"new-site",
		site,
		"--admin-password",
		"admin",
		"--db-root-username",
		user,
		"--db-root-password",
		password,
		"--no-mariadb-socket",
		site=None,
		timeout=900,
	)
	try:
		harness.frappe_cli("install-app", "consult_app", site=site, timeout=900)
		check = (
			"import frappe, json; frappe.connect();"
			"print(json.dumps({"
			"'doctypes': frappe.db.count('DocType', {'module': 'Consultation'}),"
			"'roles': frappe.db.count('Role', {'name': ['in', ['Consultation Manager','Room Secretary','Convener','Party Reviewer','CPPCC Member','Handling Unit']]}),"
			"'custom_fields': frappe.db.count('Custom Field', {'dt': ['like', 'Consultation%']}),"
			"'property_setters': frappe.db.count('Property Setter', {'doc_type': ['like', 'Consultation%']}),"
			"'workflows': frappe.db.count('Workflow', {'document_type': ['like', 'Consultation%']}),"
			"'fingerprint': frappe.db.sql(\"select max(modified), count(*) from tabDocType where module='Consultation'\")[0][0].isoformat() if frappe.db.count('DocType', {'module': 'Consultation'}) else None"
			"}))"
		)
		installed = harness.site_json(site, check)
		assert installed["doctypes"] == len(DOCTYPES)
		assert installed["roles"] == 6 and installed["workflows"] == 3
		assert installed["custom_fields"] == 0 and installed["property_setters"] == 0

		harness.frappe_cli("migrate", site=site, timeout=900)
		first = harness.site_json(site, check)
		harness.frappe_cli("migrate", site=site, timeout=900)
		second = harness.site_json(site, check)
		assert first == second == installed  # no changes, no customisations created by migrate

		harness.frappe_cli(
			"uninstall-app", "consult_app", "--yes", "--no-backup", "--force", site=site, timeout=900
		)
		after = harness.site_json(site, check)
		assert after == {
			"doctypes": 0,
			"roles": 0,
			"custom_fields": 0,
			"property_setters": 0,
			"workflows": 0,
			"fingerprint": None,
		}
	finally:
		harness.frappe_cli(
			"drop-site",
			site,
			"--db-root-username",
			user,
			"--db-root-password",
			password,
			"--no-backup",
			"--force",
			site=None,
			timeout=900,
			check=False,
		)
