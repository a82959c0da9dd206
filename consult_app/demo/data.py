"""The demo's records, as data: who the people are, which rooms, topics and what happened to them.

Drawn from the work plans (docs/sources.md): 高笋塘街道 of the Gaosuntang Plan (its quarterly cycle and the
members' research), 大城街道 of the Dacheng Plan (dual conveners, the residents' council "1+7+X"), 海安
闸东社区 of the Hai'an Plan (no annual plan: a temporary topic) and a 盐城 park room of the Yancheng Norms.
Nothing here touches a site; story.py walks it through the workflows. Dates are offsets in days: before
today (`*_ago`) or after the meeting (`*_after`), turned into dates when the demo is loaded.
"""

from __future__ import annotations

from consult_app.process.states import Outcome, Topic
from consult_app.rules import CLASS_A, CLASS_B, CLASS_C, EXCLUSION_FIELDS

DEMO_PASSWORD = "Demo-Consult-2026"

# key -> (email, full name, roles)
USERS = {
	"manager": ("manager@demo.consult", "王晓红", ["Consultation Manager"]),
	"sec_gst": ("lijing@demo.consult", "李静", ["Room Secretary"]),
	"sec_dc": ("sunli@demo.consult", "孙丽", ["Room Secretary"]),
	"sec_zd": ("zhaomin@demo.consult", "赵敏", ["Room Secretary"]),
	"sec_yc": ("zhoujie@demo.consult", "周洁", ["Room Secretary"]),
	"reviewer": ("chenjianguo@demo.consult", "陈建国", ["Party Reviewer"]),
	# dual conveners (Dacheng Plan IV.2, Yancheng Norms art. 4): a party deputy secretary and a CPPCC member
	"convener1": ("liuzhiqiang@demo.consult", "刘志强", ["Convener", "Party Reviewer"]),
	"convener2": ("huanghaiyan@demo.consult", "黄海燕", ["Convener", "CPPCC Member"]),
	"member1": ("wuwenbo@demo.consult", "吴文博", ["CPPCC Member"]),
	"member2": ("zhengyaqin@demo.consult", "郑雅琴", ["CPPCC Member"]),
	"unit": ("hejianhua@demo.consult", "何建华", ["Handling Unit"]),
	"unit_cg": ("zouming@demo.consult", "邹明", ["Handling Unit"]),
}

R_GST = "高笋塘街道协商议事室"
R_GSTC = "高笋塘社区协商议事室"
R_DC = "大城街道协商议事室"
R_ZD = "闸东社区协商议事室"
R_YC = "盐城经济技术开发区协商议事室"

# in order: a parent room before the rooms under it
ROOMS = [
	{
		"room_name": R_GST,
		"level": "Town/Street",
		"is_group": 1,
		"host_organisation": "中共万州区高笋塘街道工作委员会",
		"county_cppcc": "政协重庆市万州区委员会",
		"address": "重庆市万州区高笋塘街道便民服务中心二楼",
		"secretaries": ["sec_gst"],
		"six_haves": 1,
	},
	{
		"room_name": R_GSTC,
		"level": "Village/Community",
		"parent_consultation_room": R_GST,
		"host_organisation": "中共万州区高笋塘社区委员会",
		"county_cppcc": "政协重庆市万州区委员会",
		"address": "重庆市万州区高笋塘社区党群服务中心",
		"secretaries": [],
		"six_haves": 0,
	},
	{
		"room_name": R_DC,
		"level": "Town/Street",
		"host_organisation": "中共天水市秦州区大城街道工作委员会",
		"county_cppcc": "政协天水市秦州区委员会",
		"address": "甘肃省天水市秦州区大城街道党群服务中心",
		"secretaries": ["sec_dc"],
		"six_haves": 1,
		"committee_term": (-1, 3),  # years from now: the council's term is the residents' committee's
	},
	{
		"room_name": R_ZD,
		"level": "Village/Community",
		"host_organisation": "中共海安高新区闸东社区委员会",
		"county_cppcc": "政协海安市委员会",
		"address": "江苏省海安市高新区闸东社区党群服务中心",
		"secretaries": ["sec_zd"],
		"six_haves": 0,
	},
	{
		"room_name": R_YC,
		"level": "Park",
		"host_organisation": "中共盐城经济技术开发区工作委员会",
		"county_cppcc": "政协盐城市委员会",
		"address": "江苏省盐城市经济技术开发区管委会",
		"secretaries": ["sec_yc"],
		"six_haves": 0,
	},
]

