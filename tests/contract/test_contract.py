"""Contract tier: every JSON file the app ships is checked against Frappe 15's metadata definitions.

One test per shipped file; see checker.py for what is checked.
"""

import json

import checker
import pytest

META_DIR = checker.meta_dir()
if not META_DIR.is_dir():
	raise RuntimeError(
		f"Frappe v15 meta definitions not found at {META_DIR}: set FRAPPE_META_DIR, or FRAPPE_BENCH to a bench"
	)

FILES = checker.shipped_json_files(checker.APP_ROOT)


@pytest.fixture(scope="module")
def ctx():
	return checker.make_context(checker.APP_ROOT, META_DIR)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(checker.APP_ROOT.parent)) for p in FILES])
def test_shipped_json(path, ctx):
	errors = checker.check_file(path, ctx)
	assert not errors, "\n".join(errors)


def test_app_ships_metadata():
	"""The app has a modules.txt naming its module, and the checker finds its JSON files."""
	assert "Consultation" in checker.app_modules(checker.APP_ROOT)
	assert FILES, "no JSON files found under consult_app/"


def test_frappe_doctypes_list():
	names = checker.load_frappe_doctypes()
	assert {"DocType", "User", "Role", "Workflow", "Workspace", "Has Role"} <= names
	assert len(names) > 200


def write_app(tmp_path, doctype_json, extra=None):
	"""A minimal app package in tmp_path with one module and the given DocType JSON."""
	app = tmp_path / "consult_app"
	folder = app / "consultation" / "doctype" / checker.scrub(doctype_json["name"])
	folder.mkdir(parents=True)
	(app / "modules.txt").write_text("Consultation\n")
	path = folder / f"{folder.name}.json"
	path.write_text(json.dumps(doctype_json, indent=1))
	for rel, data in (extra or {}).items():
		p = app / rel
		p.parent.mkdir(parents=True, exist_ok=True)
		p.write_text(data if isinstance(data, str) else json.dumps(data, indent=1))
	return app, path


def good_doctype():
	return {
		"doctype": "DocType",
		"name": "Good Topic",
		"module": "Consultation",
		"naming_rule": "Expression",
		"autoname": "format:TOP-{#####}",
		"sort_field": "creation",
		"sort_order": "DESC",
		"engine": "InnoDB",
		"field_order": ["title", "status", "owner_user", "rows"],
		"fields": [
			{"fieldname": "title", "fieldtype": "Data", "label": "Title", "reqd": 1},
			{"fieldname": "status", "fieldtype": "Select", "options": "Open\nClosed", "default": "Open"},
			{"fieldname": "owner_user", "fieldtype": "Link", "options": "User"},
			{"fieldname": "rows", "fieldtype": "Table", "options": "Good Row"},
		],
		"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
	}


def test_good_doctype_passes(tmp_path):
	row = {
		"doctype": "DocType",
		"name": "Good Row",
		"module": "Consultation",
		"istable": 1,
		"field_order": ["note"],
		"fields": [{"fieldname": "note", "fieldtype": "Small Text"}],
		"permissions": [],
	}
	app, _path = write_app(tmp_path, good_doctype(), {"consultation/doctype/good_row/good_row.json": row})
	assert checker.check_path(app, meta_path=META_DIR) == []


def test_broken_doctype_is_reported(tmp_path):
	"""The tier fails on broken JSON: each kind of problem is reported."""
	bad = good_doctype()
	bad["name"] = "Broken Topic"
	bad["colour"] = "red"  # unknown key
	bad["sort_order"] = "SIDEWAYS"  # bad Select value on the DocType
	bad["naming_rule"] = "By magic"  # bad Select value
	bad["fields"] = [
		{"fieldname": "title", "fieldtype": "Strng", "label": "Title"},  # bad fieldtype
		{"fieldname": "status", "fieldtype": "Select"},  # Select without options
		{"fieldname": "room", "fieldtype": "Link", "options": "No Such DocType"},  # Link to nowhere
		{"fieldname": "rows", "fieldtype": "Table", "options": "Missing Child"},  # Table to nowhere
		{"fieldname": "title", "fieldtype": "Data", "wibble": 1},  # duplicate + unknown DocField key
	]
	bad["field_order"] = ["title", "room", "status"]
	bad["permissions"] = [{"role": "System Manager", "read": 1, "fly": 1}]  # unknown DocPerm key
	bad["module"] = "Elsewhere"
	app, _path = write_app(tmp_path, bad)
	errors = "\n".join(checker.check_path(app, meta_path=META_DIR))

	assert "unknown key 'colour'" in errors
	assert "bad Select value 'SIDEWAYS' for DocType.sort_order" in errors
	assert "bad Select value 'By magic' for DocType.naming_rule" in errors
	assert "bad fieldtype 'Strng' for DocField.fieldtype" in errors
	assert "Select field has no options" in errors
	assert "Link target 'No Such DocType' exists neither in the app nor in Frappe" in errors
	assert "Table target 'Missing Child' exists neither in the app nor in Frappe" in errors
	assert "duplicate fieldnames ['title']" in errors
	assert "unknown key 'wibble' for doctype 'DocField'" in errors
	assert "unknown key 'fly' for doctype 'DocPerm'" in errors
	assert "field_order does not match fields" in errors
	assert "module 'Elsewhere'" in errors


def test_broken_records_are_reported(tmp_path):
	"""Workflows, reports, fixtures and invalid JSON are checked too."""
	workflow = {
		"doctype": "Workflow",
		"name": "Topic Flow",
		"workflow_name": "Topic Flow",
		"document_type": "Nowhere Doc",
		"states": [{"state": "Draft", "doc_status": "7", "allow_edit": "Convener"}],
		"transitions": [{"state": "Draft", "action": "Submit", "next_state": "Done", "who": "x"}],
	}
	report = {
		"doctype": "Report",
		"name": "Wrong Name",
		"report_name": "Wrong Name",
		"ref_doctype": "Good Topic",
		"report_type": "Fancy Report",
		"module": "Consultation",
	}
	fixture = [{"doctype": "Role", "name": "X", "role_name": "X", "desk_accessible": 1}]
	app, _path = write_app(
		tmp_path,
		good_doctype() | {"fields": [], "field_order": []},
		{
			"consultation/workflow/topic_flow/topic_flow.json": workflow,
			"consultation/report/topic_report/topic_report.json": report,
			"fixtures/role.json": fixture,
			"fixtures/broken.json": "{not json",
		},
	)
	errors = "\n".join(checker.check_path(app, meta_path=META_DIR))
	assert "links to DocType 'Nowhere Doc'" in errors
	assert "bad Select value '7' for Workflow Document State.doc_status" in errors
	assert "unknown key 'who' for doctype 'Workflow Transition'" in errors
	assert "bad Select value 'Fancy Report' for Report.report_type" in errors
	assert "name 'Wrong Name' does not match its folder 'topic_report'" in errors
	assert "unknown key 'desk_accessible' for doctype 'Role'" in errors
	assert "broken.json: invalid JSON" in errors
