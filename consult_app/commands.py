"""bench commands of the app: `bench --site SITE consult-reset-workflow [NAME ...]`."""

import click
from frappe.commands import get_site, pass_context


@click.command("consult-reset-workflow")
@click.argument("names", nargs=-1)
@pass_context
def reset_workflow(context, names):
	"""Reset the app's standard workflows (all, or those NAMEd) to the shipped definition."""
	import frappe

	from consult_app.process import workflows

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		for name in names or list(workflows.standard_workflows()):
			workflows.reset_workflow(name)
			click.echo(f"Reset {name} to the standard workflow.")
		frappe.db.commit()
	finally:
		frappe.destroy()


commands = [reset_workflow]
