"""Finish a fresh Frappe site non-interactively: complete the setup wizard with
the given language (default zh = 简体中文), country and time zone, so that the
Desk opens directly instead of showing the wizard. Idempotent: on a site whose
setup is already complete it only makes sure the default language is set.

Run with the bench's Python from the bench's sites directory:
    cd $FRAPPE_BENCH/sites && ../env/bin/python /path/to/configure_site.py SITE [LANG]
"""

import sys

import frappe
from frappe.utils import cint

COUNTRY = "China"
TIME_ZONE = "Asia/Shanghai"
CURRENCY = "CNY"


def main(site: str, lang: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		lang_name = frappe.db.get_value("Language", lang, "language_name")
		if not lang_name:
			print(f"Language {lang!r} not found; keeping the current language")
			return

		if not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
			from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

			setup_complete(
				{
					"language": lang_name,
					"lang": lang_name,  # read by update_global_settings in v15
					"country": COUNTRY,
					"timezone": TIME_ZONE,
					"currency": CURRENCY,
				}
			)
			print(f"Setup wizard completed (language {lang}, {COUNTRY}, {TIME_ZONE})")

		settings = frappe.get_single("System Settings")
		if settings.language != lang:
			settings.language = lang
			settings.save()
		if frappe.db.get_default("lang") != lang:
			frappe.db.set_default("lang", lang)
		frappe.db.commit()
		frappe.clear_cache()
		print(f"Site {site}: language = {lang} ({lang_name})")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	if len(sys.argv) < 2:
		sys.exit("usage: configure_site.py SITE [LANG]")
	main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "zh")
