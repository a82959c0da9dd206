"""The process's names for the browser (hooks.boot_session): frappe.boot.consult_process."""

from consult_app.process.states import client_names


def boot_session(bootinfo):
	bootinfo.consult_process = client_names()
