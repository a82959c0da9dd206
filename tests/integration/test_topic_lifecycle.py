"""The topic's path from collection to publicity, by persona, with every refusal on the server."""

import json
import subprocess
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
	edit,
	email,
	fresh,
	make_topic,
	publicized_topic,
)
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError

from consult_app.exceptions import (
	ExcludedTopicError,
	ExclusionCheckIncompleteError,
	RejectionReasonMissingError,
	ShortlistLimitError,
	TemporaryTopicNotApprovedError,
)

WEB_FORM = "propose-topic"


def submit_web_form(base_url, data, session=None):
	return (session or requests).post(
		f"{base_url}/api/method/frappe.website.doctype.web_form.web_form.accept",
		data={"web_form": WEB_FORM, "data": json.dumps(data)},
		headers={"Accept": "application/json", "Accept-Language": "zh"},
		timeout=30,
	)


def login_session(base_url, user, password):
	s = requests.Session()
	r = s.post(f"{base_url}/api/method/login", data={"usr": user, "pwd": password}, timeout=30)
	assert r.status_code == 200, r.text
	return s


def resident_submission(marker):
	return {
		"title": f"小区路灯不亮 {marker}",
		"description": "三号楼前路灯坏了一个月，晚上出行不便。",
		"room": ROOM_A,
		"place": "幸福里小区三号楼",
		"proposer_name": f"居民{marker}",
		"proposer_phone": "13800000000",
	}


def delete_web_form_topics(marker):
	frappe.db.rollback()
	for name in frappe.get_all("Consultation Topic", {"proposer_name": f"居民{marker}"}, pluck="name"):
		frappe.delete_doc("Consultation Topic", name, force=True, ignore_permissions=True)
	frappe.db.commit()


# -- the whole path ------------------------------------------------------------------------------


def test_resident_topic_from_web_form_to_publicized(personas, live_server):
	marker = uuid.uuid4().hex[:8]
	try:
		r = submit_web_form(live_server, resident_submission(marker))
		assert r.status_code == 200, r.text
		name = r.json()["message"]["name"]
		frappe.db.rollback()  # see the server's commit
		topic = frappe.get_doc("Consultation Topic", name)
		assert topic.workflow_state == "Draft"
		assert topic.source == "Residents"
		assert topic.owner == "Guest"

		approve_plan_with(topic)
		act(topic, "Submit for Screening", email("secretary_a"))
		act(topic, "Shortlist", email("member"))
		edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
		act(topic, "Approve Topic", email("reviewer"))
		topic = fresh(topic)
		assert topic.workflow_state == "Party Approved"
		assert topic.approved_by == email("reviewer")
		assert not topic.is_temporary
		# ROOM_A is a town/street room: approval records its filing with the county CPPCC (Yancheng Norms art. 14)
		assert topic.filing_date and topic.filing_number.startswith("BA-")

		act(topic, "Publicize", email("secretary_a"))
		topic = fresh(topic)
		assert topic.workflow_state == "Publicized"
		assert topic.publicity_start
		assert str(topic.earliest_meeting_date) == str(frappe.utils.add_days(topic.publicity_start, 7))
	finally:
		delete_web_form_topics(marker)