EXPERTISE = {
	"城市规划": "旧城改造、公共空间与社区规划",
	"建筑工程": "既有建筑改造、结构安全评估（如加装电梯）",
	"法律服务": "政策法规解读、矛盾纠纷调解",
	"物业管理": "老旧小区物业、维修资金使用",
	"养老服务": "居家养老、社区助餐与照护",
	"环境卫生": "垃圾分类、全域无垃圾治理",
	"交通管理": "停车治理、道路交通组织",
}

ACCEPTED_BY = {
	R_GST: "中共万州区高笋塘街道工作委员会",
	R_DC: "中共天水市秦州区大城街道工作委员会",
	R_ZD: "中共海安高新区闸东社区委员会",
	R_YC: "中共盐城经济技术开发区工作委员会",
}

# Participants accepted by the party organisation (Hai'an Plan II.2), one row each:
# full name, category, room, sector, organisation, position, is_cadre, expertise, user key, accepted
PARTICIPANTS = [
	("刘志强", "Township or Department Leader", R_GST, "中共", "高笋塘街道党工委", "党工委副书记", 1, [], "convener1", 1),
	("黄海燕", "County CPPCC Member", R_GST, "经济界", "万州区工商联", "区政协委员", 0, ["城市规划"], "convener2", 1),
	("吴文博", "County CPPCC Member", R_GST, "教育界", "万州区第二中学", "区政协委员", 0, ["法律服务"], "member1", 1),
	("郑雅琴", "City CPPCC Member", R_GST, "医药卫生界", "万州区人民医院", "市政协委员", 0, ["养老服务"], "member2", 1),
	("马国庆", "Stakeholder Representative", R_GST, "", "白岩路小区", "加装电梯意愿住户代表", 0, [], None, 1),
	("唐秀兰", "Resident Representative", R_GST, "", "高笋塘社区", "楼栋长", 0, [], None, 1),
	("冯志远", "Expert", R_GST, "科技界", "万州区建筑设计院", "高级工程师", 0, ["建筑工程", "城市规划"], None, 1),
	("谢文华", "Village, Community or Enterprise Head", R_GST, "", "高笋塘社区", "社区党委书记", 1, [], None, 1),
	("韩立新", "People's Congress Deputy", R_GST, "", "万州区人大代表", "区人大代表", 0, ["交通管理"], None, 1),
	("杨春梅", "Party Member Representative", R_GST, "", "高笋塘社区第三党支部", "党员代表", 0, [], None, 1),
	("曹永和", "Other", R_GST, "", "万州宏达物业公司", "项目经理", 0, ["物业管理"], None, 1),
	("邓丽娟", "Resident Representative", R_GST, "", "高笋塘社区", "居民", 0, [], None, 0),  # awaiting acceptance
	("许国平", "Village, Community or Enterprise Head", R_ZD, "", "闸东社区居委会", "居委会主任", 1, [], None, 1),
	("蒋海霞", "Resident Representative", R_ZD, "", "闸东社区", "居民代表", 0, ["环境卫生"], None, 1),
	("沈立军", "Township or Department Leader", R_YC, "", "开发区管委会", "社会事业局局长", 1, [], None, 1),
	("彭晓东", "Stakeholder Representative", R_YC, "", "园区企业", "职工代表", 0, ["交通管理"], None, 1),
]  # fmt: skip

