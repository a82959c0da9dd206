"""Robustness: malformed requests, stale copies, server-side state protection, public surfaces,
sensitive data and the audit trail.

The fuzz test (test_malformed_requests_never_break_the_server) sends at least 10,000 randomised, malformed
requests (hypothesis, fixed seed) over HTTP to the app's write surfaces, as every persona and as Guest, and
checks each answer: never a 5xx; a refusal is a 4xx with an exception or message in its JSON and leaves the
database as it was (fingerprint: row count and max(modified) of every Consultation table and tabVersion, read
in a fresh transaction); a 2xx did only what the persona may do (no forged state,
no settled field changed, a submitted meeting untouched, a web form topic filed as a Draft).

Web form rate limit: Frappe's `accept` is rate-limited to 10 a minute per IP (a redis counter
`rl:<cmd>:<ip>:<web form>`, no site config turns it off). For the volume test only, the test process
deletes that counter before each web-form request (`reset_web_form_rate_limit`); Frappe is unchanged and
test_topic_lifecycle.py still checks that the 11th submission in a minute is refused.
"""

from __future__ import annotations

import contextlib
import email as email_lib
import json
import os
import re
import time
import uuid
from collections import Counter

import frappe
import pytest
import requests
from factory import EXCLUSION_ALL_NO, PASSWORD, ROOM_A, ROOM_B, act, edit, email, fresh, make_topic
from frappe.utils import add_days, add_to_date, now, now_datetime
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from meeting_factory import held_meeting, meeting_people, schedule_meeting
from outcome_factory import adopted_outcome, handling_unit

from consult_app.process.states import Outcome, Topic
from consult_app.rules import CLASS_A

TOPIC = "Consultation Topic"
MEETING = "Consultation Meeting"
OUTCOME = "Consultation Outcome"
WEB_FORM = "propose-topic"
WEB_FORM_ACCEPT = "frappe.website.doctype.web_form.web_form.accept"
PERSONA_NAMES = ("manager", "secretary_a", "secretary_b", "reviewer", "convener", "member", "unit")
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'

# -------------------------------------------------------------------------------------- helpers


