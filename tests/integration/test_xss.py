"""Stored XSS: what a Guest types on the web form, or anyone puts into a field over REST, comes out as text
in every public page, print format (rendered HTML and PDF), email and calendar file of the app.

The corpus (tests/xss_corpus.py: unclosed tags, attributes, javascript: links, SVG, template syntax) is
submitted through the web form (stored as plain text: rules.plain_text) and over REST. For the output
checks the raw payloads are then also written into the records behind the app's back (as an import or an
older version could have left them), so what is checked is the escaping of each surface, not only the
cleaning on the way in. Each payload carries a marker; a surface is safe when every marker shows as text
and none sits in a tag, an attribute or a script, and no template expression was evaluated.
"""

from __future__ import annotations

import email as email_lib
import json
import re
import subprocess
import uuid

import frappe
import pytest
import requests
from factory import ROOM_A, act, edit, email, make_participant, make_topic
from frappe.utils import add_to_date, now_datetime, today
from meeting_factory import meeting_people, schedule_meeting
from test_robustness import purge_created_since, submit_web_form
from xss_corpus import payloads, unsafe

TOPIC = "Consultation Topic"
MEETING = "Consultation Meeting"
OUTCOME = "Consultation Outcome"
PARTICIPANT = "Consultation Participant"
TOPIC_FORMATS = ("Topic Approval Form", "Topic Public Notice")
MEETING_FORMATS = ("Meeting Notice", "Meeting Minutes")
OUTCOME_FORMATS = ("Outcome Submission Form", "Implementation Feedback Letter")
PURGED = (OUTCOME, MEETING, TOPIC, PARTICIPANT)


@pytest.fixture(scope="module")
def corpus():
	return payloads(uuid.uuid4().hex[:5])


@pytest.fixture(scope="module")
def stored(corpus, personas, live_server, sessions):
	"""One topic per payload, made over REST by room A's secretary, then holding the raw payload in its
	typed fields, publicized and on the echo wall; a meeting and an outcome holding every payload."""
	since = frappe.utils.now()
	try:
		frappe.set_user("Administrator")
		topics = {}
		for i, (marker, payload) in enumerate(corpus):
			r = sessions["secretary_a"].post(
				f"{live_server}/api/resource/{TOPIC}",
				json={
					"title": f"题{i} {payload}"[:140],
					"description": payload,
					"place": payload,
					"room": ROOM_A,
				},
				timeout=30,
			)
			assert r.status_code == 200, (payload, r.status_code, r.text[:300])
			name = r.json()["data"]["name"]
			frappe.db.set_value(
				TOPIC,
				name,
				{
					"title": payload[:140],
					"description": payload,
					"place": payload,
					"proposer_name": payload[:60],
					"workflow_state": "Publicized",
					"publicity_start": today(),
					"publish_on_echo_wall": 1,
				},
				update_modified=False,
			)
			topics[marker] = name
		everything = "\n".join(p for _m, p in corpus)
		people = [make_participant(f"召集人{i}", room=ROOM_A) for i in range(2)]
		for p, (_m, payload) in zip(people, corpus[:2], strict=True):
			frappe.db.set_value(PARTICIPANT, p.name, "full_name", payload[:140])
		meeting = frappe.get_doc(
			{
				"doctype": MEETING,
				"meeting_title": "XSS检查会",
				"room": ROOM_A,
				"form": "On-site",
				"start": "2031-06-01 09:00:00",
				"conveners": [{"participant": people[0].name, "convener_order": "First Convener"}],
				"participants": [{"participant": people[1].name}],
			}
		).insert()
		frappe.db.set_value(
			MEETING,
			meeting.name,
			{
				"meeting_title": corpus[0][1][:140],
				"venue": corpus[1][1][:140],
				**{f: everything for f in ("preparation", "minutes", "consensus", "dissent_explanation")},
				**{f: everything for f in ("follow_up", "short_notice_reason")},
			},
		)
		for table in ("Consultation Meeting Convener", "Consultation Meeting Participant"):
			frappe.db.set_value(table, {"parent": meeting.name}, "participant_name", corpus[2][1][:140])
		outcome = frappe.get_doc(
			{
				"doctype": OUTCOME,
				"title": "XSS检查成果",
				"outcome_type": "Minutes",
				"topic": topics[corpus[0][0]],
				"meeting": meeting.name,
				"content": "内容",
			}
		)
		outcome.flags.ignore_validate = True
		outcome.insert()
		frappe.db.set_value(
			OUTCOME,
			outcome.name,
			{
				"title": corpus[3][1][:140],
				**{
					f: everything
					for f in ("content", "adoption_reason", "results_note", "feedback_to_participants")
				},
			},
		)
		frappe.db.commit()
	except BaseException:
		purge_created_since(since, PURGED)
		raise
	yield topics, meeting.name, outcome.name
	frappe.db.rollback()
	purge_created_since(since, PURGED)


