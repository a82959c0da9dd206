"""Side doors: the paths around the app's row rules and field levels that Frappe 15.44 leaves open, each
tried over HTTP against the live server as the persona who would try it, on the committed record set of
tests/integration/access_factory.py; each is refused (or answers nothing hidden) and the database is
unchanged. Each door has a control: the same request by a user who may see the value does see it, so the
check can fail.

1. link search (search_link, search_widget: any searchfield, ignore_user_permissions, a client query);
2. filters, sorting and grouping on fields above the user's level (lists, counts, exports, get_value);
3. field levels in the answers of writes (REST PUT, frappe.client.save / set_value) and in the form's
   history (getdoc's docinfo: versions, communications);
4. document methods on a client-sent copy (run_doc_method), bulk update and bulk workflow actions.
"""

from __future__ import annotations

import json
import uuid

import frappe
import pytest
from access_factory import build_access_set, cleanup
from factory import ROOM_A, ROOM_B, email, make_participant, make_topic

TOPIC = "Consultation Topic"
PARTICIPANT = "Consultation Participant"
MEETING = "Consultation Meeting"
RESEARCH = "Consultation Research"
DENIED = (403, 417)
ID_NUMBER = "110101199003074514"  # p1's, level 1 (access_factory)
PHONE = "13800138000"
PROPOSER_PHONE = "13912340000"  # T_draft's proposer, level 1
M = "/api/method/"


@pytest.fixture(scope="module")
def access(personas, live_server):
	s = build_access_set()
	yield s
	cleanup(s)


def db_fresh():
	frappe.db.rollback()


def body(r) -> str:
	return r.content.decode("utf-8", "replace")


def search(http, base, method, **params):
	return http.get(f"{base}{M}frappe.desk.search.{method}", params=params, timeout=30)


# -- 1. link search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["search_link", "search_widget"])
def test_link_search_reveals_no_hidden_field_and_no_other_room(method, access, sessions, live_server):
	p1 = access.rec["p1"]
	fragment = ID_NUMBER[:8]
	tried = 0
	for persona in ("member", "unit", "secretary_b", "convener"):
		http = sessions[persona]
		for searchfield in ("id_number", "phone", "email", "full_name", "name", None):
			for ignore in (0, 1):
				for txt in (fragment, PHONE, f"甲居民{access.marker}", ""):
					params = {"doctype": PARTICIPANT, "txt": txt, "page_length": 100}
					params |= {"ignore_user_permissions": ignore, "reference_doctype": MEETING}
					if searchfield:
						params["searchfield"] = searchfield
					r = search(http, live_server, method, **params)
					assert r.status_code == 200, (persona, r.status_code, body(r)[:300])
					assert ID_NUMBER not in body(r) and PHONE not in body(r), (persona, params, body(r)[:300])
					if persona == "secretary_b":  # room B's secretary: nothing of room A
						assert p1 not in body(r), (persona, params, body(r)[:300])
					tried += 1
	# a client-chosen query does not replace the app's search
	r = search(
		sessions["secretary_b"],
		live_server,
		method,
		doctype=TOPIC,
		txt=access.marker,
		query="frappe.desk.search.search_widget",
		ignore_user_permissions=1,
	)
	assert access.rec["T_draft"] not in body(r), body(r)[:300]
	# the topic's proposer phone and a meeting's minutes are not search fields either
	for doctype, field, value in ((TOPIC, "proposer_phone", PROPOSER_PHONE), (MEETING, "minutes", "纪要")):
		r = search(sessions["convener"], live_server, method, doctype=doctype, txt=value, searchfield=field)
		assert r.status_code == 200 and PROPOSER_PHONE not in body(r), body(r)[:300]
	# control: room A's secretary finds p1 by name (and the search still shows no level-1 value)
	r = search(
		sessions["secretary_a"], live_server, method, doctype=PARTICIPANT, txt=f"甲居民{access.marker}"
	)
	assert p1 in body(r) and ID_NUMBER not in body(r), body(r)[:300]
	print(f"{method}: {tried} searches, no hidden value, nothing of another room")


def test_search_filters_on_hidden_fields_are_refused(access, sessions, live_server):
	r = search(
		sessions["member"],
		live_server,
		"search_link",
		doctype=PARTICIPANT,
		txt="",
		filters=json.dumps({"id_number": ["like", "1101%"]}),
	)
	assert r.status_code == 403 and "HiddenFieldQueryError" in body(r), body(r)[:300]


