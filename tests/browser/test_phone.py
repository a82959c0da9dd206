"""On a phone (Playwright's iPhone-size device at 390x844, Chromium): residents use the public pages — the web
form 我要出题, the topic notices and the echo wall — where the work plans put them (Experience Reports: QR
codes on mobile notice boards; Yancheng Norms art. 14: topics posted before they are consulted; the echo wall
of the Experience Reports: what came of them), and a room secretary and a handling unit do their day's work in the Desk. Screenshots in
.test-results/screenshots/ (phone-*)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest
from desk import close_row_form, grid_row_form, open_form, open_tab, pick_link, save
from harness import login, screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
import factory

from consult_app.process.states import Outcome

PHONE_WIDTH = 390
# what residents tap: Apple and Android ask for targets of about 44 / 48 px; the web form gives its controls 44 px
MIN_TAP_HEIGHT = 44

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
SCROLL_WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.fixture(scope="module")
def personas(frappe_site):
	return factory.ensure_personas()


def fresh_db():
	"""The test's own connection sees what the live server committed."""
	import frappe

	frappe.db.rollback()


def assert_no_horizontal_scroll(page, what: str):
	assert page.evaluate(NO_HORIZONTAL_SCROLL), f"{what} scrolls sideways: {page.evaluate(SCROLL_WIDTHS)}"


def assert_tappable(locator, what: str, min_height: int = MIN_TAP_HEIGHT):
	locator.scroll_into_view_if_needed()
	box = locator.bounding_box()
	assert box, f"{what} is not rendered"
	assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, f"{what} leaves the screen: {box}"
	assert box["height"] >= min_height, f"{what} is {box['height']} px tall, less than {min_height}"


# ------------------------------------------------------------------------------------- public pages


