"""回音壁 — the public echo wall (Experience Reports): published topics, what was decided, done and answered.

Guest page, no login. The data comes only from consult_app.public_pages.echo_wall_items (explicit public
fields). /echo-wall lists the published topics; /echo-wall?topic=NAME shows one, and answers 404 for a
topic that is unknown or not published (never a server error).
"""

import frappe
from frappe import _

from consult_app.public_pages import echo_wall_items

no_cache = 1


def get_context(context):
	topic = frappe.form_dict.get("topic")
	context.no_breadcrumbs = True
	context.show_sidebar = False
	if topic:
		items = echo_wall_items(topic=str(topic)[:140]) if isinstance(topic, str) else []
		if not items:
			raise frappe.PageDoesNotExistError
		context.echo_topics = items
		context.detail = True
		context.title = items[0]["title"]
	else:
		context.echo_topics = echo_wall_items()
		context.detail = False
		context.title = _("Echo Wall")
	return context
