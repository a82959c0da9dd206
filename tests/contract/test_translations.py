"""Chinese first: every user-facing string the app ships has a zh translation in translations/zh.csv.

Strings come from the metadata (DocType names, labels, descriptions, Select options; workflow states and
actions; roles; web form, workspace and print format texts) and from the code (`_("...")` in Python,
Jinja templates and notifications, `__("...")` in JavaScript). A missing one fails with its source.
"""

import ast
import csv
import json
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "consult_app"
JINJA_MSG = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""")
JS_MSG = re.compile(r"""__\(\s*(["'])((?:(?!\1)[^\\]|\\.)*)\1""")


def translations() -> dict[str, str]:
	with open(APP / "translations" / "zh.csv", encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}


def strings_from_metadata():
	for path in sorted(APP.glob("consultation/doctype/*/*.json")):
		dt = json.loads(path.read_text())
		yield path.name, dt["name"]
		for df in dt["fields"]:
			for key in ("label", "description"):
				if df.get(key):
					yield f"{path.name}:{df['fieldname']}", df[key]
			if df["fieldtype"] == "Select":
				for option in (df.get("options") or "").split("\n"):
					if option:
						yield f"{path.name}:{df['fieldname']}", option
	for path in sorted(APP.glob("consultation/workflow/*/*.json")):
		wf = json.loads(path.read_text())
		yield path.name, wf["name"]
		for row in wf["states"]:
			yield path.name, row["state"]
		for row in wf["transitions"]:
			yield path.name, row["action"]
	for role in json.loads((APP / "access" / "roles.json").read_text()):
		yield "role.json", role["name"]
	for path in sorted(APP.glob("consultation/web_form/*/*.json")):
		wf = json.loads(path.read_text())
		for key in ("title", "introduction_text", "success_message", "success_title", "button_label"):
			if wf.get(key):
				yield path.name, wf[key]
		for df in wf["web_form_fields"]:
			for key in ("label", "description"):
				if df.get(key):
					yield f"{path.name}:{df['fieldname']}", df[key]
	for path in sorted(APP.glob("consultation/workspace/*/*.json")):
		ws = json.loads(path.read_text())
		yield path.name, ws["label"]
		for link in ws["links"]:
			yield path.name, link["label"]
	for path in sorted(APP.glob("consultation/print_format/*/*.json")):
		yield path.name, json.loads(path.read_text())["name"]
	for path in sorted(APP.glob("consultation/report/*/*.json")):
		yield path.name, json.loads(path.read_text())["name"]
	for path in sorted(APP.glob("consultation/number_card/*/*.json")):
		yield path.name, json.loads(path.read_text())["label"]
	for path in sorted(APP.glob("consultation/dashboard_chart/*/*.json")):
		yield path.name, json.loads(path.read_text())["chart_name"]
	for path in sorted(APP.glob("consultation/report/*/*.js")):
		# Select options of the report filters are shown translated
		for options in re.findall(r"options: \[([^\]]*)\]", path.read_text()):
			for option in re.findall(r'"([^"\n]*)"', options):
				if option:
					yield path.name, option


def strings_from_code():
	for path in sorted(APP.rglob("*.py")):
		tree = ast.parse(path.read_text())
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				yield f"{path.relative_to(APP)}:{node.lineno}", node.args[0].value
	templates = list(APP.rglob("*.html")) + list(APP.glob("consultation/print_format/*/*.json"))
	templates += list(APP.glob("consultation/notification/*/*.json"))
	for path in sorted(templates):
		text = path.read_text()
		if path.suffix == ".json":
			data = json.loads(text)
			text = "\n".join(str(data.get(k) or "") for k in ("html", "message", "subject"))
		for match in JINJA_MSG.finditer(text):
			yield str(path.relative_to(APP)), match.group(1).replace('\\"', '"')
	for path in sorted(APP.rglob("*.js")):
		for match in JS_MSG.finditer(path.read_text()):
			yield str(path.relative_to(APP)), match.group(2)


def test_every_shipped_string_has_a_chinese_translation():
	zh = translations()
	missing = sorted(
		{
			f"{where}: {text!r}"
			for where, text in [*strings_from_metadata(), *strings_from_code()]
			if text not in zh
		}
	)
	assert not missing, f"{len(missing)} strings without a zh translation:\n" + "\n".join(missing)


def test_translations_are_chinese_and_keep_their_placeholders():
	bad = []
	for en, zh in translations().items():
		if not re.search(r"[\u4e00-\u9fff]", zh) and en.strip() not in {"", ",", ", "}:
			bad.append(f"{en!r}: {zh!r} is not Chinese")
		for placeholder in set(re.findall(r"\{\d\}", en)):
			if placeholder not in zh:
				bad.append(f"{en!r}: {zh!r} lacks {placeholder}")
	assert not bad, "\n".join(bad)


@pytest.mark.parametrize("broken", ["Unknown English label nobody translated"])
def test_the_check_finds_a_missing_translation(broken):
	assert broken not in translations()