# 大城街道's council, "1+7+X" (Dacheng Plan IV.2): 20 fixed members, cadres at most half.
# full name, category, position, is_cadre, council role
COUNCIL_DC = [
	("何立平", "Village, Community or Enterprise Head", "街道党工委委员", 1, "Party Secretary"),
	("罗建华", "Township or Department Leader", "街道办事处副主任", 1, "Fixed Member"),
	("高玉梅", "Village, Community or Enterprise Head", "澄源社区党委书记", 1, "Fixed Member"),
	("林国栋", "Village, Community or Enterprise Head", "环城社区主任", 1, "Fixed Member"),
	("郭建平", "Township or Department Leader", "派出所副所长", 1, "Fixed Member"),
	("梁淑芬", "Village, Community or Enterprise Head", "双桥社区主任", 1, "Fixed Member"),
	("宋文斌", "County CPPCC Member", "区政协委员", 0, "Fixed Member"),
	("胡晓燕", "County CPPCC Member", "区政协委员", 0, "Fixed Member"),
	("朱永强", "People's Congress Deputy", "区人大代表", 0, "Fixed Member"),
	("叶春兰", "Party Member Representative", "党员代表", 0, "Fixed Member"),
	("潘志明", "Stakeholder Representative", "商户代表", 0, "Fixed Member"),
	("董桂芳", "Resident Representative", "居民代表", 0, "Fixed Member"),
	("袁德胜", "Resident Representative", "居民代表", 0, "Fixed Member"),
	("蔡丽华", "Resident Representative", "居民代表", 0, "Fixed Member"),
	("田振宇", "Expert", "律师", 0, "Fixed Member"),
	("姜红霞", "Other", "社会组织负责人", 0, "Fixed Member"),
	("魏长青", "Resident Representative", "退休教师", 0, "Fixed Member"),
	("薛秀英", "Resident Representative", "居民代表", 0, "Fixed Member"),
	("范建新", "Stakeholder Representative", "辖区单位代表", 0, "Fixed Member"),
	("陆晓峰", "Other", "志愿者队长", 0, "Fixed Member"),
]

# room -> (first convener, second convener or None): Dacheng Plan IV.2, Yancheng Norms art. 4
CONVENERS = {
	R_GST: ("刘志强", "黄海燕"),
	R_DC: ("何立平", "宋文斌"),
	R_ZD: ("许国平", None),
	R_YC: ("沈立军", None),
}

UNIT_ZJW = "万州区住房和城乡建设委员会"
UNIT_CGB = "高笋塘街道城市管理办公室"
# unit name, responsible person, phone, user keys
HANDLING_UNITS = [
	(UNIT_ZJW, "何建华", "023-58000001", ["unit"]),
	(UNIT_CGB, "邹明", "023-58000002", ["unit_cg"]),
	("万州区公安局交通巡逻警察支队", "石磊", "023-58000003", []),
]

# Hai'an Plan II.4: two or three members form a group that liaises with villages and communities
MEMBER_GROUP = {
	"group_name": "高笋塘街道第一委员履职小组",
	"room": R_GST,
	"members": ["黄海燕", "郑雅琴"],
	"liaison_rooms": [R_GSTC],
	"notes": "分工联系高笋塘社区，每季度走访一次，参与议题调研。",
}

EXCLUSION_ALL_NO = {f: "No" for f in EXCLUSION_FIELDS}

# --------------------------------------------------------------------------------------------- topics

HISTORY = "楼道堆物与消防通道整治"  # concluded: every state, its A, B and C outcomes evaluated
LIFT = "老旧小区加装电梯"  # consulted: outcomes being handled, one of them overdue
PARKING = "背街小巷停车难"  # researched, its meeting scheduled
CHARGING = "小区新能源汽车充电桩安装"  # a temporary topic, under publicity
ANONYMOUS = "河堤步道夜间照明不足"  # proposed anonymously on the web form

COMMON = {"subject_category": "Public Affairs of Most Residents", "focus": "Livelihood Matter"}