def test_a_guest_proposes_a_topic_from_the_phone(phone_page, personas):
	import frappe

	page = phone_page
	page.goto("/propose-topic/new")
	page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
	page.locator('[data-fieldname="title"] input').wait_for()
	assert_no_horizontal_scroll(page, "the web form")
	for field, selector in (("title", "input"), ("description", "textarea"), ("proposer_name", "input")):
		assert_tappable(page.locator(f'[data-fieldname="{field}"] {selector}'), f"the field {field}")
	screenshot(page, "phone-propose-topic")

	title = f"手机上提出的议题{uuid.uuid4().hex[:6]}"
	try:
		page.locator('[data-fieldname="title"] input').fill(title)
		page.locator('[data-fieldname="description"] textarea').fill("小区门口的路灯坏了，晚上出行不安全。")
		pick_link(page, "room", factory.ROOM_A)
		page.locator('[data-fieldname="proposer_name"] input').fill("手机居民")
		submit = page.locator(".web-form .submit-btn").first
		assert_tappable(submit, "the submit button")
		assert_no_horizontal_scroll(page, "the filled web form")
		submit.tap()
		page.locator(".success-page, .success-message").first.wait_for()
		assert_no_horizontal_scroll(page, "the web form's thank-you page")
		screenshot(page, "phone-propose-topic-submitted")

		fresh_db()
		stored = frappe.db.get_value(
			"Consultation Topic", {"title": title}, ["description", "proposer_name", "room"], as_dict=True
		)
		assert stored, "the topic the guest submitted is not stored"
		assert stored.proposer_name == "手机居民"
		assert stored.room == factory.ROOM_A
		assert "路灯" in stored.description
	finally:
		fresh_db()
		for name in frappe.get_all("Consultation Topic", filters={"title": title}, pluck="name"):
			frappe.delete_doc("Consultation Topic", name, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_a_guest_reads_the_topic_notices_on_the_phone(phone_page, made):
	# a long title: the notice must wrap it, not widen the page
	title = f"关于小区公共区域停车位划定和非机动车充电设施建设的协商议题{uuid.uuid4().hex[:6]}"
	factory.publicized_topic(title)
	made()

	page = phone_page
	page.goto("/topic-notices")
	notice = page.locator(".notice", has_text=title)
	notice.wait_for()
	assert_no_horizontal_scroll(page, "the topic notices")
	box = notice.bounding_box()
	assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, f"the notice leaves the screen: {box}"
	screenshot(page, "phone-topic-notices")


def test_a_guest_reads_the_echo_wall_on_the_phone(phone_page, made):
	from outcome_factory import feedback_given_outcome

	title = f"背街小巷停车难与老旧小区停车设施改造{uuid.uuid4().hex[:6]}"
	topic, _meeting, _outcome = feedback_given_outcome(title)
	factory.edit(topic, factory.email("secretary_a"), publish_on_echo_wall=1)
	made()

	page = phone_page
	page.goto("/echo-wall")
	item = page.locator(".echo-item", has_text=title)
	item.wait_for()
	assert_no_horizontal_scroll(page, "the echo wall")
	link = item.locator("h2 a")
	assert_tappable(link, "the topic's link", min_height=16)
	screenshot(page, "phone-echo-wall")

	link.tap()
	page.wait_for_url("**/echo-wall?topic=*")
	page.locator(".echo-item .echo-feedback").first.wait_for()
	assert_no_horizontal_scroll(page, "a topic on the echo wall")
	screenshot(page, "phone-echo-wall-topic")


# ------------------------------------------------------------------------------------------- desk


def test_the_secretary_works_her_meeting_on_the_phone(phone_page, made):
	import frappe
	from meeting_factory import researched_topic, schedule_meeting

	title = f"楼道照明改造{uuid.uuid4().hex[:6]}"
	topic, _research = researched_topic(title)
	meeting = schedule_meeting([topic])
	speaker = meeting.participants[0]
	made()

	page = phone_page
	login(page, factory.email("secretary_a"), factory.PASSWORD)

	# her room's topics
	page.goto(f"/app/consultation-topic?room={factory.ROOM_A}")
	link = page.locator(f'.list-row a[data-name="{topic.name}"]').first
	link.wait_for()
	assert_no_horizontal_scroll(page, "the topic list")
	screenshot(page, "phone-desk-topic-list")
	link.tap()
	page.wait_for_function(
		"(name) => window.cur_frm && cur_frm.docname === name && cur_frm.fields_dict", arg=topic.name
	)
	page.locator(".page-head .title-text", has_text=title).first.wait_for()
	screenshot(page, "phone-desk-topic")

	# attendance and an opinion on the Draft meeting, through the form's controls
	open_form(page, "Consultation Meeting", meeting.name)
	for row in meeting.participants:
		form = grid_row_form(page, "participants", row.idx)
		form.locator('[data-fieldname="attendance"] select').select_option(
			"Absent" if row.idx == 2 else "Present"
		)
		close_row_form(page)
	open_tab(page, "proceedings_tab")
	page.locator('.frappe-control[data-fieldname="opinions"] .grid-add-row').first.click()
	form = grid_row_form(page, "opinions", 1)
	pick_link(form, "topic", title)
	pick_link(form, "speaker", speaker.participant_name)
	form.locator('[data-fieldname="stance"] select').select_option("Supplement")
	form.locator('[data-fieldname="opinion"] textarea').fill("建议先修复三楼以上的楼道灯，并加装声控开关。")
	screenshot(page, "phone-desk-meeting-opinion")
	close_row_form(page)
	save(page)
	screenshot(page, "phone-desk-meeting-saved")

	fresh_db()
	attendance = {
		r.idx: r.attendance
		for r in frappe.get_all(
			"Consultation Meeting Participant",
			filters={"parent": meeting.name, "parenttype": "Consultation Meeting"},
			fields=["idx", "attendance"],
		)
	}
	assert attendance == {r.idx: ("Absent" if r.idx == 2 else "Present") for r in meeting.participants}
	opinions = frappe.get_all(
		"Consultation Opinion",
		filters={"parent": meeting.name, "parenttype": "Consultation Meeting"},
		fields=["topic", "speaker", "stance", "opinion"],
	)
	assert [(o.topic, o.speaker, o.stance) for o in opinions] == [
		(topic.name, speaker.participant, "Supplement")
	]
	assert "声控开关" in opinions[0].opinion


def test_the_handling_unit_reports_progress_on_the_phone(phone_page, made):
	import frappe
	from outcome_factory import adopted_outcome

	_topic, _meeting, outcome = adopted_outcome(f"小区停车位划线{uuid.uuid4().hex[:6]}")
	factory.act(outcome, Outcome.START_IMPLEMENTATION, factory.email("unit"))
	assert factory.fresh(outcome).workflow_state == Outcome.IMPLEMENTING
	made()

	page = phone_page
	login(page, factory.email("unit"), factory.PASSWORD)
	open_form(page, "Consultation Outcome", outcome.name)
	open_tab(page, "implementation_tab")
	page.locator('.frappe-control[data-fieldname="progress"] .grid-add-row').first.click()
	form = grid_row_form(page, "progress", 1)
	day = page.evaluate("() => frappe.datetime.str_to_user(frappe.datetime.get_today())")
	date = form.locator('[data-fieldname="progress_date"] input').first
	date.fill(day)  # (Escape would close the row form, not only the date picker)
	form.locator('[data-fieldname="percent"] input').first.fill("60")
	form.locator('[data-fieldname="note"] textarea').first.fill("已完成东侧空地平整，正在划线。")
	screenshot(page, "phone-desk-outcome-progress")
	close_row_form(page)
	assert_no_horizontal_scroll(page, "the outcome form")
	save(page)

	fresh_db()
	rows = frappe.get_all(
		"Consultation Outcome Progress",
		filters={"parent": outcome.name, "parenttype": "Consultation Outcome"},
		fields=["progress_date", "percent", "note"],
	)
	assert [(str(r.progress_date), r.percent, r.note) for r in rows] == [
		(frappe.utils.today(), 60, "已完成东侧空地平整，正在划线。")
	]