# -- 2. filters, sorting, grouping on hidden fields ----------------------------------------------------


def hidden_field_queries(http, base, doctype, name, field, value):
	"""Every listing path, each asked whether `field` of record `name` starts with a guess."""
	guess = [[doctype, field, "like", f"{value[:6]}%"], [doctype, "name", "=", name]]
	flt = json.dumps(guess)
	yield "resource list", http.get(f"{base}/api/resource/{doctype}", params={"filters": flt}, timeout=30)
	yield (
		"resource list order_by",
		http.get(f"{base}/api/resource/{doctype}", params={"order_by": f"{field} asc"}, timeout=30),
	)
	data = {"doctype": doctype, "filters": flt, "fields": json.dumps([f"`tab{doctype}`.`name`"])}
	yield "reportview.get", http.post(f"{base}{M}frappe.desk.reportview.get", data=data, timeout=30)
	yield (
		"reportview.get_count",
		http.post(f"{base}{M}frappe.desk.reportview.get_count", data=data, timeout=30),
	)
	yield (
		"export_query",
		http.post(
			f"{base}{M}frappe.desk.reportview.export_query",
			data={**data, "file_format_type": "CSV", "title": doctype},
			timeout=30,
		),
	)
	yield (
		"reportview.get group_by",
		http.post(
			f"{base}{M}frappe.desk.reportview.get",
			data={**data, "filters": "[]", "group_by": f"`tab{doctype}`.`{field}`"},
			timeout=30,
		),
	)
	yield (
		"client.get_list",
		http.post(f"{base}{M}frappe.client.get_list", data={"doctype": doctype, "filters": flt}, timeout=30),
	)
	yield (
		"client.get_count",
		http.post(f"{base}{M}frappe.client.get_count", data={"doctype": doctype, "filters": flt}, timeout=30),
	)
	yield (
		"client.get_value",
		http.post(
			f"{base}{M}frappe.client.get_value",
			data={"doctype": doctype, "fieldname": "name", "filters": flt},
			timeout=30,
		),
	)
	yield (
		"client.get filters",
		http.get(
			f"{base}{M}frappe.client.get",
			params={"doctype": doctype, "filters": json.dumps({field: value, "name": name})},
			timeout=30,
		),
	)
	yield (
		"group_by_count",
		http.post(
			f"{base}{M}frappe.desk.listview.get_group_by_count",
			data={"doctype": doctype, "current_filters": "[]", "field": field},
			timeout=30,
		),
	)


HIDDEN_CASES = [
	("member", PARTICIPANT, "p1", "id_number", ID_NUMBER),
	("unit", PARTICIPANT, "p1", "phone", PHONE),
	("member", TOPIC, "T_draft", "proposer_phone", PROPOSER_PHONE),
	("convener", TOPIC, "T_draft", "proposer_phone", PROPOSER_PHONE),
]


@pytest.mark.parametrize("persona,doctype,key,field,value", HIDDEN_CASES)
def test_no_filter_sort_or_group_on_a_field_the_user_cannot_read(
	persona, doctype, key, field, value, access, sessions, live_server
):
	name = access.rec[key]
	refused = []
	for how, r in hidden_field_queries(sessions[persona], live_server, doctype, name, field, value):
		assert r.status_code == 403 and "HiddenFieldQueryError" in body(r), (
			how,
			r.status_code,
			body(r)[:300],
		)
		assert value not in body(r), (how, body(r)[:300])
		refused.append(how)
	# control: room A's secretary reads the field, and the same count finds the record
	r = sessions["secretary_a"].post(
		f"{live_server}{M}frappe.client.get_count",
		data={"doctype": doctype, "filters": json.dumps({field: ["like", f"{value[:6]}%"], "name": name})},
		timeout=30,
	)
	assert r.status_code == 200 and r.json()["message"] == 1, body(r)[:300]
	print(f"{persona} on {doctype}.{field}: {len(refused)} paths refused")


# -- 3. field levels in the answers of writes and in the history -----------------------------------------