# Each topic: its fields, the state it is taken to (`target`), who proposes it (`by`), whether the annual
# plan lists it (`in_plan`), its quarter (`quarter`: "previous" for the quarter before this one), and for
# the topics taken past approval, the story of when each step happened (`story`: days ago).
TOPICS = [
	dict(
		title=HISTORY,
		room=R_GST,
		source="Residents",
		proposer_name="唐秀兰",
		place="高笋塘社区老旧楼栋",
		subject_category="Public Governance",
		focus="Governance Difficulty",
		description="老旧楼道堆放杂物、电动车入户充电，消防通道堵塞，存在火灾隐患，需协商清理和长效管理办法。",
		target=Topic.CONCLUDED,
		by="sec_gst",
		in_plan=True,
		quarter="previous",
		story={"approved_ago": 95, "publicity_ago": 90, "research_ago": (88, 80), "meeting_ago": 75},
	),
	dict(
		title=LIFT,
		room=R_GST,
		source="Residents",
		proposer_name="马国庆",
		place="白岩路小区",
		description="白岩路片区老旧住宅多为六至七层，无电梯，老年住户上下楼困难，居民希望协商加装电梯的意愿征集、"
		"费用分摊和低层住户补偿办法。",
		target=Topic.CONSULTED,
		by="sec_gst",
		in_plan=True,
		story={"approved_ago": 50, "publicity_ago": 45, "research_ago": (43, 35), "meeting_ago": 30},
		**COMMON,
	),
	dict(
		title=PARKING,
		room=R_GST,
		source="Leaders",
		proposer_name="高笋塘街道党工委",
		subject_category="Public Governance",
		focus="Governance Difficulty",
		place="高笋塘片区背街小巷",
		description="辖区背街小巷车辆乱停乱放，占用消防通道，早晚高峰拥堵，需协商错时共享停车、划设停车位等办法。",
		target=Topic.READY,
		by="sec_gst",
		in_plan=True,
		story={"approved_ago": 14, "publicity_ago": 12, "research_ago": (11, 4), "meeting_in": 3},
	),
	dict(
		title="垃圾分类投放点设置",
		room=R_GST,
		source="Members",
		proposer_name="吴文博",
		proposer_participant="吴文博",
		subject_category="Public Governance",
		focus="Party and Government Priority",
		description="部分小区垃圾分类投放点设置不合理，异味扰民，需协商投放点位置、定时定点投放和督导员安排。",
		target=Topic.SHORTLISTED,
		by="member1",
	),
	dict(
		title="社区居家养老服务站建设",
		room=R_GST,
		source="Members",
		proposer_name="郑雅琴",
		proposer_participant="郑雅琴",
		subject_category="Livelihood Security",
		focus="Livelihood Matter",
		description="社区老年人口占比高，助餐、照护需求大，建议利用闲置用房建设居家养老服务站。",
		target=Topic.SUBMITTED,
		by="member2",
	),
	dict(
		title="农贸市场周边占道经营",
		room=R_GST,
		source="Public Call",
		proposer_name="唐秀兰",
		subject_category="Public Governance",
		focus="Governance Difficulty",
		description="农贸市场周边流动摊贩占道经营，影响通行和环境卫生，需协商疏导点设置和管理办法。",
		target=Topic.DRAFT,
		by="sec_gst",
	),
	dict(
		title="邻里漏水纠纷赔偿",
		room=R_GST,
		source="Residents",
		proposer_name="邓丽娟",
		subject_category="Pressing Difficulties and Disputes",
		description="某楼上住户卫生间漏水导致楼下住户房屋受损，双方就赔偿金额发生争执，要求议事室协商解决。",
		target=Topic.NOT_ACCEPTED,
		by="sec_gst",
		# the party reviewer's exclusion check (Dacheng Plan IV.3 九不议, Yancheng Norms art. 11)
		reject={
			"ex_individual_dispute": "Yes",
			"rejection_reason": "属于“九不议”事项：个人之间的矛盾纠纷（邻里漏水赔偿），不列入协商议题；"
			"已引导当事人通过人民调解或诉讼途径解决。",
		},
	),
	# 闸东社区 has no annual plan: its approved topic is a temporary topic (Hai'an Plan II.3)
	dict(
		title=CHARGING,
		room=R_ZD,
		source="Residents",
		proposer_name="蒋海霞",
		description="闸东社区多个小区居民购买新能源汽车，但小区内无公共充电设施，飞线充电存在安全隐患。",
		target=Topic.PUBLICIZED,
		by="sec_zd",
		temporary_plan="由社区“两委”牵头形成协商议事方案：摸排充电需求，征求物业和供电公司意见，"
		"会同业委会提出充电桩选址和收费办法，报市政协主席会议审核。",
		**COMMON,
	),
	# 大城街道 (Dacheng Plan IV.3, the nine subjects: roads and traffic, 全域无垃圾, public facilities)
	dict(
		title="背街小巷路灯照明改造",
		room=R_DC,
		source="Residents",
		proposer_name="董桂芳",
		description="辖区部分背街小巷路灯损坏、照明不足，居民夜间出行不便，存在安全隐患。",
		target=Topic.APPROVED,  # no annual plan: a temporary topic, its plan awaiting the chair meeting's review
		by="sec_dc",
		**COMMON,
	),
	dict(
		title="全域无垃圾治理长效机制",
		room=R_DC,
		source="Leaders",
		proposer_name="大城街道党工委",
		subject_category="Implementing Major Decisions",
		focus="Party and Government Priority",
		description="落实全域无垃圾治理要求，协商建立辖区单位、商户、居民共同参与的长效保洁机制。",
		target=Topic.DRAFT,
		by="sec_dc",
	),
	dict(
		title="园区职工通勤公交线路优化",
		room=R_YC,
		source="Proposal or Social Conditions Report",
		proposer_name="彭晓东",
		description="园区企业职工反映上下班公交班次少、换乘不便，希望协商优化通勤公交线路和班次。",
		target=Topic.DRAFT,
		by="sec_yc",
		**COMMON,
	),
]

