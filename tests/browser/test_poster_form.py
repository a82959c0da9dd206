"""The QR code of a room's poster opens the web form 我要出题 on a phone with the room already chosen, and a
Guest submits the topic for that room (Experience Reports, report 8: QR codes on mobile notice boards)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest
from harness import screenshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
import factory

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def personas(frappe_site):
	return factory.ensure_personas()


def test_the_posters_link_opens_the_form_with_the_room_chosen_and_a_guest_submits_for_it(
	browser, live_server, personas
):
	import frappe

	from consult_app.poster import propose_topic_url

	path = propose_topic_url(factory.ROOM_A).split("://", 1)[1].split("/", 1)[1]  # what the QR code holds
	context = browser.new_context(base_url=live_server, viewport=PHONE, locale="zh-CN", is_mobile=True)
	page = context.new_page()
	errors = []
	page.on("pageerror", lambda e: errors.append(str(e)))
	try:
		page.goto(f"/{path}")
		page.wait_for_function("() => window.frappe && frappe.web_form && frappe.web_form.fields_dict")
		room = page.locator('[data-fieldname="room"] input')
		room.wait_for()
		page.wait_for_function(
			"(room) => document.querySelector('[data-fieldname=\"room\"] input').value === room",
			arg=factory.ROOM_A,
		)
		assert page.evaluate("() => frappe.web_form.get_value('room')") == factory.ROOM_A
		assert not page.locator(".modal.show .msgprint").count(), page.locator(".modal.show").inner_text()
		screenshot(page, "poster-form-room-preset-phone")

		title = f"扫码提出的议题{uuid.uuid4().hex[:6]}"
		page.locator('[data-fieldname="title"] input').fill(title)
		page.locator('[data-fieldname="description"] textarea').fill("楼道灯坏了很久，希望尽快修好。")
		page.locator('[data-fieldname="proposer_name"] input').fill("扫码居民")
		page.locator(".web-form .submit-btn").first.click()
		page.locator(".success-page, .success-message").first.wait_for()
		frappe.db.rollback()
		name = frappe.db.get_value("Consultation Topic", {"title": title})
		assert name and frappe.db.get_value("Consultation Topic", name, "room") == factory.ROOM_A
	finally:
		context.close()
		frappe.db.rollback()
		for name in frappe.get_all("Consultation Topic", filters={"proposer_name": "扫码居民"}, pluck="name"):
			frappe.delete_doc("Consultation Topic", name, force=True, ignore_permissions=True)
		frappe.db.commit()
	assert not errors, errors
