"""A site's own customisations survive `migrate` and keep working with the app's rules.

On a throw-away site with the app installed, the IT staff and the office make what the guide
(docs/customising.md) shows: a mandatory Custom Field on the topic, a new option of a Select, a relabelled
and a hidden field (Property Setters), an edited copy of a print format set as the default, a role's desk
settings, a Notification and an Auto Email Report. Then `bench migrate` twice: each of them is still there as
made, and the app's walk topic -> research -> meeting -> outcome (adopted, implemented) passes with all of
them in place, the notification fires and the email report and the default print format render.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import harness
import pytest

INTEGRATION = str(Path(__file__).resolve().parent)
TOPIC = "Consultation Topic"
MARKER = "（本县定制格式）"
REPORT = "本季度议题一览"
COPY = "Topic Approval Form (County)"

CUSTOMISE = f"""
import sys
sys.path.insert(0, {INTEGRATION!r})
frappe.connect()
frappe.flags.in_test = True  # as in the integration tier: the loopback email account is not tried
frappe.set_user("Administrator")
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

# a mandatory Custom Field (Customize Form > Add field)
frappe.get_doc({{
	"doctype": "Custom Field", "dt": "{TOPIC}", "fieldname": "households_affected", "label": "Households Affected",
	"fieldtype": "Int", "reqd": 1, "insert_after": "place",
}}).insert()
# a new option of a Select, a relabelled and a hidden field (Property Setters, as Customize Form saves them)
source = frappe.get_meta("{TOPIC}").get_field("source")
make_property_setter("{TOPIC}", "source", "options", source.options + "\\nNeighbourhood Council", "Text")
make_property_setter("{TOPIC}", "place", "label", "Building or Group", "Data")
make_property_setter("{TOPIC}", "screening_notes", "hidden", "1", "Check")
# an edited copy of a print format, the topic's default print format
copy = frappe.copy_doc(frappe.get_doc("Print Format", "Topic Approval Form"))
copy.name = "{COPY}"
copy.standard = "No"
copy.module = None
copy.html = copy.html.replace('<div class="official">', '<div class="official"><p>{MARKER}</p>', 1)
copy.insert()
make_property_setter("{TOPIC}", None, "default_print_format", "{COPY}", "Data", for_doctype=True)
# a role's desk settings
role = frappe.get_doc("Role", "Room Secretary")
role.update({{"two_factor_auth": 1, "home_page": "/app/consultation-topic"}})
role.save()
# a Notification and an Auto Email Report, as the office makes them
frappe.get_doc({{
	"doctype": "Notification", "name": "新议题提醒", "subject": "新议题：{{{{ doc.title }}}}",
	"document_type": "{TOPIC}", "event": "New", "channel": "System Notification", "enabled": 1,
	"recipients": [{{"receiver_by_role": "Consultation Manager"}}], "message": "{{{{ doc.title }}}}",
}}).insert()
frappe.get_doc({{
	"doctype": "Report", "report_name": "{REPORT}", "ref_doctype": "{TOPIC}", "report_type": "Report Builder",
	"is_standard": "No", "json": json.dumps({{"columns": [["name", "{TOPIC}"], ["title", "{TOPIC}"],
	["workflow_state", "{TOPIC}"]], "filters": [], "order_by": "`tab{TOPIC}`.`modified` desc"}}),
}}).insert()
import factory
factory.ensure_personas()
frappe.get_doc({{
	"doctype": "Auto Email Report", "report": "{REPORT}", "user": factory.email("manager"), "enabled": 1,
	"format": "HTML", "frequency": "Weekly", "day_of_week": "Monday", "email_to": "office@consult.test",
}}).insert()
frappe.db.commit()
print(json.dumps("ok"))
"""

STATE = f"""
frappe.connect()
meta = frappe.get_meta("{TOPIC}")
role = frappe.get_doc("Role", "Room Secretary")
aer = frappe.get_all("Auto Email Report", filters={{"report": "{REPORT}"}}, fields=["name", "enabled", "user", "format"])
print(json.dumps({{
	"custom_field": frappe.db.get_value("Custom Field", {{"dt": "{TOPIC}", "fieldname": "households_affected"}},
		["reqd", "fieldtype", "label"]),
	"mandatory": meta.get_field("households_affected").reqd if meta.get_field("households_affected") else None,
	"source_options": meta.get_field("source").options.split("\\n"),
	"place_label": meta.get_field("place").label,
	"notes_hidden": meta.get_field("screening_notes").hidden,
	"default_print_format": meta.default_print_format,
	"copy": frappe.db.get_value("Print Format", "{COPY}", ["standard", "doc_type", "disabled"]),
	"copy_marked": "{MARKER}" in (frappe.db.get_value("Print Format", "{COPY}", "html") or ""),
	"role": [role.desk_access, role.two_factor_auth, role.home_page],
	"notification": frappe.db.get_value("Notification", "新议题提醒", ["enabled", "event", "document_type"]),
	"auto_email_report": [[r.enabled, r.user, r.format] for r in aer],
}}, default=str))
"""

WALK = f"""
import sys
sys.path.insert(0, {INTEGRATION!r})
frappe.connect()
frappe.flags.in_test = True  # workflow emails inline, as in the integration tier
frappe.flags.mute_emails = True
import factory, outcome_factory
from consult_app.process.states import Outcome, Topic