# Experience Reports, report 8 (意见箱 匿名收集): a resident proposes on the web form without a name
ANONYMOUS_PROPOSAL = {
	"title": ANONYMOUS,
	"description": "滨江路河堤步道晚上路灯太少，老人散步容易摔倒，希望增设照明。",
	"room": R_GST,
	"place": "滨江路河堤步道",
	"anonymous": 1,
	"proposer_email": "resident.anon@demo.consult",
}

PLAN_EXTRA_ROWS = [
	{"quarter": "Q1", "planned_title": "社区健身设施更新维护"},
	{"quarter": "Q2", "planned_title": "老旧管网改造施工扰民问题"},
]

# ------------------------------------------------------------------ research, meetings and outcomes

RESEARCH = {
	HISTORY: {
		"recorded_by": "member1",
		"method": "Several Methods",
		"team": [
			("黄海燕", "Leader"),
			("吴文博", "Team Member"),
			("冯志远", "Team Member"),
			("唐秀兰", "Team Member"),
		],
		"policy_basis": "《中华人民共和国消防法》；《高层民用建筑消防安全管理规定》；重庆市电动自行车停放充电管理相关规定。",
		"facts": "走访12个老旧楼栋，其中8栋楼道堆放杂物，5栋存在电动车入户或飞线充电；小区内无集中充电设施。",
		"stakeholder_views": "多数居民支持清理楼道，希望就近设置集中充电棚；部分老年住户希望保留少量楼道储物空间。",
	},
	LIFT: {
		"recorded_by": "member2",
		"method": "Survey",
		"team": [("郑雅琴", "Leader"), ("冯志远", "Team Member"), ("马国庆", "Team Member")],
		"policy_basis": "《重庆市既有住宅增设电梯工作指导意见》；《民法典》第二百七十八条（业主共同决定事项）。",
		"facts": "白岩路片区14栋六至七层住宅，住户336户，其中60岁以上老人住户占41%；问卷回收298份，"
		"同意加装的占78%，一、二楼住户同意率不足四成。",
		"stakeholder_views": "高层住户急盼加装并愿多承担费用；低层住户担心采光、噪声和房屋贬值，希望得到补偿。",
		"sensitive": {"reported_to": "高笋塘街道党工委", "reported_ago": 36},
	},
	PARKING: {
		"recorded_by": "member1",
		"method": "Site Inspection",
		"team": [("吴文博", "Leader"), ("韩立新", "Team Member"), ("曹永和", "Team Member")],
		"policy_basis": "《中华人民共和国道路交通安全法》；万州区城市停车管理相关规定。",
		"facts": "片区背街小巷9条，夜间停放车辆约430辆，现有泊位180个；周边3家单位停车场夜间空置率超过60%。",
		"stakeholder_views": "居民希望就近增设泊位、开放单位停车场；沿街商户担心限停影响生意；驻街单位愿意有偿错时共享。",
	},
}