def markers_of(corpus):
	return [m for m, _p in corpus]


def check(surface: str, html: str, corpus, expect_shown=None):
	"""No marker live, no template evaluated; the markers expected on the surface are shown (as text)."""
	bad = unsafe(html, markers_of(corpus))
	assert not bad, (surface, sorted(bad))
	missing = [m for m in (expect_shown or ()) if m not in html]
	assert not missing, (surface, "not shown", missing[:5])


def test_the_web_form_stores_guest_text_without_markup(corpus, personas, live_server):
	since = frappe.utils.now()
	names = []
	try:
		for i, (_marker, payload) in enumerate(corpus):
			r = submit_web_form(
				live_server,
				{
					"title": f"题{i} {payload}"[:140],
					"description": f"说明 {payload}",
					"place": f"地点 {payload}"[:140],
					"room": ROOM_A,
					"proposer_name": f"居民{i} {payload}"[:60],
				},
			)
			assert r.status_code == 200, (payload, r.status_code, r.text[:300])
			names.append(r.json()["message"]["name"])
		frappe.db.rollback()
		for name in names:
			row = frappe.db.get_value(
				TOPIC, name, ["title", "description", "place", "proposer_name"], as_dict=True
			)
			for field, value in row.items():
				assert not unsafe(value, markers_of(corpus)), (name, field, value)
				assert not re.search(r"<[A-Za-z!/?]", value or ""), (name, field, value)
		print(f"\n[xss] {len(names)} web form submissions stored as plain text")
	finally:
		purge_created_since(since, (TOPIC,))


def test_public_pages_show_the_corpus_as_text(corpus, stored, live_server):
	topics, _meeting, _outcome = stored
	markers = markers_of(corpus)
	r = requests.get(f"{live_server}/topic-notices", timeout=60)
	assert r.status_code == 200
	check("/topic-notices", r.text, corpus, expect_shown=markers)
	r = requests.get(f"{live_server}/echo-wall", timeout=60)
	assert r.status_code == 200
	check("/echo-wall", r.text, corpus, expect_shown=markers[:1])
	shown = 0
	for marker, name in topics.items():
		r = requests.get(f"{live_server}/echo-wall", params={"topic": name}, timeout=60)
		assert r.status_code == 200
		check(f"/echo-wall?topic={name}", r.text, corpus, expect_shown=[marker])
		shown += 1
	print(
		f"\n[xss] /topic-notices, /echo-wall and {shown} echo-wall topic pages: {len(markers)} payloads as text"
	)


def printview(http, base, doctype, name, print_format):
	return http.get(
		f"{base}/printview",
		params={"doctype": doctype, "name": name, "format": print_format, "no_letterhead": 1},
		timeout=60,
	)


def test_every_print_format_shows_the_corpus_as_text(corpus, stored, sessions, live_server):
	topics, meeting, outcome = stored
	http = sessions["secretary_a"]
	markers = markers_of(corpus)
	rendered = 0
	for marker, name in topics.items():
		for fmt in TOPIC_FORMATS:
			r = printview(http, live_server, TOPIC, name, fmt)
			assert r.status_code == 200, (fmt, r.status_code)
			check(f"{fmt} {name}", r.text, corpus, expect_shown=[marker])
			rendered += 1
	for doctype, name, formats in ((MEETING, meeting, MEETING_FORMATS), (OUTCOME, outcome, OUTCOME_FORMATS)):
		for fmt in formats:
			r = printview(http, live_server, doctype, name, fmt)
			assert r.status_code == 200, (fmt, r.status_code)
			check(f"{fmt} {name}", r.text, corpus, expect_shown=markers)
			rendered += 1
	print(f"\n[xss] {rendered} print views of 6 print formats: every payload as text")


def pdf_text(content: bytes) -> str:
	assert content.startswith(b"%PDF"), content[:200]
	out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True)
	return out.stdout.decode()


def test_every_print_format_pdf_prints_the_corpus_as_text(corpus, stored, sessions, live_server):
	topics, meeting, outcome = stored
	http = sessions["secretary_a"]
	first_marker, first_topic = next(iter(topics.items()))
	cases = [(TOPIC, first_topic, fmt, [first_marker]) for fmt in TOPIC_FORMATS]
	cases += [(MEETING, meeting, fmt, markers_of(corpus)) for fmt in MEETING_FORMATS]
	cases += [(OUTCOME, outcome, fmt, markers_of(corpus)) for fmt in OUTCOME_FORMATS]
	for doctype, name, fmt, expected in cases:
		r = http.get(
			f"{live_server}/api/method/frappe.utils.print_format.download_pdf",
			params={"doctype": doctype, "name": name, "format": fmt, "no_letterhead": 1},
			timeout=120,
		)
		assert r.status_code == 200, (fmt, r.status_code, r.text[:300])
		text = pdf_text(r.content).replace("\n", "")
		assert not [m for m in markers_of(corpus) if f"{m}EVAL" in text], fmt
		# an escaped payload is printed: its marker is in the PDF's text (an acting tag would print nothing)
		missing = [m for m in expected if m not in text]
		assert len(missing) <= len(expected) // 10, (fmt, len(missing), missing[:5])
	print(f"\n[xss] {len(cases)} PDFs: payloads printed as text")