def login_session(base_url, user):
	s = requests.Session()
	s.headers.update({"Accept": "application/json"})
	r = s.post(f"{base_url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=30)
	assert r.status_code == 200, r.text
	return s


def guest_session():
	s = requests.Session()
	s.headers.update({"Accept": "application/json"})
	return s


def reset_web_form_rate_limit():
	"""Test-only: forget how many web form submissions this minute has seen (see the module docstring)."""
	frappe.cache.delete_value(f"rl:{WEB_FORM_ACCEPT}:127.0.0.1:{WEB_FORM}")


def submit_web_form(base_url, data, session=None, web_form=WEB_FORM):
	reset_web_form_rate_limit()
	return (session or guest_session()).post(
		f"{base_url}/api/method/{WEB_FORM_ACCEPT}",
		data={"web_form": web_form, "data": data if isinstance(data, str) else json.dumps(data)},
		timeout=60,
	)


def server_error(r) -> str:
	"""The exception a refused request reports (exc_type / exception / _server_messages), or ''."""
	try:
		body = r.json()
	except ValueError:
		return ""
	if not isinstance(body, dict):
		return ""
	return str(body.get("exc_type") or body.get("exception") or body.get("_server_messages") or "")


def error_signature(endpoint, r) -> str:
	"""endpoint, exception and the innermost frame of a 5xx answer's traceback."""
	try:
		body = r.json()
		trace = "".join(json.loads(body.get("exc") or "[]"))
	except (ValueError, TypeError, AttributeError):
		return f"{endpoint}: HTTP {r.status_code} {r.text[:200]}"
	frames = re.findall(r'File "([^"]+)", line (\d+), in (\w+)', trace)
	last = ":".join(frames[-1]) if frames else "?"
	lines = [line for line in trace.strip().splitlines() if line.strip()]
	return f"{endpoint}: {lines[-1][:160] if lines else '?'} at {last}"


def content_hash(doc) -> str:
	# notice_sent_on: send_notice records when it (re)sent the notice, also for a held meeting (by design)
	ignore = {
		"modified",
		"modified_by",
		"_seen",
		"_comments",
		"_liked_by",
		"_assign",
		"_user_tags",
		"notice_sent_on",
	}

	def clean(d):
		return {k: v for k, v in d.items() if k not in ignore}

	data = clean(doc.as_dict(no_default_fields=False))
	for key, value in list(data.items()):
		if isinstance(value, list):
			data[key] = [clean(row) for row in value]
	return json.dumps(data, sort_keys=True, default=str)


def app_tables() -> list[str]:
	doctypes = frappe.get_all("DocType", {"module": "Consultation", "issingle": 0}, pluck="name")
	# not Email Queue: workflow emails of an earlier, allowed request are queued later by a background job
	return [*sorted(doctypes), "Version"]


def fingerprint(tables) -> tuple:
	"""Row count and latest modified of each table, read in a fresh transaction (sees others' commits)."""
	frappe.db.rollback()
	sql = " UNION ALL ".join(f"SELECT COUNT(*), MAX(`modified`) FROM `tab{t}`" for t in tables)
	return tuple(tuple(row) for row in frappe.db.sql(sql))


def purge_created_since(marker, doctypes):
	"""Delete (and commit) every record of these DocTypes made since `marker`, submitted ones included,
	with the queued mails, files and workflow actions that refer to them."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	for doctype in doctypes:
		for name in frappe.get_all(doctype, {"creation": (">=", marker)}, pluck="name"):
			if frappe.get_meta(doctype).is_submittable:
				frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
			for q in frappe.get_all(
				"Email Queue", {"reference_doctype": doctype, "reference_name": name}, pluck="name"
			):
				frappe.delete_doc("Email Queue", q, force=True, ignore_permissions=True)
			for f in frappe.get_all(
				"File", {"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name"
			):
				frappe.delete_doc("File", f, force=True, ignore_permissions=True)
			frappe.db.delete("Workflow Action", {"reference_doctype": doctype, "reference_name": name})
			with contextlib.suppress(frappe.DoesNotExistError):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()


CREATED_DOCTYPES = (
	OUTCOME,
	MEETING,
	"Consultation Research",
	TOPIC,
	"Consultation Plan",
	"Consultation Participant",
	"Consultation Handling Unit",
	"Consultation Public Call",
	"Consultation Expertise",
)


@pytest.fixture
def purge_after(frappe_site):
	"""Deletes (and commits) whatever the test committed, by creation time."""
	marker = now()
	yield marker
	purge_created_since(marker, CREATED_DOCTYPES)


# ================================================================================ 1. the fuzz test

WORKFLOW_STATES = [
	"Draft",
	"Submitted",
	"Shortlisted",
	"Party Approved",
	"Temporary Approved",
	"Publicized",
	"Researching",
	"Ready for Consultation",
	"Consulted",
	"Concluded",
	"Not Accepted",
	"Reviewed",
	"Reported",
	"Adopted",
	"Partly Adopted",
	"Not Adopted",
	"Implementing",
	"Implemented",
	"Feedback Given",
	"Evaluated",
	"Hacked",
]
ACTIONS = [
	"Submit for Screening",
	"Shortlist",
	"Approve Topic",
	"Approve Temporary Topic",
	"Publicize",
	"Reject Topic",
	"Start Research",
	"Complete Research",
	"Mark Consulted",
	"Conclude",
	"Review Outcome",
	"Report",
	"Adopt",
	"Adopt in Part",
	"Decline",
	"Start Implementation",
	"Mark Implemented",
	"Give Feedback",
	"Evaluate",
	"Reopen Implementation",
	"Submit Plan",
	"Approve Plan",
	"Return Plan",
	"Delete Everything",
	"",
]
FUZZ_DOCTYPES = [
	TOPIC,
	MEETING,
	OUTCOME,
	"Consultation Participant",
	"Consultation Plan",
	"Consultation Research",
	"Consultation Public Call",
	"Consultation Room",
	"Consultation Handling Unit",
	"Consultation Expertise",
]
INVALID_DATES = [
	"2026-02-30",
	"31/12/2026",
	"not a date",
	"0000-00-00",
	"9999-99-99 99:99:99",
	"2026-13-01",
	"昨天",
	"2026-01-01T25:61:00",
	"-1",
	"1e309",
]
SETTLED_TOPIC = ("title", "description", "room", "approved_by", "approved_on", *EXCLUSION_ALL_NO)
SETTLED_OUTCOME = ("title", "content", "adoption_decision", "decided_on", "topic", "meeting")


def junk_values(names):
	"""Malformed values: wrong types, huge strings, invalid dates, unknown links, other rooms' names,
	forged workflow states, markup."""
	return st.one_of(
		st.none(),
		st.booleans(),
		st.integers(min_value=-(2**70), max_value=2**70),
		st.floats(allow_nan=False, allow_infinity=False),
		st.text(max_size=30),
		st.integers(min_value=141, max_value=70000).map(lambda n: "长" * n),
		st.sampled_from(INVALID_DATES),
		st.sampled_from(["TOPIC-9999-99999", "不存在的议事室", "MTG-0000-0000", "OUT-1-1", "nobody@nowhere"]),
		st.sampled_from([ROOM_A, ROOM_B, *names]),
		st.sampled_from(WORKFLOW_STATES),
		st.sampled_from([SCRIPT, IMG, "' OR 1=1 --", "%s%s%s", "{{ frappe.db.sql('select 1') }}", "\x00"]),
		st.lists(st.integers(), max_size=3),
		st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
		st.lists(
			st.dictionaries(
				st.sampled_from(["topic", "participant", "percent", "doctype"]), st.text(max_size=8)
			),
			max_size=2,
		),
	)


def field_names(doctype) -> list[str]:
	meta = frappe.get_meta(doctype)
	return [df.fieldname for df in meta.fields] + [
		"name",
		"owner",
		"docstatus",
		"doctype",
		"modified",
		"creation",
		"workflow_state",
		"__islocal",
		"idx",
	]


class Fuzzer:
	"""Sends requests and checks each answer; counts sent / refused / allowed."""

	def __init__(self, base_url, sessions, targets, tables):
		self.base = base_url
		self.sessions = sessions
		self.targets = targets  # name -> doctype
		self.tables = tables
		self.sent = 0
		self.refused = 0
		self.statuses = Counter()
		self.by_endpoint = Counter()
		self.fp = fingerprint(tables)
		self.snapshot = self.take_snapshot()
		self.created_web_topics = 0
		self.server_errors = {}
		self.violations = {}

	def take_snapshot(self) -> dict:
		frappe.db.rollback()
		snap = {}
		for name, doctype in self.targets.items():
			fields = ["workflow_state", "docstatus", "modified", "owner"]
			fields += list(
				SETTLED_TOPIC if doctype == TOPIC else SETTLED_OUTCOME if doctype == OUTCOME else ()
			)
			if doctype == MEETING:
				fields.remove("workflow_state")
				fields.remove("modified")  # saving a submitted document unchanged only touches modified
			row = frappe.db.get_value(doctype, name, fields, as_dict=True)
			if row and doctype == MEETING:
				row.content = content_hash(frappe.get_doc(doctype, name))
			snap[name] = row
		return snap

	def send(self, endpoint, persona, method, path, **kw):
		session = self.sessions[persona]
		try:
			r = session.request(method, f"{self.base}{path}", timeout=120, **kw)
		except requests.RequestException as e:  # a dropped connection is as bad as a 500
			raise AssertionError(f"{endpoint} as {persona}: no answer ({e})") from e
		self.sent += 1
		self.by_endpoint[endpoint] += 1
		self.statuses[r.status_code] += 1
		where = f"{endpoint} as {persona}: {method} {path} {str(kw)[:300]}"
		if r.status_code >= 500:
			self.server_errors.setdefault(error_signature(endpoint, r), f"{where} -> HTTP {r.status_code}")
		elif r.status_code >= 400:
			self.refused += 1
			if not (server_error(r) or r.status_code in (401, 403, 404, 429)):
				self.violate(f"{endpoint}: unclear {r.status_code}", f"{where} -> {r.text[:300]}")
			after = fingerprint(self.tables)
			changed = [t for t, a, b in zip(self.tables, self.fp, after, strict=True) if a != b]
			if changed:
				self.violate(f"{endpoint}: refused but changed {changed}", f"{where} -> {r.status_code}")
			self.fp = after
			return r
		elif persona == "Guest" and endpoint != "web_form":
			self.violate(f"{endpoint}: Guest allowed", where)
		elif not 200 <= r.status_code < 300:
			self.violate(f"{endpoint}: HTTP {r.status_code}", where)
		else:
			self.check_allowed(endpoint, persona, r, where)
		self.fp = fingerprint(self.tables)
		self.snapshot = self.take_snapshot()
		return r

	def violate(self, kind, example):
		"""Collected (one example per kind) and reported at the end of the run."""
		self.violations.setdefault(kind, example)

	def check_allowed(self, endpoint, persona, r, where):
		"""A 2xx did only what the persona may: no state moved except by a legal transition, no settled
		field changed, a submitted meeting unchanged, a web form topic filed as a Draft."""
		snap = self.take_snapshot()
		for name, old in self.snapshot.items():
			new = snap[name]
			if new == old:
				continue
			doctype = self.targets[name]
			if new is None:
				self.violate(f"{endpoint}: deleted a record", where)
			elif doctype == MEETING:
				if old.docstatus != 0:
					self.violate(f"{endpoint}: changed a submitted meeting", f"{where}: {old} -> {new}")
			elif new.workflow_state != old.workflow_state:
				user = email(persona) if persona != "Guest" else "Guest"
				if not legal_transition(doctype, old.workflow_state, new.workflow_state, user, old.owner):
					self.violate(
						f"{endpoint}: illegal move {old.workflow_state} -> {new.workflow_state}",
						f"{where} ({name})",
					)
			elif old.workflow_state in DECIDED.get(doctype, ()):
				settled = SETTLED_TOPIC if doctype == TOPIC else SETTLED_OUTCOME
				touched = [f for f in settled if str(new.get(f) or "") != str(old.get(f) or "")]
				if touched:
					self.violate(f"{endpoint}: changed settled {touched} ({old.workflow_state})", where)
		if endpoint == "web_form":
			doc = (r.json() or {}).get("message") or {}
			if not (isinstance(doc, dict) and doc.get("name")):
				self.violate("web_form: 200 without the saved doc", f"{where}: {r.text[:300]}")
				return
			stored = frappe.db.get_value(
				TOPIC,
				doc["name"],
				["workflow_state", "owner", "source", "approved_by", "proposer", "room"],
				as_dict=True,
			)
			ok = (
				stored
				and stored.workflow_state == "Draft"
				and not stored.approved_by
				and stored.owner == (email(persona) if persona != "Guest" else "Guest")
				and stored.source in ("Residents", "Members")
				and (not stored.room or stored.room in (ROOM_A, ROOM_B))
			)
			if not ok:
				self.violate("web_form: filed a topic it should not", f"{where}: {stored}")
			self.created_web_topics += 1


DECIDED = {TOPIC: Topic.DECIDED, OUTCOME: Outcome.DECIDED}


def legal_transition(doctype, old, new, user, owner) -> bool:
	workflow = frappe.get_doc(
		"Workflow", frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1})
	)
	roles = set(frappe.get_roles(user))
	return any(
		t.state == old
		and t.next_state == new
		and t.allowed in roles
		and (t.allow_self_approval or user != owner or user == "Administrator")
		for t in workflow.transitions
	)


# ROBUSTNESS_SCALE (default 1) scales the number of examples, e.g. 0.05 for a quick try-out.
SCALE = float(os.environ.get("ROBUSTNESS_SCALE") or 1)


def fuzz_settings(n):
	return settings(
		max_examples=max(1, int(n * SCALE)),
		deadline=None,
		derandomize=True,
		database=None,
		phases=[Phase.explicit, Phase.generate],  # no shrinking: every example is an HTTP request
		suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
	)


@pytest.fixture
def fuzz_targets(frappe_site, personas):
	"""Committed records in every interesting state (deleted, with everything the fuzz made, at the end):
	Draft topics of room A and room B, a Shortlisted and a Publicized topic, a Consulted topic with its
	SUBMITTED meeting and an Adopted outcome, a Draft meeting whose notice would be too late."""
	marker = now()
	try:
		consulted, held, adopted = adopted_outcome("鲁棒性测试议题")
		draft_a = make_topic("甲室草稿议题")
		draft_b = make_topic("乙室草稿议题", room=ROOM_B, as_user=email("secretary_b"))
		shortlisted = make_topic("已入围议题")
		act(shortlisted, "Submit for Screening", email("secretary_a"))
		act(shortlisted, "Shortlist", email("member"))
		from factory import publicized_topic

		publicized = publicized_topic("已公示议题")
		conveners, participants = meeting_people()
		start = add_to_date(now_datetime(), days=1).replace(microsecond=0, second=0, minute=0)
		draft_meeting = schedule_meeting(
			[], conveners=conveners, participants=participants, start=start, end=add_to_date(start, hours=2)
		)
		frappe.set_user("Administrator")
		frappe.db.commit()
		targets = {
			draft_a.name: TOPIC,
			draft_b.name: TOPIC,
			shortlisted.name: TOPIC,
			publicized.name: TOPIC,
			consulted.name: TOPIC,
			held.name: MEETING,
			draft_meeting.name: MEETING,
			adopted.name: OUTCOME,
		}
		yield targets
	finally:
		purge_created_since(marker, CREATED_DOCTYPES)


def test_malformed_requests_never_break_the_server(personas, live_server, fuzz_targets):
	started = time.monotonic()
	sessions = {p: login_session(live_server, email(p)) for p in PERSONA_NAMES}
	sessions["Guest"] = guest_session()
	tables = app_tables()
	fz = Fuzzer(live_server, sessions, fuzz_targets, tables)
	names = list(fuzz_targets)
	meetings = [n for n, dt in fuzz_targets.items() if dt == MEETING]
	fields = {dt: field_names(dt) for dt in FUZZ_DOCTYPES}
	junk = junk_values(names)
	persona = st.sampled_from([*PERSONA_NAMES, "Guest"])
	doctype = st.sampled_from(FUZZ_DOCTYPES)
	target = st.one_of(
		st.sampled_from(names),
		st.sampled_from(["TOPIC-9999-99999", "", "..%2F..%2Fetc", "a b 空格"]),
		st.text(max_size=12),
	)

	def body(dt):
		return st.dictionaries(st.sampled_from(fields[dt]), junk, max_size=6)

	def form(value):
		return value if isinstance(value, str) else json.dumps(value)

	# -- POST /api/resource/<DocType> ---------------------------------------------------------------
	@fuzz_settings(1500)
	@seed(6001)
	@given(persona=persona, dt=doctype, data=st.data())
	def resource_post(persona, dt, data):
		payload = data.draw(body(dt))
		fz.send("resource_post", persona, "POST", f"/api/resource/{dt}", json=payload)

	# -- PUT /api/resource/<DocType>/<name> ---------------------------------------------------------
	@fuzz_settings(1800)
	@seed(6002)
	@given(persona=persona, name=st.sampled_from(names), data=st.data())
	def resource_put(persona, name, data):
		dt = fuzz_targets[name]
		payload = data.draw(body(dt))
		fz.send("resource_put", persona, "PUT", f"/api/resource/{dt}/{name}", json=payload)

	# -- frappe.client.set_value --------------------------------------------------------------------
	@fuzz_settings(1700)
	@seed(6003)
	@given(persona=persona, name=target, dt=doctype, data=st.data())
	def set_value(persona, name, dt, data):
		dt = fuzz_targets.get(name, dt)
		fieldname = data.draw(
			st.one_of(st.sampled_from(fields[dt]), body(dt).map(json.dumps), st.text(max_size=10))
		)
		value = data.draw(junk)
		fz.send(
			"set_value",
			persona,
			"POST",
			"/api/method/frappe.client.set_value",
			data={"doctype": dt, "name": name, "fieldname": form(fieldname), "value": form(value)},
		)

	# -- frappe.model.workflow.apply_workflow -------------------------------------------------------
	@fuzz_settings(1500)
	@seed(6004)
	@given(persona=persona, name=target, dt=doctype, action=st.sampled_from(ACTIONS), data=st.data())
	def apply_workflow(persona, name, dt, action, data):
		dt = fuzz_targets.get(name, dt)
		doc = {"doctype": dt, "name": name, **data.draw(body(dt))}
		doc["doctype"], doc["name"] = dt, name  # the document to act on; forged fields around it
		fz.send(
			"apply_workflow",
			persona,
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps(doc, default=str), "action": action},
		)

	# -- make_outcomes ----------------------------------------------------------
	@fuzz_settings(1100)
	@seed(6005)
	@given(persona=persona, meeting=st.one_of(st.sampled_from(meetings), target, junk))
	def make_outcomes(persona, meeting):
		fz.send(
			"make_outcomes",
			persona,
			"POST",
			"/api/method/consult_app.consultation.doctype.consultation_meeting.consultation_meeting.make_outcomes",
			data={"meeting": form(meeting)},
		)

	# -- the meeting's send_notice via run_doc_method -----------------------------------------------
	@fuzz_settings(1000)
	@seed(6006)
	@given(persona=persona, meeting=st.one_of(st.sampled_from(meetings), target), data=st.data())
	def send_notice(persona, meeting, data):
		if data.draw(st.booleans()):
			params = {"method": "send_notice", "dt": MEETING, "dn": meeting}
		else:
			doc = {**data.draw(body(MEETING)), "doctype": MEETING, "name": meeting}
			params = {"method": "send_notice", "docs": json.dumps(doc, default=str)}
		if data.draw(st.booleans()):
			params["args"] = form(data.draw(junk))
		fz.send("send_notice", persona, "POST", "/api/method/run_doc_method", data=params)

	# -- the web form 我要出题 (accept) -------------------------------------------------------------
	web_fields = ["title", "description", "room", "place", "proposer_name", "proposer_phone", "hp_website"]
	forged = [
		"name",
		"workflow_state",
		"approved_by",
		"proposer",
		"source",
		"owner",
		"docstatus",
		"publish_on_echo_wall",
	]
	good = {
		"title": st.text(min_size=1, max_size=60).filter(str.strip),
		"description": st.text(min_size=1, max_size=200).filter(str.strip),
		"room": st.sampled_from([ROOM_A, ROOM_B, ""]),
		"proposer_name": st.text(min_size=1, max_size=20).filter(str.strip),
		"proposer_phone": st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
	}

	@fuzz_settings(1700)
	@seed(6007)
	@given(persona=persona, data=st.data())
	def web_form(persona, data):
		payload = {k: data.draw(v) for k, v in good.items() if data.draw(st.integers(0, 4))}  # some missing
		payload.update(data.draw(st.dictionaries(st.sampled_from(web_fields + forged), junk, max_size=4)))
		raw = data.draw(st.one_of(st.just(None), st.sampled_from(["", "[]", "{", "null", '"x"', "1"])))
		fz.send(
			"web_form",
			persona,
			"POST",
			f"/api/method/{WEB_FORM_ACCEPT}",
			data={"web_form": WEB_FORM, "data": raw if raw is not None else json.dumps(payload, default=str)},
		)
		reset_web_form_rate_limit()

	reset_web_form_rate_limit()
	problems = []
	for run in (resource_post, resource_put, set_value, apply_workflow, make_outcomes, send_notice, web_form):
		before = fz.sent
		t0 = time.monotonic()
		run()
		print(f"\n[fuzz] {run.__name__}: {fz.sent - before} requests in {time.monotonic() - t0:.0f}s")
		print("".join(f"\n[fuzz] 5xx {sig}\n       e.g. {ex[:600]}" for sig, ex in fz.server_errors.items()))
		print("".join(f"\n[fuzz] VIOLATION {k}\n       e.g. {ex[:600]}" for k, ex in fz.violations.items()))
		problems += [f"5xx {sig}: {ex[:300]}" for sig, ex in fz.server_errors.items()]
		problems += [f"{k}: {ex[:300]}" for k, ex in fz.violations.items()]
		fz.server_errors.clear()
		fz.violations.clear()
	elapsed = time.monotonic() - started
	print(
		f"[fuzz] requests sent: {fz.sent}, refused (4xx): {fz.refused}, allowed (2xx): {fz.sent - fz.refused}, "
		f"web form topics filed: {fz.created_web_topics}; by status {dict(sorted(fz.statuses.items()))}; "
		f"by endpoint {dict(fz.by_endpoint)}; {elapsed:.0f}s"
	)
	assert fz.sent >= 10_000 or SCALE < 1
	assert not problems, "\n".join(problems)


# ============================================================================ 2. stale copies


def test_stale_copy_in_process_gets_timestamp_mismatch_and_nothing_is_lost(personas):
	topic = make_topic("并发编辑：进程内")
	frappe.set_user(email("secretary_a"))
	first, second = frappe.get_doc(TOPIC, topic.name), frappe.get_doc(TOPIC, topic.name)
	first.place = "幸福里一号楼"
	first.save()
	second.description = "另一位联络员的修改"
	with pytest.raises(frappe.TimestampMismatchError):
		second.save()
	stored = fresh(topic)
	assert stored.place == "幸福里一号楼" and stored.description == topic.description
	print("\n[stale] in-process: second save refused with TimestampMismatchError, first change kept")


def test_stale_copy_over_rest_gets_timestamp_mismatch_and_nothing_is_lost(personas, live_server, purge_after):
	topic = make_topic("并发编辑：接口")
	frappe.db.commit()
	a, m = login_session(live_server, email("secretary_a")), login_session(live_server, email("manager"))
	url = f"{live_server}/api/resource/{TOPIC}/{topic.name}"
	stale = a.get(url, timeout=30).json()["data"]["modified"]
	assert m.get(url, timeout=30).json()["data"]["modified"] == stale
	r = a.put(url, json={"place": "幸福里二号楼", "modified": stale}, timeout=30)
	assert r.status_code == 200, r.text
	r = m.put(url, json={"description": "经理基于旧副本的修改", "modified": stale}, timeout=30)
	assert r.status_code in (409, 417), r.text
	assert r.json()["exc_type"] == "TimestampMismatchError"
	frappe.db.rollback()
	stored = frappe.db.get_value(TOPIC, topic.name, ["place", "description"], as_dict=True)
	assert stored.place == "幸福里二号楼" and stored.description == topic.description
	print(f"\n[stale] REST: second PUT with the old modified -> HTTP {r.status_code} TimestampMismatchError")


# ============================================================= 3. server-side state protection


def rest_put(session, base, doctype, name, values):
	return session.put(f"{base}/api/resource/{doctype}/{name}", json=values, timeout=60)


def rest_set_value(session, base, doctype, name, fieldname, value):
	return session.post(
		f"{base}/api/method/frappe.client.set_value",
		data={"doctype": doctype, "name": name, "fieldname": fieldname, "value": value},
		timeout=60,
	)


def assert_refused(r, exc_type):
	assert r.status_code in (403, 409, 417), r.text[:800]
	assert r.json().get("exc_type") == exc_type, r.text[:800]


def test_decided_records_cannot_be_changed_over_rest_or_set_value(personas, live_server, purge_after):
	topic, meeting, outcome = adopted_outcome("已决定事项不可改")
	shortlisted = make_topic("入围后委员不可改")
	act(shortlisted, "Submit for Screening", email("secretary_a"))
	act(shortlisted, "Shortlist", email("member"))
	frappe.set_user("Administrator")
	frappe.db.commit()
	s = {p: login_session(live_server, email(p)) for p in ("secretary_a", "reviewer", "manager", "member")}
	base = live_server
	checks = [
		# an approved (here: consulted) topic's content, by everyone who may edit it in its state
		(rest_put(s["secretary_a"], base, TOPIC, topic.name, {"title": "改过的标题"}), "SettledFieldError"),
		(
			rest_set_value(s["manager"], base, TOPIC, topic.name, "description", "改过的说明"),
			"SettledFieldError",
		),
		(
			rest_set_value(s["secretary_a"], base, TOPIC, topic.name, "ex_harms_rights", "Yes"),
			"SettledFieldError",
		),
		# a submitted meeting
		(
			rest_put(s["secretary_a"], base, MEETING, meeting.name, {"minutes": "改写纪要"}),
			"UpdateAfterSubmitError",
		),
		(
			rest_set_value(s["manager"], base, MEETING, meeting.name, "consensus", "改写共识"),
			"UpdateAfterSubmitError",
		),
		# an adopted outcome's decision
		(
			rest_put(s["reviewer"], base, OUTCOME, outcome.name, {"adoption_decision": "Not Adopted"}),
			"SettledFieldError",
		),
		(
			rest_set_value(s["manager"], base, OUTCOME, outcome.name, "content", "改写建议"),
			"SettledFieldError",
		),
		# a role the state does not let edit: a member changing a Shortlisted topic
		(
			rest_put(s["member"], base, TOPIC, shortlisted.name, {"place": "委员改的地点"}),
			"WorkflowStateLockedError",
		),
		(
			rest_set_value(s["member"], base, TOPIC, shortlisted.name, "description", "委员改"),
			"WorkflowStateLockedError",
		),
		# forged workflow states
		(
			rest_put(s["secretary_a"], base, TOPIC, shortlisted.name, {"workflow_state": "Party Approved"}),
			"WorkflowPermissionError",
		),
		(
			rest_set_value(s["member"], base, TOPIC, shortlisted.name, "workflow_state", "Publicized"),
			"WorkflowPermissionError",
		),
		(
			rest_set_value(s["secretary_a"], base, OUTCOME, outcome.name, "workflow_state", "Evaluated"),
			"WorkflowPermissionError",
		),
	]
	for r, exc in checks:
		assert_refused(r, exc)
	frappe.db.rollback()
	assert frappe.db.get_value(TOPIC, topic.name, ["title", "description"]) == (
		topic.title,
		topic.description,
	)
	assert fresh(meeting).minutes == meeting.minutes
	assert frappe.db.get_value(OUTCOME, outcome.name, ["adoption_decision", "content"]) == (
		outcome.adoption_decision,
		outcome.content,
	)
	assert frappe.db.get_value(TOPIC, shortlisted.name, ["workflow_state", "place"]) == ("Shortlisted", None)
	print(f"\n[state] {len(checks)} writes to decided or locked records over REST / set_value: all refused")


def test_no_self_approval_of_topics_or_outcomes_whatever_the_path(personas, live_server, purge_after):
	"""The owner cannot approve their own topic nor adopt their own outcome: not with apply_workflow, and
	not by writing the next state (PUT / set_value), which Frappe's own check does not cover."""
	topic = make_topic("副书记自己的议题", as_user=email("deputy"), source="Members")
	act(topic, "Submit for Screening", email("deputy"))
	act(topic, "Shortlist", email("member"))
	edit(topic, email("deputy"), **EXCLUSION_ALL_NO)
	frappe.set_user("Administrator")
	frappe.db.commit()
	deputy = login_session(live_server, email("deputy"))
	doc = json.dumps(frappe.get_doc(TOPIC, topic.name).as_dict(), default=str)
	r = deputy.post(
		f"{live_server}/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": doc, "action": "Approve Topic"},
		timeout=60,
	)
	assert (r.status_code == 417 and "Self approval" in r.text) or "自我批准" in r.text, r.text[:500]
	assert_refused(
		rest_put(deputy, live_server, TOPIC, topic.name, {"workflow_state": "Party Approved"}),
		"SelfApprovalError",
	)
	assert_refused(
		rest_set_value(deputy, live_server, TOPIC, topic.name, "workflow_state", "Party Approved"),
		"SelfApprovalError",
	)
	frappe.db.rollback()
	assert frappe.db.get_value(TOPIC, topic.name, "workflow_state") == "Shortlisted"

	# an outcome drafted by a Consultation Manager cannot be adopted by that manager
	_topic, meeting = held_meeting("经理起草的成果")
	from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcomes

	frappe.set_user(email("manager"))
	outcome = frappe.get_doc(OUTCOME, make_outcomes(meeting.name)[0])
	act(outcome, "Review Outcome", email("convener"))
	act(outcome, "Report", email("secretary_a"))
	edit(
		outcome,
		email("reviewer"),
		handling_class=CLASS_A,
		handling_unit=handling_unit().name,
		due_date=add_days(meeting.start, 30),
	)
	with pytest.raises(frappe.ValidationError, match=r"Self approval|自我批准"):
		act(outcome, "Adopt", email("manager"))
	with pytest.raises(frappe.ValidationError, match=r"Self approval|自我批准"):
		edit(outcome, email("manager"), workflow_state="Adopted")
	assert frappe.db.get_value(OUTCOME, outcome.name, "workflow_state") == "Reported"
	act(outcome, "Adopt", email("reviewer"))  # another user may
	assert frappe.db.get_value(OUTCOME, outcome.name, "workflow_state") == "Adopted"
	print(
		"\n[self-approval] topic (apply_workflow, PUT, set_value) and outcome (apply_workflow, save): refused"
	)


