// Consultation activities per month by room level (consult_app.reports.activities_per_month_by_level)
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Consultation Activities by Level"] = {
	method: "consult_app.reports.activities_per_month_by_level",
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
		},
	],
};