title = "定制站点议题" + frappe.generate_hash(length=6)
factory.TOPIC_SITE_FIELDS["households_affected"] = 36  # the secretary fills the site's mandatory field
# without it the topic is refused: the site's mandatory field holds for the app's own form
try:
	factory.make_topic(title + "缺字段", households_affected=None)
	refused = False
except frappe.MandatoryError:
	refused = True
frappe.db.rollback()
topic, meeting, outcome = outcome_factory.implemented_outcome(title)
frappe.set_user("Administrator")
topic = frappe.get_doc("{TOPIC}", topic.name)
manager = factory.email("manager")
aer = frappe.get_doc("Auto Email Report", frappe.db.get_value("Auto Email Report", {{"report": "{REPORT}"}}))
print(json.dumps({{
	"refused_without_field": refused,
	"households": topic.households_affected,
	"topic_state": topic.workflow_state == Topic.CONSULTED,
	"outcome_state": outcome.workflow_state == Outcome.IMPLEMENTED,
	"notified": bool(frappe.db.exists("Notification Log", {{"for_user": manager, "subject": ["like", "%" + title + "%"]}})),
	"report_lists_topic": title in (aer.get_report_content() or ""),
	"default_print": "{MARKER}" in frappe.get_print("{TOPIC}", topic.name),
}}))
frappe.db.commit()
"""


def serve(site: str):
	"""`frappe --site <site> serve` on a free port (PDFs of workflow emails fetch the stylesheet from it)."""
	port = harness._free_port(harness.LIVE_SERVER_PORT + 1)
	cmd = [harness.bench_python(), "-m", "frappe.utils.bench_helper", "frappe", "--site", site]
	proc = subprocess.Popen(
		[*cmd, "serve", "--port", str(port), "--noreload"],
		cwd=harness.sites_path(),
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		stdin=subprocess.DEVNULL,
		env=harness._cli_env(),
		start_new_session=True,
	)
	url = f"http://127.0.0.1:{port}"
	harness.frappe_cli("set-config", "host_name", url, site=site)
	deadline = time.monotonic() + 90
	while time.monotonic() < deadline:
		try:
			with urllib.request.urlopen(f"{url}/api/method/ping", timeout=5) as r:
				if r.status == 200:
					return proc
		except OSError:
			time.sleep(0.5)
	harness._stop(proc)
	pytest.fail("the throw-away site's server did not answer", pytrace=False)


@pytest.mark.slow
def test_a_sites_customisations_survive_migrate_twice_and_the_walk_passes_with_them(frappe_site):
	site = f"consult-custom-{uuid.uuid4().hex[:6]}.localhost"
	user, password = harness.db_root_credentials()
	root = ("--db-root-username", user, "--db-root-password", password)
	harness.frappe_cli(
		"new-site", site, "--admin-password", "admin", *root, "--no-mariadb-socket", site=None, timeout=900
	)
	server = None
	try:
		harness.frappe_cli("install-app", "consult_app", site=site, timeout=900)
		assert harness.site_json(site, CUSTOMISE) == "ok"
		made = harness.site_json(site, STATE)
		assert made == {
			"custom_field": [1, "Int", "Households Affected"],
			"mandatory": 1,
			"source_options": [
				"Residents",
				"Members",
				"Leaders",
				"Public Call",
				"Proposal or Social Conditions Report",
				"Neighbourhood Council",
			],
			"place_label": "Building or Group",
			"notes_hidden": 1,
			"default_print_format": COPY,
			"copy": ["No", TOPIC, 0],
			"copy_marked": True,
			"role": [1, 1, "/app/consultation-topic"],
			"notification": [1, "New", TOPIC],
			"auto_email_report": [[1, "manager@consult.test", "HTML"]],
		}, json.dumps(made, ensure_ascii=False)

		harness.frappe_cli("migrate", site=site, timeout=900)
		harness.frappe_cli("migrate", site=site, timeout=900)
		assert harness.site_json(site, STATE) == made

		server = serve(site)
		walk = harness.site_json(site, WALK, timeout=900)
		assert walk == {
			"refused_without_field": True,
			"households": 36,
			"topic_state": True,
			"outcome_state": True,
			"notified": True,
			"report_lists_topic": True,
			"default_print": True,
		}, walk
	finally:
		if server:
			harness._stop(server)
		harness.frappe_cli(
			"drop-site", site, *root, "--no-backup", "--force", site=None, timeout=900, check=False
		)