# ========================================================================= 4. public surfaces


def executable(text) -> list[str]:
	"""Executable markup from the test's payloads found in `text`."""
	text = str(text or "")
	return [m for m in ("<script>alert(1)", "onerror=", "onerror =", "<img src=x") if m in text.lower()]


def test_script_in_a_web_form_topic_never_runs(personas, live_server, purge_after):
	marker = uuid.uuid4().hex[:6]
	r = submit_web_form(
		live_server,
		{
			"title": f"{SCRIPT}路灯{marker}",
			"description": f"{IMG}晚上没有路灯 {SCRIPT}",
			"room": ROOM_A,
			"place": IMG,
			"proposer_name": f"居民{marker}",
			"proposer_phone": "13800000000",
		},
	)
	assert r.status_code == 200, r.text[:500]
	name = r.json()["message"]["name"]
	frappe.db.rollback()
	stored = frappe.db.get_value(TOPIC, name, ["title", "description", "place"], as_dict=True)
	for field, value in stored.items():
		assert not executable(value), (field, value)

	s = login_session(live_server, email("secretary_a"))
	for path in (
		f"/api/method/frappe.client.get?doctype={TOPIC}&name={name}",
		f"/api/method/frappe.desk.form.load.getdoc?doctype={TOPIC}&name={name}",
		f"/api/resource/{TOPIC}/{name}",
	):
		r = s.get(live_server + path, timeout=30)
		assert r.status_code == 200 and not executable(r.text), (path, executable(r.text))

	# published: the public notice and the echo wall
	topic = frappe.get_doc(TOPIC, name)
	from factory import approve_plan_with

	approve_plan_with(topic)
	act(topic, "Submit for Screening", email("secretary_a"))
	act(topic, "Shortlist", email("member"))
	edit(topic, email("reviewer"), **EXCLUSION_ALL_NO)
	act(topic, "Approve Topic", email("reviewer"))
	act(topic, "Publicize", email("secretary_a"))
	edit(topic, email("secretary_a"), publish_on_echo_wall=1)
	frappe.set_user("Administrator")
	frappe.db.commit()
	pages = {
		"/topic-notices": requests.get(f"{live_server}/topic-notices", timeout=30),
		"/echo-wall": requests.get(f"{live_server}/echo-wall", timeout=30),
		"/echo-wall?topic": requests.get(f"{live_server}/echo-wall", params={"topic": name}, timeout=30),
	}
	for path, page in pages.items():
		assert page.status_code == 200, path
		assert f"路灯{marker}" in page.text, path
		assert not executable(page.text), (path, executable(page.text))
	print(f"\n[xss] stored sanitised; desk API x3 and public pages x{len(pages)} carry no executable markup")


