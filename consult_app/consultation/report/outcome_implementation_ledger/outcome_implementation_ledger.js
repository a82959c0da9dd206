// Outcome Implementation Ledger 成果落实台账 (consult_app/consultation/report/outcome_implementation_ledger)
frappe.query_reports["Outcome Implementation Ledger"] = {
	filters: [
		{ fieldname: "overdue_only", label: __("Overdue Only"), fieldtype: "Check" },
		{ fieldname: "open_only", label: __("Open Only"), fieldtype: "Check" },
		{
			fieldname: "handling_unit",
			label: __("Handling Unit"),
			fieldtype: "Link",
			options: "Consultation Handling Unit",
		},
		{ fieldname: "room", label: __("Room"), fieldtype: "Link", options: "Consultation Room" },
		{
			fieldname: "workflow_state",
			label: __("State"),
			fieldtype: "Link",
			options: "Workflow State",
			get_query: () => ({ filters: { name: ["in", frappe.boot.consult_process.outcome.STATES] } }),
		},
		{
			fieldname: "handling_class",
			label: __("Handling Class"),
			fieldtype: "Select",
			options: [
				"",
				"A: Adopted and Implemented",
				"B: Planned, Solved Step by Step",
				"C: Not Yet Feasible, Explained",
			],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "days_overdue" && data && data.days_overdue > 0) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