@pytest.fixture
def member_topic(personas, committed):
	"""A Draft topic the member may edit, with the proposer's phone and email (level 1, hidden from her)."""
	frappe.set_user("Administrator")
	tag = uuid.uuid4().hex[:6]
	phone, mail = f"139{uuid.uuid4().int % 10**8:08d}", f"proposer.{tag}@consult.test"
	topic = make_topic(f"委员可改的议题{tag}", proposer_phone=phone, proposer_email=mail)
	committed(topic)
	return topic, (phone, mail)


def test_the_answer_to_a_write_has_no_field_above_the_writers_level(member_topic, sessions, live_server):
	topic, secrets = member_topic
	http = sessions["member"]
	resource = f"{live_server}/api/resource/{TOPIC}/{topic.name}"
	r = http.put(resource, json={"place": "一号楼"}, timeout=30)
	answers = {"PUT": r}
	r = http.post(
		f"{live_server}{M}frappe.client.set_value",
		json={"doctype": TOPIC, "name": topic.name, "fieldname": "place", "value": "二号楼"},
		timeout=30,
	)
	answers["set_value"] = r
	doc = http.get(resource, timeout=30).json()["data"]
	r = http.post(f"{live_server}{M}frappe.client.save", json={"doc": {**doc, "place": "三号楼"}}, timeout=30)
	answers["save"] = r
	for how, r in answers.items():
		assert r.status_code == 200, (how, r.status_code, body(r)[:300])
		assert not [s for s in secrets if s in body(r)], (how, body(r)[:400])
	db_fresh()
	# the write itself went through, and the hidden values are kept
	assert frappe.db.get_value(TOPIC, topic.name, ["place", "proposer_phone", "proposer_email"]) == (
		"三号楼",
		*secrets,
	)
	# control: the secretary's answer carries them
	r = sessions["secretary_a"].put(resource, json={"place": "四号楼"}, timeout=30)
	assert r.status_code == 200 and all(s in body(r) for s in secrets), body(r)[:300]