def test_web_form_sets_only_the_guest_fields_and_enforces_limits(personas, live_server, purge_after):
	marker = uuid.uuid4().hex[:6]
	member = frappe.db.get_value("Consultation Participant", {"user": email("member")})
	other = make_topic(f"别人的议题{marker}", proposer_phone="13911112222")
	frappe.db.commit()
	base = {
		"title": f"健身器材损坏{marker}",
		"description": "小区健身器材损坏。",
		"room": ROOM_A,
		"proposer_name": f"居民{marker}",
		"proposer_phone": "13800000000",
	}
	forged = {
		"workflow_state": "Party Approved",
		"approved_by": email("reviewer"),
		"approved_on": "2026-01-01",
		"proposer": member,
		"source": "Members",
		"owner": email("manager"),
		"publish_on_echo_wall": 1,
		"docstatus": 1,
		"exclusion_hits": "",
		"votes_for": 99,
	}
	r = submit_web_form(live_server, {**base, **forged})
	assert r.status_code == 200, r.text[:500]
	saved = r.json()["message"]
	frappe.db.rollback()
	stored = frappe.get_doc(TOPIC, saved["name"])
	assert stored.workflow_state == "Draft" and stored.docstatus == 0
	assert not stored.approved_by and not stored.approved_on and not stored.proposer
	assert stored.source == "Residents" and stored.owner == "Guest"
	assert not stored.publish_on_echo_wall and not stored.votes_for
	# the answer to the Guest is the Guest's own submission, nothing of other records
	assert saved["title"] == base["title"]
	assert other.name not in r.text and "13911112222" not in r.text and member not in r.text

	refused = {
		"extra room": {**base, "room": "不存在的议事室"},
		"title too long": {**base, "title": "标" * 141},
		"description too long": {**base, "description": "长" * 2001},
		"name (update)": {**base, "name": other.name},
		"honeypot": {**base, "hp_website": "http://spam.example"},
		"missing title": {k: v for k, v in base.items() if k != "title"},
		"rows in a text field": {**base, "description": [{"a": 1}]},
		"not an object": "[1, 2]",
		"not JSON": "{",
	}
	statuses = {}
	for case, data in refused.items():
		r = submit_web_form(live_server, data)
		statuses[case] = r.status_code
		assert r.status_code == 417 and server_error(r), (case, r.status_code, r.text[:300])
	frappe.db.rollback()
	assert frappe.db.count(TOPIC, {"proposer_name": f"居民{marker}"}) == 1
	assert frappe.db.get_value(TOPIC, other.name, "title") == f"别人的议题{marker}"
	print(f"\n[web form] forged keys ignored ({len(forged)}); refused with 417: {sorted(statuses)}")