def queued_for(doctype, name):
	return [
		frappe.get_doc("Email Queue", q)
		for q in frappe.get_all(
			"Email Queue", {"reference_doctype": doctype, "reference_name": name}, pluck="name"
		)
	]


def html_parts(queue_doc) -> list[str]:
	message = email_lib.message_from_string(queue_doc.message)
	return [
		part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
		for part in message.walk()
		if part.get_content_type() == "text/html"
	]


def test_the_meeting_notice_email_pdf_and_calendar_file_show_the_corpus_as_text(
	corpus, personas, live_server
):
	markers = markers_of(corpus)
	everything = "\n".join(p for _m, p in corpus)
	since = frappe.utils.now()
	conveners, participants = meeting_people()
	start = add_to_date(now_datetime(), days=20).replace(microsecond=0, second=0, minute=0)
	draft = schedule_meeting(
		[], conveners=conveners, participants=participants, start=start, end=add_to_date(start, hours=2)
	)
	frappe.db.set_value(
		MEETING,
		draft.name,
		{"meeting_title": corpus[0][1][:140], "venue": corpus[1][1][:140], "preparation": everything},
	)
	frappe.db.commit()  # the notice PDF is rendered by wkhtmltopdf, which asks the live server for styles
	mails = []
	try:
		frappe.set_user(email("secretary_a"))
		result = frappe.get_doc(MEETING, draft.name).send_notice()
		assert result["recipients"]
		mails = queued_for(MEETING, draft.name)
		assert mails
		for mail in mails:
			for html in html_parts(mail):
				check("notice email", html, corpus, expect_shown=[markers[0]])
		files = frappe.get_all(
			"File", {"attached_to_doctype": MEETING, "attached_to_name": draft.name}, ["name", "file_name"]
		)
		ics = [f for f in files if f.file_name.endswith(".ics")]
		pdf = [f for f in files if f.file_name.endswith(".pdf")]
		assert ics and pdf, files
		calendar = frappe.get_doc("File", ics[0].name).get_content()
		calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
		unfolded = calendar.replace("\r\n ", "")
		assert "<" not in unfolded.split("BEGIN:VEVENT")[1], unfolded[:600]
		assert "SUMMARY:水管" in unfolded  # the title is there, as text without its markup
		text = pdf_text(frappe.get_doc("File", pdf[0].name).get_content()).replace("\n", "")
		assert markers[0] in text and not [m for m in markers if f"{m}EVAL" in text]
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		purge_created_since(since, PURGED)
	print(f"\n[xss] notice email ({len(mails)}), its PDF and .ics: payloads as text")


def test_the_decision_email_to_the_proposer_shows_the_corpus_as_text(corpus, personas):
	markers = markers_of(corpus)
	for marker, payload in corpus[:8]:
		topic = make_topic(
			f"决定通知{marker}", year=2045, quarter="Q3", proposer_email=f"{marker.lower()}@consult.test"
		)
		frappe.db.set_value(
			TOPIC, topic.name, {"title": f"题 {payload}"[:140], "proposer_name": f"居民 {payload}"[:60]}
		)
		topic = frappe.get_doc(TOPIC, topic.name)
		act(topic, "Submit for Screening", email("secretary_a"))
		edit(topic, email("reviewer"), rejection_reason=payload)
		act(topic, "Reject Topic", email("reviewer"))
		mails = queued_for(TOPIC, topic.name)
		assert mails, "no email to the proposer"
		parts = [html for mail in mails for html in html_parts(mail)]
		for html in parts:
			check("decision email", html, corpus)
		# shown as text, unless Frappe's own cleaning on save took it out of the record
		if marker in (frappe.db.get_value(TOPIC, topic.name, "title") or ""):
			assert marker in "".join(parts), (marker, "not shown")
	print(
		f"\n[xss] decision emails for 8 payloads in title, proposer name and reason: as text ({len(markers)})"
	)


def test_corpus_is_large_enough(corpus):
	assert len(corpus) >= 50
	assert len({m for m, _p in corpus}) == len(corpus)
	kinds = json.dumps([p for _m, p in corpus])
	for needed in ("<svg", "javascript:", "{{", "{%", "onerror", "<script"):
		assert needed in kinds, needed
