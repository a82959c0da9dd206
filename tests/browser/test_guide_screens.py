"""The screens of the IT staff's guide (docs/customising.md), opened in Chinese by a System Manager, with a
screenshot of each (.test-results/screenshots/guide-*.png; the guide's pictures in docs/img/ come from them)."""

from __future__ import annotations

import re

import pytest
from harness import login, screenshot

IT = "it.guide@consult.test"
PASSWORD = "Guide-Consult-2026!"


@pytest.fixture(scope="module")
def it_staff(frappe_site):
	import frappe

	if not frappe.db.exists("User", IT):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": IT,
				"first_name": "信息科",
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
			}
		).insert(ignore_permissions=True)
		user.add_roles("System Manager")
	frappe.db.commit()
	return IT


VISIBLE_TITLE = """() => [...document.querySelectorAll('.page-head .title-text')]
	.some(e => e.offsetParent !== null && e.textContent.trim())"""


def open_form(page, route: list[str]):
	page.evaluate("(route) => frappe.set_route(route)", route)
	page.wait_for_function(
		"(route) => frappe.get_route().slice(0, route.length).join('/') === route.join('/')", arg=route[:2]
	)
	page.wait_for_function(VISIBLE_TITLE)
	page.wait_for_timeout(1500)  # let the form settle (fields, timeline) before the picture


def test_the_guides_screens_open_in_chinese(page, it_staff):
	page.set_viewport_size({"width": 1366, "height": 900})
	login(page, IT, PASSWORD)
	han = re.compile(r"[\u4e00-\u9fff]")

	# 1-2. Customize Form of the topic: fields and layout
	open_form(page, ["Form", "Customize Form"])
	page.evaluate("() => cur_frm.set_value('doc_type', 'Consultation Topic')")
	page.wait_for_function(
		"() => cur_frm.doc.doc_type === 'Consultation Topic' && (cur_frm.doc.fields || []).length"
	)
	page.wait_for_timeout(1500)
	titles = page.locator(".page-head .title-text").all_inner_texts()
	assert any(han.search(t) for t in titles), titles
	screenshot(page, "guide-1-customize-form")

	# 3. a print format and the print format's HTML
	open_form(page, ["Form", "Print Format", "Topic Public Notice"])
	screenshot(page, "guide-3-print-format")

	# 4. the topic workflow
	open_form(page, ["Form", "Workflow", "Consultation Topic Workflow"])
	screenshot(page, "guide-4-workflow")

	# 5. the report view of topics (Report Builder)
	open_form(page, ["List", "Consultation Topic", "Report"])
	screenshot(page, "guide-5-report-builder")

	# 6. a new Auto Email Report
	open_form(page, ["Form", "Auto Email Report", "new"])
	screenshot(page, "guide-6-auto-email-report")

	# 7. a new Data Import of participants
	open_form(page, ["Form", "Data Import", "new"])
	page.evaluate(
		"() => { cur_frm.set_value('reference_doctype', 'Consultation Participant');"
		" cur_frm.set_value('import_type', 'Insert New Records'); }"
	)
	page.keyboard.press("Escape")
	page.locator(".page-head .title-text:visible").first.click()  # close the link's dropdown
	page.wait_for_timeout(1000)
	screenshot(page, "guide-7-data-import")