# conveners come from the room (CONVENERS); people: full name, meeting role, attendance
MEETINGS = {
	HISTORY: {
		"meeting_title": f"“渝事好商量”院坝协商会：{HISTORY}",
		"form": "On-site",
		"venue": "高笋塘社区老旧楼栋院坝",
		"hours": (9, 11),
		"people": [
			("吴文博", "CPPCC Member", "Present"),
			("郑雅琴", "CPPCC Member", "Present"),
			("冯志远", "Expert", "Present"),
			("谢文华", "Village or Enterprise Head", "Present"),
			("唐秀兰", "Resident", "Present"),
			("杨春梅", "Resident", "Present"),
			("曹永和", "Stakeholder", "Present"),
			("韩立新", "CPPCC Member", "Excused"),
		],
		"preparation": "会前7天公示议题，提前3天将协商内容和调研报告送达参会人员。",
		"short_notice_reason": "会前5天通过社区微信群和电话逐一通知了全体参会人员。",
		"statements": [
			(
				"高笋塘街道城市管理办公室",
				"邹明",
				"将联合物业开展楼道集中清理，并研究在小区空地建设电动车集中充电棚。",
			)
		],
		"opinions": [
			("黄海燕", "Agree", "建议先集中清理再建立楼栋长巡查制度，防止反弹。"),
			("冯志远", "Supplement", "充电棚选址应与住宅保持安全间距，配置智能断电和灭火设施。"),
			("唐秀兰", "Disagree", "部分老人需要楼道放置少量物品，一刀切清理有困难。"),
			("吴文博", "Agree", "清理要依法依规，做好事前告知和物品登记。"),
		],
		"consensus": "一个月内完成楼道集中清理；在小区东侧空地建设电动车集中充电棚；建立楼栋长每周巡查制度。",
		"dissent_explanation": "对老年住户储物需求，由社区协调物业提供临时储物间，不在楼道堆放易燃物品。",
		"minutes": "会议由第一召集人刘志强主持，10名协商主体参加，形成三项共识，会后报街道党工委。",
		"follow_up": "形成协商建议报街道党工委、办事处。",
	},
	LIFT: {
		"meeting_title": f"“渝事好商量”协商议事会：{LIFT}",
		"form": "In Person",
		"venue": "高笋塘街道便民服务中心二楼协商议事室",
		"hours": (14, 16),
		"people": [
			("吴文博", "CPPCC Member", "Present"),
			("郑雅琴", "CPPCC Member", "Present"),
			("冯志远", "Expert", "Present"),
			("马国庆", "Stakeholder", "Present"),
			("唐秀兰", "Resident", "Present"),
			("韩立新", "CPPCC Member", "Present"),
			("曹永和", "Stakeholder", "Absent"),
		],
		"preparation": "请参会人员提前阅读调研报告和问卷统计结果。",
		"short_notice_reason": "会前一周张贴会议通知，并电话通知了全体参会人员。",
		"statements": [
			("万州区住房和城乡建设委员会", "何建华", "区里对既有住宅加装电梯有财政补助，可指导编制加装方案。")
		],
		"opinions": [
			("马国庆", "Agree", "高层住户愿意按楼层系数多承担费用，希望尽快启动。"),
			("唐秀兰", "Disagree", "一楼住户不受益还受影响，应当给予补偿，否则不同意。"),
			("冯志远", "Supplement", "井道位置可选在楼梯间外侧，尽量减少对低层采光的影响。"),
			("郑雅琴", "Agree", "建议街道统一组织意愿征集，按栋推进、成熟一栋加装一栋。"),
		],
		"consensus": "按栋征集意愿，达到法定比例的先行加装；费用按楼层系数分摊；争取财政补助；低层住户补偿办法由业主协商确定。",
		"dissent_explanation": "会后由社区和专家上门向低层住户解释井道选址方案，补偿办法纳入各栋业主协议。",
		"minutes": "会议由第一召集人刘志强主持，与会人员围绕意愿征集、费用分摊和低层住户补偿充分讨论，形成四项共识。",
		"follow_up": "形成协商建议报街道党工委；社情民意信息报区政协。",
	},
	# scheduled: the notice and the record are the secretary's next steps
	PARKING: {
		"meeting_title": f"“渝事好商量”协商议事会：{PARKING}",
		"form": "In Person",
		"venue": "高笋塘街道便民服务中心二楼协商议事室",
		"hours": (9, 11),
		"people": [
			("吴文博", "CPPCC Member", None),
			("韩立新", "CPPCC Member", None),
			("曹永和", "Stakeholder", None),
			("杨春梅", "Resident", None),
			("谢文华", "Village or Enterprise Head", None),
		],
		"preparation": "请提前阅读调研报告，准备关于错时共享停车的意见。",
	},
}

