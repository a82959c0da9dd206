import frappe
from frappe import _

from consult_app.public_pages import public_notices

no_cache = 1


def get_context(context):
	context.title = _("Public Notice of Consultation Topics")
	context.notices = public_notices()
	context.no_breadcrumbs = True
	return context