# ========================================================================= 5. sensitive data

PRIVATE_PHONE = "13766665555"
PRIVATE_ID = "110101199001011234"


def test_participants_phone_and_id_never_reach_public_pages_guests_or_other_invitees(
	personas, live_server, purge_after
):
	from consult_app.consultation.doctype.consultation_meeting.consultation_meeting import make_outcomes

	conveners, participants = meeting_people()
	for i, p in enumerate(conveners + participants):
		if p.user:
			continue
		frappe.db.set_value(
			"Consultation Participant",
			p.name,
			{"phone": f"1376666{i:04d}", "id_number": f"11010119900101{i:04d}"},
		)
	frappe.db.set_value(
		"Consultation Participant", participants[0].name, {"phone": PRIVATE_PHONE, "id_number": PRIVATE_ID}
	)
	secrets = {PRIVATE_PHONE, PRIVATE_ID} | {
		v
		for p in conveners + participants
		for v in frappe.db.get_value("Consultation Participant", p.name, ["phone", "id_number"])
		if v
	}
	topic, _meeting = held_meeting("隐私检查议题", conveners=conveners, participants=participants)
	frappe.db.set_value(TOPIC, topic.name, "publish_on_echo_wall", 1)
	publicized = make_topic("公示中的隐私议题")
	frappe.db.set_value(
		TOPIC, publicized.name, {"workflow_state": "Publicized", "publicity_start": add_days(None, -1)}
	)
	frappe.db.commit()

	for path in ("/echo-wall", f"/echo-wall?topic={topic.name}", "/topic-notices"):
		page = requests.get(live_server + path, timeout=30)
		assert page.status_code == 200, path
		leaked = [s for s in secrets if s in page.text]
		assert not leaked, (path, leaked)
	r = submit_web_form(
		live_server,
		{
			"title": "隐私",
			"description": "说明",
			"room": ROOM_A,
			"proposer_name": "游客",
			"proposer_phone": "13800000001",
		},
	)
	assert r.status_code == 200 and not [s for s in secrets if s in r.text]
	assert (
		set(r.json()["message"]) >= {"title", "proposer_phone"}
		and r.json()["message"]["proposer_phone"] == "13800000001"
	)

	# the meeting notice: each mail (and its PDF) goes to the invitees; no one's phone or ID number in it
	start = add_to_date(now_datetime(), days=20).replace(microsecond=0, second=0, minute=0)
	draft = schedule_meeting(
		[], conveners=conveners, participants=participants, start=start, end=add_to_date(start, hours=2)
	)
	frappe.set_user(email("secretary_a"))
	result = fresh(draft).send_notice()
	assert result["recipients"]
	queue = frappe.get_all(
		"Email Queue", {"reference_doctype": MEETING, "reference_name": draft.name}, pluck="name"
	)
	assert queue
	texts = []
	for q in queue:
		message = email_lib.message_from_string(frappe.get_doc("Email Queue", q).message)
		for part in message.walk():
			if part.get_content_maintype() == "text":
				texts.append(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))
	pdfs = frappe.get_all(
		"File", {"attached_to_doctype": MEETING, "attached_to_name": draft.name}, pluck="name"
	)
	import subprocess

	for f in pdfs:
		content = frappe.get_doc("File", f).get_content()
		if isinstance(content, bytes) and content.startswith(b"%PDF"):
			texts.append(
				subprocess.run(
					["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True
				).stdout.decode()
			)
		else:
			texts.append(content.decode() if isinstance(content, bytes) else str(content))
	leaked = [s for s in secrets for t in texts if s in t]
	assert not leaked, leaked
	print(
		f"\n[privacy] {len(secrets)} phone/ID values absent from 3 public pages, the Guest answer, "
		f"{len(queue)} notice mail(s) and {len(pdfs)} attachment(s)"
	)


# ============================================================================== 6. audit trail


def version_of(doctype, name, fieldname, user):
	for v in frappe.get_all(
		"Version",
		{"ref_doctype": doctype, "docname": name},
		["owner", "data", "creation"],
		order_by="creation desc",
	):
		data = json.loads(v.data)
		changed = [c[0] for c in data.get("changed", [])] + [r[0] for r in data.get("row_changed", [])]
		changed += [r[0] for r in data.get("added", [])]
		if fieldname in changed and v.owner == user:
			return v
	return None


def test_every_decision_doctype_tracks_changes(personas):
	for doctype in (TOPIC, MEETING, OUTCOME, "Consultation Participant", "Consultation Plan"):
		assert frappe.get_meta(doctype).track_changes, doctype
	sec = email("secretary_a")
	recorded = []

	def check(doc, field, value):
		# Frappe skips Versions when frappe.flags.in_test (Document._save); a user's save makes one: as here
		frappe.set_user(sec)
		doc = fresh(doc)
		doc.update({field: value})
		doc.save(ignore_version=False)
		v = version_of(doc.doctype, doc.name, field, sec)
		assert v and v.creation, (doc.doctype, field)
		recorded.append(doc.doctype)

	topic = make_topic("审计议题")
	check(topic, "place", "审计地点")
	conveners, participants = meeting_people()
	check(conveners[0], "phone", "13700001111")
	start = add_to_date(now_datetime(), days=20).replace(microsecond=0)
	meeting = schedule_meeting(
		[], conveners=conveners, participants=participants, start=start, end=add_to_date(start, hours=2)
	)
	check(meeting, "venue", "新会议室")
	frappe.set_user(sec)
	plan = frappe.get_doc({"doctype": "Consultation Plan", "room": ROOM_A, "year": 2032}).insert()
	check(plan, "planned_topics", [{"quarter": "Q1", "planned_title": "计划议题", "topic": topic.name}])
	from outcome_factory import drafted_outcome

	_t, _m, outcome = drafted_outcome("审计成果")
	check(outcome, "content", "修改后的建议")
	print(f"\n[audit] track_changes on 5 DocTypes; a Version (who, what, when) for each edit: {recorded}")