SATISFIED = "Satisfied"
BASICALLY = "Basically Satisfied"

# Outcomes of the meetings (Yancheng Norms art. 17–21; Experience Reports, report 4: A/B/C handling).
# decision: the party reviewer's action; progress: (days after the meeting, percent, note); funds in 10k yuan;
# feedback_after: the day of the feedback, in days after the meeting;
# due: days after the meeting (`due_after`) or before today (`due_ago`, the overdue one).
OUTCOMES = {
	HISTORY: [
		dict(
			title="关于老旧楼道堆物清理和建立楼栋巡查制度的协商建议",
			outcome_type="Consultation Suggestion",
			content="一、街道牵头、物业配合，一个月内完成老旧楼道集中清理；二、建立楼栋长每周巡查制度；"
			"三、社区协调临时储物间，解决老年住户储物需求。",
			decision=Outcome.ADOPT,
			handling_class=CLASS_A,
			handling_unit=UNIT_CGB,
			due_after=30,
			progress=[(10, 50, "已清理8个楼栋中的4个。"), (24, 100, "8个楼栋全部清理完毕，巡查制度已建立。")],
			results={
				"problems_solved": 8,
				"people_benefited": 620,
				"change_type": "Governance Change",
				"results_note": "楼道堆物清理完毕，楼栋长巡查制度常态运行。",
			},
			feedback="协商建议已被街道党工委采纳，楼道清理已全部完成，感谢各位参与。",
			feedback_after=28,
			public_feedback="经“渝事好商量”院坝协商，高笋塘社区8个老旧楼栋的楼道堆物已全部清理，楼栋长每周巡查制度已建立。",
			evaluation=(SATISFIED, "楼道干净通畅了，居民普遍满意。"),
			target=Outcome.EVALUATED,
		),
		dict(
			title="关于建设电动车集中充电棚的协商建议",
			outcome_type="Consultation Suggestion",
			content="在小区东侧空地建设电动车集中充电棚，配置智能断电和灭火设施，争取区级民生实事资金支持，"
			"列入明年民生实事分步实施。",
			decision=Outcome.ADOPT,
			handling_class=CLASS_B,
			handling_unit=UNIT_ZJW,
			due_after=60,
			progress=[(20, 30, "已完成选址和方案设计。"), (55, 100, "充电棚建成投用，可同时充电120辆。")],
			results={
				"funds_secured": 18,  # 10k yuan (万元)
				"problems_solved": 1,
				"people_benefited": 900,
				"change_type": "Livelihood Project",
				"results_note": "集中充电棚建成投用，电动车入户充电明显减少。",
			},
			feedback="充电棚已建成投用，请居民到社区登记使用。",
			feedback_after=58,
			public_feedback="高笋塘社区电动车集中充电棚已建成投用，可同时为120辆电动车充电。",
			evaluation=(BASICALLY, "充电棚建好了，希望再增加夜间照明。"),
			target=Outcome.EVALUATED,
		),
		dict(
			title="关于在楼道内设置统一储物柜的建议",
			outcome_type="Consultation Suggestion",
			content="在每层楼道设置统一样式的储物柜，供老年住户存放少量物品。",
			decision=Outcome.ADOPT,
			handling_class=CLASS_C,
			class_explanation="消防法规禁止在疏散楼道内设置储物设施，暂不具备条件；已由社区书记当面向提出建议的"
			"住户解释，并协调物业提供临时储物间。",
			feedback="楼道内设置储物柜不符合消防规定，暂不实施；社区已协调物业提供临时储物间，欢迎登记使用。",
			public_feedback="楼道内设置储物柜不符合消防规定，暂不实施；社区已协调物业提供临时储物间。",
			feedback_after=10,
			evaluation=(SATISFIED, "解释清楚了，临时储物间解决了问题。"),
			target=Outcome.EVALUATED,
		),
	],
	LIFT: [
		dict(
			title="关于加装电梯意愿征集和费用分摊办法的协商建议",
			outcome_type="Consultation Suggestion",
			content="街道统一组织按栋征集加装意愿，达到法定比例的先行加装；费用按楼层系数分摊，一楼住户不承担费用。",
			decision=Outcome.ADOPT,
			handling_class=CLASS_A,
			handling_unit=UNIT_ZJW,
			due_ago=5,  # overdue: adopted, the due date past, not implemented
			progress=[(12, 40, "已完成6栋楼的意愿征集，其中4栋达到法定比例。")],
			target=Outcome.IMPLEMENTING,
		),
		dict(
			title="关于争取加装电梯财政补助资金的协商建议",
			outcome_type="Proposal",
			content="建议区政府将白岩路片区加装电梯纳入明年民生实事，按每台20万元标准给予补助。",
			decision=Outcome.ADOPT_IN_PART,
			adoption_reason="补助标准按全区统一政策执行，分年度逐步解决。",
			handling_class=CLASS_B,
			handling_unit=UNIT_ZJW,
			due_after=180,
			progress=[(20, 20, "已纳入明年民生实事项目库，首批补助资金已申报。")],
			results={"funds_secured": 120, "change_type": "Livelihood Project"},  # 10k yuan (万元)
			target=Outcome.IMPLEMENTING,
		),
		dict(
			title="关于低层住户补偿问题的社情民意信息",
			outcome_type="Social Conditions Information",
			content="低层住户普遍担心加装电梯影响采光和房屋价值，建议出台全市统一的低层住户补偿指导标准。",
			decision=Outcome.DECLINE,
			adoption_reason="补偿属于业主之间自治协商事项，不宜由政府统一定价；已指导各栋在业主协议中约定。",
			feedback="补偿标准不由政府统一规定，将由各栋业主协商后写入加装协议，社区全程指导。",
			feedback_after=8,
			public_feedback="低层住户补偿由各栋业主协商确定，社区全程指导。",
			target=Outcome.FEEDBACK_GIVEN,
		),
	],
}

RECIPIENTS = [("Party Committee", "高笋塘街道党工委"), ("Government", "高笋塘街道办事处")]
