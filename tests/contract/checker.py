"""Static contract checks of the JSON metadata files the app ships, without a Frappe bench.

Every record (a dict with a ``doctype`` key, or a list of them) is checked against the Frappe 15.44
definition of its DocType (``<repo>/../shared/frappe-v15-meta/*.json``) or, for records of the app's own
DocTypes (fixtures, test records), against the app's DocType JSON. Child rows are checked against the
DocType named by the parent meta's Table field ``options``.

Usage: ``check_path(file_or_dir)`` returns a list of errors (empty = fine) for one JSON file or every JSON
file under a directory; ``python tests/contract/checker.py [PATH...]`` prints them (default: consult_app/).
Each error is a plain string naming the file and the record/field at fault. No Frappe import.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
APP_NAME = "consult_app"
APP_ROOT = REPO_ROOT / APP_NAME
FRAPPE_DOCTYPES_FILE = HERE / "frappe_doctypes.txt"

# frappe.model.default_fields + child_table_fields + optional_fields, and keys Frappe adds on export
STANDARD_KEYS = frozenset(
	{
		"doctype",
		"name",
		"owner",
		"creation",
		"modified",
		"modified_by",
		"docstatus",
		"idx",
		"parent",
		"parentfield",
		"parenttype",
		"_user_tags",
		"_comments",
		"_assign",
		"_liked_by",
		"_seen",
		"__last_sync_on",
	}
)
# keys that Frappe's exporter adds to particular doctypes (DocType.export_doc writes field_order)
EXTRA_KEYS = {"DocType": frozenset({"field_order"})}
# fieldtypes that hold no value (their fieldnames are not data keys); Table types hold child rows
NO_VALUE_TYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Image", "Fold", "Heading"}
)
TABLE_TYPES = frozenset({"Table", "Table MultiSelect"})
LINK_TYPES = frozenset({"Link", "Table", "Table MultiSelect"})
# directories under the app package that hold no metadata
IGNORED_DIRS = frozenset({"public", "node_modules", "__pycache__", "www", "translations"})


def meta_dir() -> Path:
	"""The Frappe meta definitions: $FRAPPE_META_DIR; else <repo>/../shared/frappe-v15-meta; else the bench's
	own Frappe ($FRAPPE_BENCH/apps/frappe/frappe, whose */doctype/*/*.json are the same definitions), so a
	new user with a bench and only this repository runs the tier too."""
	if os.environ.get("FRAPPE_META_DIR"):
		return Path(os.environ["FRAPPE_META_DIR"])
	shared = REPO_ROOT.parent / "shared" / "frappe-v15-meta"
	if shared.is_dir():
		return shared
	bench = Path(os.environ.get("FRAPPE_BENCH") or "/home/frappe/frappe-bench")
	return bench / "apps" / "frappe" / "frappe"


def scrub(txt: str) -> str:
	"""Same as frappe.scrub."""
	return txt.replace(" ", "_").replace("-", "_").lower()


def select_options(df: dict) -> list[str] | None:
	"""The allowed values of a Select field, or None when they are set at run time (no options)."""
	options = df.get("options") or ""
	if not options.strip():
		return None
	return options.split("\n")


@lru_cache(maxsize=8)
def load_meta(directory: str) -> dict[str, dict]:
	"""DocType name -> DocType JSON for every file in the meta directory."""
	metas = {}
	paths = sorted(Path(directory).glob("*.json")) or sorted(Path(directory).glob("*/doctype/*/*.json"))
	for path in paths:
		data = json.loads(path.read_text(encoding="utf-8"))
		if isinstance(data, dict) and data.get("doctype") == "DocType" and data.get("name"):
			metas[data["name"]] = data
	return metas


@lru_cache(maxsize=2)
def load_frappe_doctypes(path: str = str(FRAPPE_DOCTYPES_FILE)) -> frozenset[str]:
	lines = Path(path).read_text(encoding="utf-8").splitlines()
	return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def read_json(path: Path):
	return json.loads(path.read_text(encoding="utf-8"))


def app_doctype_files(app_root: Path) -> list[Path]:
	return sorted(p for p in app_root.glob("*/doctype/*/*.json") if p.stem == p.parent.name)


def load_app_doctypes(app_root: Path) -> dict[str, dict]:
	"""DocType name -> JSON for the app's own DocTypes (unreadable files are reported by their own test)."""
	doctypes = {}
	for path in app_doctype_files(app_root):
		try:
			data = read_json(path)
		except (OSError, ValueError):
			continue
		if isinstance(data, dict) and data.get("doctype") == "DocType" and data.get("name"):
			doctypes[data["name"]] = data
	return doctypes


def app_modules(app_root: Path) -> list[str]:
	modules_txt = app_root / "modules.txt"
	if not modules_txt.exists():
		return []
	return [m.strip() for m in modules_txt.read_text(encoding="utf-8").splitlines() if m.strip()]


def shipped_json_files(app_root: Path = APP_ROOT) -> list[Path]:
	"""Every JSON file under the app package, except static assets."""
	files = []
	for dirpath, dirnames, filenames in os.walk(app_root):
		dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_DIRS and not d.startswith("."))
		files.extend(Path(dirpath) / f for f in sorted(filenames) if f.endswith(".json"))
	return files


@dataclass
class Context:
	app_root: Path
	metas: dict[str, dict]
	frappe_doctypes: frozenset[str]
	app_doctypes: dict[str, dict] = field(default_factory=dict)
	modules: list[str] = field(default_factory=list)

	def doctype_exists(self, name: str) -> bool:
		return name in self.app_doctypes or name in self.frappe_doctypes or name in self.metas

	def meta_for(self, doctype: str) -> dict | None:
		# the app's own DocTypes first: their fixtures/test records are checked against the app's JSON
		return self.app_doctypes.get(doctype) or self.metas.get(doctype)


def make_context(app_root: Path | str = APP_ROOT, meta_path: Path | str | None = None) -> Context:
	app_root = Path(app_root).resolve()
	meta_path = Path(meta_path) if meta_path else meta_dir()
	if not meta_path.is_dir():
		raise FileNotFoundError(f"Frappe meta definitions not found at {meta_path}")
	return Context(
		app_root=app_root,
		metas=load_meta(str(meta_path.resolve())),
		frappe_doctypes=load_frappe_doctypes(),
		app_doctypes=load_app_doctypes(app_root),
		modules=app_modules(app_root),
	)


# ---------------------------------------------------------------------------------------------------
# record checks (any doctype)


def check_record(record, ctx: Context, where: str, expected_doctype: str | None = None) -> list[str]:
	errors: list[str] = []
	if not isinstance(record, dict):
		return [f"{where}: expected an object, got {type(record).__name__}"]
	doctype = record.get("doctype") or expected_doctype
	if not doctype:
		return [f"{where}: record has no 'doctype' key"]
	if expected_doctype and record.get("doctype") and record["doctype"] != expected_doctype:
		errors.append(
			f"{where}: child row doctype {record['doctype']!r} but the table holds {expected_doctype!r}"
		)
	meta = ctx.meta_for(doctype)
	if meta is None:
		if not ctx.doctype_exists(doctype):
			errors.append(f"{where}: unknown doctype {doctype!r} (neither in the app nor in Frappe)")
		# a Frappe DocType whose definition is not among the shared meta files: nothing to check against
		return errors

	fields = {df["fieldname"]: df for df in meta.get("fields", []) if df.get("fieldname")}
	allowed = {name for name, df in fields.items() if df.get("fieldtype") not in NO_VALUE_TYPES}
	for key in record:
		if key not in allowed and key not in STANDARD_KEYS and key not in EXTRA_KEYS.get(doctype, ()):
			errors.append(f"{where}: unknown key {key!r} for doctype {doctype!r}")

	for fieldname, df in fields.items():
		if fieldname not in record:
			continue
		value = record[fieldname]
		fieldtype = df.get("fieldtype")
		if fieldtype == "Select":
			options = select_options(df)
			if options is not None and value not in (None, "") and str(value) not in options:
				what = "bad fieldtype" if fieldname == "fieldtype" else "bad Select value"
				errors.append(
					f"{where}: {what} {value!r} for {doctype}.{fieldname} (allowed: {', '.join(o for o in options if o)})"
				)
		elif fieldtype in TABLE_TYPES:
			if value in (None, ""):
				continue
			if not isinstance(value, list):
				errors.append(f"{where}: {doctype}.{fieldname} must be a list of rows")
				continue
			child = df.get("options")
			for i, row in enumerate(value):
				label = row.get("fieldname") or row.get("name") if isinstance(row, dict) else None
				row_where = f"{where}.{fieldname}[{i}{'=' + str(label) if label else ''}]"
				errors.extend(check_record(row, ctx, row_where, expected_doctype=child))
		elif fieldtype == "Link" and df.get("options") == "DocType":
			if isinstance(value, str) and value and not ctx.doctype_exists(value):
				errors.append(
					f"{where}: {doctype}.{fieldname} links to DocType {value!r}, which exists neither in the app nor in Frappe"
				)
	return errors


# ---------------------------------------------------------------------------------------------------
# checks specific to the app's DocType definitions


def check_app_doctype(data: dict, path: Path, ctx: Context, where: str) -> list[str]:
	errors: list[str] = []
	name = data.get("name") or ""
	if scrub(name) != path.parent.name:
		errors.append(
			f"{where}: DocType name {name!r} does not match its folder {path.parent.name!r} (scrubbed)"
		)
	if path.stem != path.parent.name:
		errors.append(f"{where}: file name {path.name!r} does not match its folder {path.parent.name!r}")

	fields = data.get("fields") or []
	if not isinstance(fields, list):
		return [*errors, f"{where}: 'fields' must be a list"]
	fieldnames = []
	for i, df in enumerate(fields):
		if not isinstance(df, dict):
			continue
		fieldname = df.get("fieldname")
		fwhere = f"{where}.fields[{i}={fieldname}]"
		if not fieldname:
			errors.append(f"{fwhere}: field has no fieldname")
			continue
		fieldnames.append(fieldname)
		fieldtype = df.get("fieldtype")
		if not fieldtype:
			errors.append(f"{fwhere}: field has no fieldtype")
		options = (df.get("options") or "").strip()
		if fieldtype == "Select" and not options:
			errors.append(f"{fwhere}: Select field has no options")
		if fieldtype in LINK_TYPES:
			if not options:
				errors.append(f"{fwhere}: {fieldtype} field has no options (target DocType)")
			elif not ctx.doctype_exists(options):
				errors.append(
					f"{fwhere}: {fieldtype} target {options!r} exists neither in the app nor in Frappe"
				)
			elif fieldtype in TABLE_TYPES and options in ctx.app_doctypes:
				if not ctx.app_doctypes[options].get("istable"):
					errors.append(f"{fwhere}: {fieldtype} target {options!r} is not a child table (istable)")
		if fieldtype == "Dynamic Link":
			if not options:
				errors.append(f"{fwhere}: Dynamic Link field has no options (the field holding the DocType)")
			elif options not in {f.get("fieldname") for f in fields if isinstance(f, dict)}:
				errors.append(f"{fwhere}: Dynamic Link options {options!r} is not a field of this DocType")

	dupes = sorted({f for f in fieldnames if fieldnames.count(f) > 1})
	if dupes:
		errors.append(f"{where}: duplicate fieldnames {dupes}")
	field_order = data.get("field_order")
	if field_order is None:
		if fieldnames:
			errors.append(f"{where}: no field_order")
	elif list(field_order) != fieldnames:
		missing = [f for f in fieldnames if f not in field_order]
		extra = [f for f in field_order if f not in fieldnames]
		detail = f"missing {missing}, not fields {extra}" if missing or extra else "order differs"
		errors.append(f"{where}: field_order does not match fields ({detail})")
	return errors


def check_module(data: dict, path: Path, ctx: Context, where: str) -> list[str]:
	"""Standard records kept in a module folder: <app>/<module>/<type>/<name>/<name>.json."""
	errors: list[str] = []
	try:
		rel = path.resolve().relative_to(ctx.app_root)
	except ValueError:
		rel = None
	module = data.get("module")
	meta = ctx.metas.get(data.get("doctype") or "")
	has_module_field = data.get("doctype") == "DocType" or (
		meta is not None and any(df.get("fieldname") == "module" for df in meta.get("fields", []))
	)
	if has_module_field:
		if not module:
			errors.append(f"{where}: no module")
		elif ctx.modules and module not in ctx.modules:
			errors.append(f"{where}: module {module!r} is not in modules.txt {ctx.modules}")
		elif rel is not None and len(rel.parts) == 4 and scrub(module) != rel.parts[0]:
			errors.append(f"{where}: module {module!r} but the file is in module folder {rel.parts[0]!r}")
	if (
		rel is not None
		and len(rel.parts) == 4
		and rel.parts[2] == path.stem
		and data.get("doctype") != "DocType"
	):
		name = data.get("name") or ""
		if name and scrub(name) != path.stem:
			errors.append(f"{where}: name {name!r} does not match its folder {path.stem!r} (scrubbed)")
	return errors


# ---------------------------------------------------------------------------------------------------
# entry points


def check_file(path: Path | str, ctx: Context | None = None) -> list[str]:
	path = Path(path)
	ctx = ctx or make_context()
	try:
		where = str(path.resolve().relative_to(ctx.app_root.parent))
	except ValueError:
		where = str(path)
	try:
		data = read_json(path)
	except ValueError as e:
		return [f"{where}: invalid JSON: {e}"]
	records = data if isinstance(data, list) else [data]
	errors: list[str] = []
	for i, record in enumerate(records):
		rwhere = f"{where}[{i}]" if isinstance(data, list) else where
		errors.extend(check_record(record, ctx, rwhere))
		if not isinstance(record, dict):
			continue
		if isinstance(data, dict):
			errors.extend(check_module(record, path, ctx, rwhere))
		if record.get("doctype") == "DocType" and path.parent.parent.name == "doctype":
			errors.extend(check_app_doctype(record, path, ctx, rwhere))
	return errors


def check_path(
	path: Path | str, app_root: Path | str | None = None, meta_path: Path | str | None = None
) -> list[str]:
	"""Errors for one JSON file, or for every JSON file under a directory.

	``app_root`` is the app package whose DocTypes count as existing (default: the directory itself when
	``path`` is a directory, else this repo's consult_app/).
	"""
	path = Path(path)
	if app_root is None:
		app_root = path if path.is_dir() else APP_ROOT
	ctx = make_context(app_root, meta_path)
	files = shipped_json_files(path) if path.is_dir() else [path]
	errors: list[str] = []
	for f in files:
		errors.extend(check_file(f, ctx))
	return errors


if __name__ == "__main__":
	import sys

	problems = []
	for arg in sys.argv[1:] or [str(APP_ROOT)]:
		problems.extend(check_path(arg))
	print("\n".join(problems) or "ok")
	sys.exit(1 if problems else 0)