def test_a_member_proposes_and_submits_a_topic(personas):
	topic = make_topic("便民服务点设置", as_user=email("member"), source="Members")
	act(topic, "Submit for Screening", email("member"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Submitted"


@pytest.mark.parametrize(
	"state_actions,action,persona",
	[
		(["Submit for Screening"], "Shortlist", "reviewer"),
		(["Submit for Screening"], "Shortlist", "unit"),
		(["Submit for Screening", "Shortlist"], "Approve Topic", "secretary_a"),
		(["Submit for Screening", "Shortlist"], "Approve Topic", "member"),
		(["Submit for Screening", "Shortlist"], "Approve Topic", "manager"),
		(["Submit for Screening", "Shortlist"], "Approve Topic", "convener"),
	],
)
def test_other_roles_cannot_move_the_topic(personas, state_actions, action, persona):
	topic = make_topic("垃圾分类投放点调整")
	doers = {"Submit for Screening": "secretary_a", "Shortlist": "member"}
	for a in state_actions:
		act(topic, a, email(doers[a]))
	if action == "Approve Topic":
		edit(topic, "Administrator", **EXCLUSION_ALL_NO)
	with pytest.raises((WorkflowTransitionError, frappe.PermissionError)):
		act(topic, action, email(persona))


def test_forged_workflow_state_over_rest_is_refused(personas, live_server, committed):
	"""A secretary cannot skip the party approval by writing the state field over the REST API."""
	topic = committed(make_topic("社区食堂开设"))
	s = login_session(live_server, email("secretary_a"), personas_password())
	r = s.put(
		f"{live_server}/api/resource/Consultation Topic/{topic.name}",
		json={"workflow_state": "Party Approved"},
		timeout=30,
	)
	assert r.status_code >= 400
	frappe.db.rollback()
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Draft"

	r = s.post(
		f"{live_server}/api/method/frappe.model.workflow.apply_workflow",
		data={
			"doc": json.dumps(frappe.get_doc("Consultation Topic", topic.name).as_dict(), default=str),
			"action": "Submit for Screening",
		},
		timeout=30,
	)
	assert r.status_code == 200, r.text
	r = s.post(
		f"{live_server}/api/method/frappe.model.workflow.apply_workflow",
		data={
			"doc": json.dumps(frappe.get_doc("Consultation Topic", topic.name).as_dict(), default=str),
			"action": "Approve Topic",
		},
		timeout=30,
	)
	assert r.status_code >= 400
	frappe.db.rollback()
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Submitted"


def personas_password():
	from factory import PASSWORD

	return PASSWORD


# -- failure paths ---------------------------------------------------------------------------------


def test_shortlist_over_the_quarterly_count_is_refused(personas, set_settings):
	set_settings(shortlist_count=2)
	topics = [make_topic(f"议题{i}", quarter="Q1", year=2031) for i in range(3)]
	for t in topics:
		act(t, "Submit for Screening", email("secretary_a"))
	act(topics[0], "Shortlist", email("member"))
	act(topics[1], "Shortlist", email("member"))
	with pytest.raises(ShortlistLimitError) as e:
		act(topics[2], "Shortlist", email("member"))
	assert "2" in str(e.value)
	assert frappe.db.get_value("Consultation Topic", topics[2].name, "workflow_state") == "Submitted"


def test_party_fixes_at_most_the_final_count(personas, set_settings):
	set_settings(final_count=1)
	first = make_topic("议题甲", quarter="Q2", year=2031)
	second = make_topic("议题乙", quarter="Q2", year=2031)
	for t in (first, second):
		act(t, "Submit for Screening", email("secretary_a"))
		act(t, "Shortlist", email("member"))
		edit(t, email("reviewer"), **EXCLUSION_ALL_NO)
	act(first, "Approve Topic", email("reviewer"))
	with pytest.raises(ShortlistLimitError):
		act(second, "Approve Topic", email("reviewer"))


def shortlisted(title="议题审查", **answers):
	topic = make_topic(title)
	act(topic, "Submit for Screening", email("secretary_a"))
	act(topic, "Shortlist", email("member"))
	return edit(topic, email("reviewer"), **answers)


def test_approval_with_an_unanswered_exclusion_item_is_refused(personas):
	answers = dict(EXCLUSION_ALL_NO)
	answers.pop("ex_individual_dispute")
	topic = shortlisted(**answers)
	with pytest.raises(ExclusionCheckIncompleteError) as e:
		act(topic, "Approve Topic", email("reviewer"))
	assert "Individual dispute" in str(e.value) or "个体矛盾纠纷" in str(e.value)
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Shortlisted"


def test_excluded_topic_cannot_be_approved_only_rejected_naming_the_item(personas):
	topic = shortlisted(**{**EXCLUSION_ALL_NO, "ex_individual_dispute": "Yes"})
	with pytest.raises(ExcludedTopicError):
		act(topic, "Approve Topic", email("reviewer"))
	topic = fresh(topic)
	assert "个体矛盾纠纷" in topic.exclusion_hits or "Individual dispute" in topic.exclusion_hits
	with pytest.raises(RejectionReasonMissingError) as e:
		act(topic, "Reject Topic", email("reviewer"))
	assert "个体矛盾纠纷" in str(e.value) or "Individual dispute" in str(e.value)
	edit(topic, email("reviewer"), rejection_reason="属于个人纠纷，建议通过人民调解解决。")
	act(topic, "Reject Topic", email("reviewer"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Not Accepted"


def test_self_approval_is_refused(personas):
	topic = make_topic("议题自审", as_user=email("deputy"), source="Members")
	act(topic, "Submit for Screening", email("deputy"))
	act(topic, "Shortlist", email("member"))
	edit(topic, email("deputy"), **EXCLUSION_ALL_NO)
	with pytest.raises(frappe.ValidationError, match=r"Self approval|自我批准"):
		act(topic, "Approve Topic", email("deputy"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Shortlisted"
	act(topic, "Approve Topic", email("reviewer"))  # another reviewer may
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Party Approved"


def test_temporary_topic_needs_its_own_approval_before_publicity(personas):
	topic = shortlisted("临时议题：暴雨后积水", **EXCLUSION_ALL_NO)  # no approved plan lists it
	act(topic, "Approve Topic", email("reviewer"))
	topic = fresh(topic)
	assert topic.is_temporary
	with pytest.raises(TemporaryTopicNotApprovedError):
		act(topic, "Publicize", email("secretary_a"))
	edit(
		topic,
		email("manager"),
		temporary_plan="协商议事方案：现场查看积水点位。",
		chair_meeting_on=frappe.utils.today(),
	)
	act(topic, "Review Temporary Plan", email("manager"))
	act(topic, "Approve Temporary Topic", email("reviewer"))
	act(topic, "Publicize", email("secretary_a"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Publicized"


def test_rejection_without_reason_is_refused(personas):
	topic = make_topic("无理由驳回")
	act(topic, "Submit for Screening", email("secretary_a"))
	with pytest.raises(RejectionReasonMissingError):
		act(topic, "Reject Topic", email("reviewer"))
	assert frappe.db.get_value("Consultation Topic", topic.name, "workflow_state") == "Submitted"


def test_village_room_topic_is_not_filed(personas):
	frappe.set_user(email("secretary_b"))
	topic = make_topic("村道硬化", room=ROOM_B, as_user=email("secretary_b"))
	act(topic, "Submit for Screening", email("secretary_b"))
	act(topic, "Shortlist", email("member"))
	edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
	act(topic, "Approve Topic", email("reviewer"))
	topic = fresh(topic)
	assert not topic.filing_number


# -- the web form as Guest --------------------------------------------------------------------------


def test_web_form_rate_limit_refuses_the_eleventh_submission(personas, live_server):
	marker = uuid.uuid4().hex[:8]
	statuses = []
	try:
		session = requests.Session()
		for _ in range(11):
			statuses.append(submit_web_form(live_server, resident_submission(marker), session).status_code)
	finally:
		delete_web_form_topics(marker)
	# Earlier tests of this run may already have used some of this minute's budget of 10.
	assert statuses[-1] == 429, statuses
	assert 200 in statuses or statuses.count(429) == 11


def test_web_form_refuses_spam_and_oversized_input_without_server_error(personas, live_server):
	marker = uuid.uuid4().hex[:8]
	try:
		honeypot = dict(resident_submission(marker), hp_website="http://spam.example")
		huge = dict(resident_submission(marker), description="长" * 5000)
		long_title = dict(resident_submission(marker), title="标" * 500)
		for data in (honeypot, huge, long_title):
			r = submit_web_form(live_server, data)
			assert r.status_code in (417, 429), r.text  # refused (or rate-limited), never a 500
		frappe.db.rollback()
		assert not frappe.get_all("Consultation Topic", {"proposer_name": f"居民{marker}"})
	finally:
		delete_web_form_topics(marker)


def test_guest_reads_no_topic_and_no_private_names(personas, live_server, committed):
	topic = committed(make_topic("私密议题内容"))
	frappe.set_user("Administrator")
	for path in (
		f"/api/resource/Consultation Topic/{topic.name}",
		"/api/resource/Consultation Topic",
		"/api/resource/Consultation Participant",
		f"/api/method/frappe.client.get?doctype=Consultation Topic&name={topic.name}",
		"/api/method/frappe.client.get_list?doctype=Consultation Participant",
		"/api/method/frappe.website.doctype.web_form.web_form.get_link_options"
		"?web_form_name=propose-topic&doctype=Consultation Participant",
	):
		r = requests.get(live_server + path, timeout=30)
		assert r.status_code in (401, 403, 404, 417), (path, r.status_code)
		assert "私密议题内容" not in r.text and "吴委员" not in r.text, path
	web_form_json = frappe.get_doc("Web Form", WEB_FORM)
	private = {"Consultation Participant", "Consultation Topic", "User", "Consultation Handling Unit"}
	assert not [f for f in web_form_json.web_form_fields if f.fieldtype == "Link" and f.options in private]
	page = requests.get(f"{live_server}/{WEB_FORM}?name={topic.name}", timeout=30)
	assert "私密议题内容" not in page.text


# -- the workflow belongs to the site ---------------------------------------------------------------


def draft_messages(name):
	return frappe.get_all("Workflow Document State", {"parent": name, "state": "Draft"}, pluck="message")


def test_site_edited_workflow_survives_migrate_and_reset_restores_it(personas, frappe_site):
	import harness

	wf = frappe.get_doc("Workflow", "Consultation Topic Workflow")
	wf.states[0].message = "本站自定义：请先电话核实"
	wf.save()
	frappe.db.commit()
	try:
		harness.frappe_cli("migrate", timeout=900)
		frappe.db.rollback()
		assert "本站自定义：请先电话核实" in draft_messages(wf.name)
	finally:
		harness.frappe_cli("consult-reset-workflow", "Consultation Topic Workflow", timeout=600)
		frappe.db.rollback()
	assert not any(draft_messages(wf.name))
	assert frappe.db.exists("Workflow", "Consultation Topic Workflow")


def test_an_unedited_standard_workflow_is_upgraded_on_migrate(personas, frappe_site):
	"""A site still running the workflow the app installed gets the newer shipped one on migrate."""
	import harness

	from consult_app.process import workflows

	name = "Consultation Topic Workflow"
	wf = frappe.get_doc("Workflow", name)
	wf.states[0].message = "旧版本的标准流程"  # as if an older release had shipped this ...
	wf.save()
	frappe.db.set_default(workflows.FINGERPRINT_KEY.format(name), workflows.fingerprint(wf.as_dict()))
	frappe.db.commit()  # ... and installed it, unedited since
	try:
		harness.frappe_cli("migrate", timeout=900)
		frappe.db.rollback()
		assert not any(draft_messages(name))  # upgraded to what the app ships now
		shipped = workflows.standard_workflows()[name]
		assert workflows.fingerprint(frappe.get_doc("Workflow", name).as_dict()) == workflows.fingerprint(
			shipped
		)
	finally:
		harness.frappe_cli("consult-reset-workflow", name, timeout=600)
		frappe.db.rollback()


# -- print formats ------------------------------------------------------------------------------------


def pdf_text(doctype, name, print_format):
	frappe.local.lang = "zh"
	pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	result = subprocess.run(
		["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
	)
	return result.stdout.decode("utf-8")


@pytest.mark.parametrize("print_format", ["Topic Approval Form", "Topic Public Notice"])
def test_topic_print_formats_render_chinese_pdfs(personas, print_format):
	topic = publicized_topic("老旧小区加装电梯协商")
	frappe.set_user("Administrator")
	text = pdf_text("Consultation Topic", topic.name, print_format).replace(" ", "")
	assert "老旧小区加装电梯协商" in text
	if print_format == "Topic Approval Form":
		assert "党的政策、国家相关法律法规的事项" in text
		assert "已经达成一致共识的事项" in text
		assert "议题审定表" in text
	else:
		assert "协商议题公示" in text


# -- email where the platform does it; reminders; the public notice ---------------------------------


def queued(recipient, since_names=()):
	parents = frappe.get_all(
		"Email Queue Recipient", filters={"recipient": recipient}, pluck="parent", order_by="creation desc"
	)
	existing = set(frappe.get_all("Email Queue", filters={"name": ("in", parents or [""])}, pluck="name"))
	return [frappe.get_doc("Email Queue", p) for p in parents if p in existing and p not in since_names]


def mail_text(queue_doc) -> str:
	"""The decoded text of a queued email (its MIME parts)."""
	import email as email_lib

	message = email_lib.message_from_string(queue_doc.message)
	parts = []
	for part in message.walk():
		if part.get_content_maintype() == "text":
			parts.append(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))
	return "\n".join(parts)


def test_reviewer_gets_a_workflow_action_email_when_a_topic_awaits_approval(personas):
	topic = make_topic("夜市噪音治理")
	before = {q.name for q in queued(email("reviewer"))}
	act(topic, "Submit for Screening", email("secretary_a"))
	act(topic, "Shortlist", email("member"))
	mails = [q for q in queued(email("reviewer")) if q.name not in before]
	assert mails and mails[0].reference_name == topic.name


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_proposer_is_told_of_approval_or_rejection(personas, decision):
	topic = shortlisted("公园健身器材更新", **EXCLUSION_ALL_NO)
	edit(topic, email("secretary_a"), proposer_email="resident@example.org")
	if decision == "approve":
		approve_plan_with(fresh(topic))
		act(topic, "Approve Topic", email("reviewer"))
	else:
		edit(topic, email("reviewer"), rejection_reason="已纳入区级年度计划统一实施。")
		act(topic, "Reject Topic", email("reviewer"))
	mails = queued("resident@example.org")
	assert mails, "no email to the proposer"
	body = mail_text(mails[0])
	assert "公园健身器材更新" in body
	if decision == "reject":
		assert "已纳入区级年度计划统一实施" in body


def test_secretaries_are_reminded_before_the_quarterly_deadline(personas, set_settings):
	from consult_app import tasks

	set_settings(collection_deadline_day=15, reminder_days=3)
	before = {q.name for q in queued(email("secretary_a"))}
	from freezegun import freeze_time

	with freeze_time("2031-04-12"):
		tasks.remind_collection_deadline()
	mails = [q for q in queued(email("secretary_a")) if q.name not in before]
	assert len(mails) == 1 and "2031-04-15" in mail_text(mails[0])
	with freeze_time("2031-04-13"):
		tasks.remind_collection_deadline()
	assert len([q for q in queued(email("secretary_a")) if q.name not in before]) == 1


def test_publicized_topic_appears_on_the_public_notice_without_personal_data(
	personas, live_server, committed
):
	topic = publicized_topic("社区菜市场改造")
	frappe.db.commit()
	try:
		page = requests.get(f"{live_server}/topic-notices", timeout=30)
		assert page.status_code == 200
		assert "社区菜市场改造" in page.text, page.text[page.text.find("notice-list") :][:1500]
		assert "张居民" not in page.text  # the proposer's name is not public
	finally:
		frappe.db.rollback()
		plan = frappe.db.get_value("Consultation Plan", {"room": topic.room, "year": topic.year})
		frappe.delete_doc("Consultation Topic", topic.name, force=True, ignore_permissions=True)
		if plan:
			frappe.delete_doc("Consultation Plan", plan, force=True, ignore_permissions=True)
		frappe.db.commit()