@pytest.fixture
def changed_participant(personas, live_server, sessions, committed):
	"""A participant of room A whose phone, ID number and email the secretary changed over REST (so the
	server wrote Versions with the old and new values), and a communication that names the email."""
	frappe.set_user("Administrator")
	tag = uuid.uuid4().hex[:6]
	old = {"phone": "13855550001", "id_number": "11010119800101001X", "email": f"old.{tag}@consult.test"}
	new = {"phone": "13855550002", "id_number": "11010119800101002X", "email": f"new.{tag}@consult.test"}
	p = make_participant(f"改过电话的居民{tag}", room=ROOM_A, **old)
	committed(p)
	r = sessions["secretary_a"].put(
		f"{live_server}/api/resource/{PARTICIPANT}/{p.name}", json=new, timeout=30
	)
	assert r.status_code == 200, body(r)[:300]
	comm = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Sent",
			"subject": "协商会议通知",
			"content": f"已发送至 {new['email']}，电话 {new['phone']}",
			"recipients": new["email"],
			"reference_doctype": PARTICIPANT,
			"reference_name": p.name,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	yield p, set(old.values()) | set(new.values())
	frappe.delete_doc("Communication", comm.name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_the_history_shows_no_past_value_of_a_hidden_field(changed_participant, sessions, live_server):
	p, secrets = changed_participant
	params = {"doctype": PARTICIPANT, "name": p.name}
	for persona in ("member", "unit"):
		for how in ("getdoc", "get_docinfo"):
			r = sessions[persona].get(
				f"{live_server}{M}frappe.desk.form.load.{how}", params=params, timeout=30
			)
			assert r.status_code == 200, (persona, how, r.status_code, body(r)[:300])
			assert r.json()["docinfo"]["versions"], "the history is shown, without the hidden values"
			leaked = [s for s in secrets if s in body(r)]
			assert not leaked, (persona, how, leaked)
	# control: the secretary, who reads level 1, sees the change in the history
	r = sessions["secretary_a"].get(
		f"{live_server}{M}frappe.desk.form.load.getdoc", params=params, timeout=30
	)
	assert all(s in body(r) for s in secrets), body(r)[:300]


# -- 4. document methods on the stored record; bulk update and bulk workflow actions ---------------------


def run_doc_method(http, base, doc, method, args=None):
	data = {"method": method, "docs": json.dumps(doc)}
	if args is not None:
		data["args"] = json.dumps(args)
	return http.post(f"{base}{M}run_doc_method", data=data, timeout=60)


def test_a_document_method_acts_on_the_stored_record(access, sessions, live_server):
	db_fresh()
	meeting = frappe.get_doc(MEETING, access.rec["M2"]).as_dict(convert_dates_to_str=True)
	sent_before = frappe.db.get_value(MEETING, meeting.name, ["notice_sent_on", "modified"])
	# room B's secretary sends room A's meeting as if it were in her room
	forged = {**meeting, "room": ROOM_B}
	r = run_doc_method(sessions["secretary_b"], live_server, forged, "send_notice")
	assert r.status_code in DENIED, body(r)[:300]
	# a copy that was never saved
	r = run_doc_method(
		sessions["secretary_b"], live_server, {**forged, "name": "new-meeting-1"}, "send_notice"
	)
	assert r.status_code in DENIED and "UnsavedDocumentMethodError" in body(r), body(r)[:300]
	db_fresh()
	assert frappe.db.get_value(MEETING, meeting.name, ["notice_sent_on", "modified"]) == sent_before


def test_a_saving_method_saves_the_stored_record_not_the_client_copy(access, sessions, live_server):
	"""join_team saves the research: it saves the research as stored, not the findings the client sent."""
	research = access.rec["R1"]
	member = access.rec["member_participant"]
	db_fresh()
	rows = frappe.get_all(
		"Consultation Research Member", filters={"parent": research, "participant": member}, fields=["*"]
	)
	frappe.db.delete("Consultation Research Member", {"parent": research, "participant": member})
	frappe.db.commit()
	try:
		http = sessions["member"]
		doc = http.get(f"{live_server}/api/resource/{RESEARCH}/{research}", timeout=30).json()["data"]
		facts = doc["facts"]
		r = run_doc_method(http, live_server, {**doc, "facts": "篡改的调研事实"}, "join_team")
		assert r.status_code in (200, *DENIED), body(r)[:300]
		db_fresh()
		assert frappe.db.get_value(RESEARCH, research, "facts") == facts
		if r.status_code == 200:  # the member joined the team of the stored record
			assert frappe.db.exists(
				"Consultation Research Member", {"parent": research, "participant": member}
			)
	finally:
		db_fresh()
		if not frappe.db.exists("Consultation Research Member", {"parent": research, "participant": member}):
			for row in rows:
				frappe.get_doc({**row, "doctype": "Consultation Research Member"}).db_insert()
		frappe.db.commit()


def test_bulk_update_and_bulk_workflow_actions_obey_the_same_rules(access, sessions, live_server):
	http = sessions["secretary_a"]
	other = [n for dt, n, _t in access.other[ROOM_B] if dt == TOPIC]
	db_fresh()
	before = {
		n: frappe.db.get_value(TOPIC, n, ["room", "place", "workflow_state", "modified"]) for n in other
	}
	for data in ({"place": "越权批量修改"}, {"room": ROOM_A}):
		r = http.post(
			f"{live_server}{M}frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
			data={
				"doctype": TOPIC,
				"docnames": json.dumps(other),
				"action": "update",
				"data": json.dumps(data),
			},
			timeout=60,
		)
		assert r.status_code in (200, *DENIED), body(r)[:300]
		if r.status_code == 200:
			assert sorted(r.json()["message"]) == sorted(other), body(r)[:300]  # every one failed
	r = http.post(
		f"{live_server}{M}frappe.model.workflow.bulk_workflow_approval",
		data={"doctype": TOPIC, "docnames": json.dumps(other), "action": "Submit for Screening"},
		timeout=60,
	)
	assert r.status_code in (200, *DENIED), body(r)[:300]
	db_fresh()
	after = {n: frappe.db.get_value(TOPIC, n, ["room", "place", "workflow_state", "modified"]) for n in other}
	assert after == before
	# control: the same bulk update of her own room's draft topic goes through
	own = access.rec["T_draft"]
	place = frappe.db.get_value(TOPIC, own, "place")
	r = http.post(
		f"{live_server}{M}frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
		data={
			"doctype": TOPIC,
			"docnames": json.dumps([own]),
			"action": "update",
			"data": '{"place": "批量"}',
		},
		timeout=60,
	)
	assert r.status_code == 200 and r.json()["message"] == [], body(r)[:300]
	db_fresh()
	assert frappe.db.get_value(TOPIC, own, "place") == "批量"
	frappe.db.set_value(TOPIC, own, "place", place, update_modified=False)
	frappe.db.commit()
