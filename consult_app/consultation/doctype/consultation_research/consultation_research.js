// Copyright (c) 2026, consult_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Consultation Research", {
	setup(frm) {
		// research starts once the topic is publicized (Yancheng Norms art. 14–15)
		frm.set_query("topic", () => ({
			filters: { workflow_state: ["in", frappe.boot.consult_process.topic.RESEARCHABLE] },
		}));
		frm.set_query("participant", "team", () => ({ filters: { active: 1 } }));
	},

	refresh(frm) {
		if (!frm.is_new() && frm.perm[0] && frm.perm[0].write && !frm.doc.completed) {
			// member groups liaise with villages and communities: suggest their members for the team
			frm.add_custom_button(__("Suggest Team from Member Groups"), () => {
				frm.call("suggest_team").then((r) => {
					const people = (r && r.message) || [];
					if (!people.length) {
						frappe.msgprint(__("No member group liaises with this topic's room, or its members are on the team."));
						return;
					}
					people.forEach((p) => {
						const row = frm.add_child("team", { participant: p.participant, team_role: "Team Member" });
						row.participant_name = p.participant_name;
					});
					frm.refresh_field("team");
					frappe.show_alert({ message: __("{0} members suggested; save to keep them.", [people.length]), indicator: "blue" });
				});
			});
		}
		if (!frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Join Research Team"), () => {
				if (frm.is_dirty()) {
					frappe.msgprint(__("Save the research record first."));
					return;
				}
				frm.call("join_team").then((r) => {
					if (r && r.message) {
						frappe.show_alert({
							message: __("{0} joined the research team.", [r.message.full_name]),
							indicator: "green",
						});
						frm.reload_doc();
					}
				});
			});
		}
	},
});
