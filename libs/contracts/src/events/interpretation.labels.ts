import type { EventLabels } from '../event-labels';
import { CONCERN_RESPONSE_KIND_LABELS, CONCERN_SEVERITY_LABELS, PUBLIC_CONSULTATION_KIND_LABELS } from '../vocabulary/interpretation';

const LIMIT_FIELDS = {
  interpretationWorkingDays: '解读发布时限（工作日）',
  majorEmergencyInformationHours: '重大突发事件发布权威信息时限（小时）',
  majorEmergencyPressConferenceHours: '重大突发事件召开新闻发布会时限（小时）',
  hotIssueResponseHours: '社会热点回应时限（小时）',
  ordinaryResponseHours: '一般关切回应时限（小时）',
  majorDecisionCommentDays: '重大行政决策征求意见期限（日）',
  normativeDocumentCommentWorkingDays: '行政规范性文件征求意见期限（工作日）',
  hearingMaterialsDaysBefore: '听证材料提前公开天数',
  openDayNoticeDays: '开放日提前公告天数',
  villagePeriodGraceDays: '村（居）务定期公开宽限天数',
  villageMajorMatterDays: '村（居）重大事项公开时限（日）',
};

/** Chinese labels of the interpretation service's events (解读回应; convention: libs/contracts/src/event-labels.ts). */
export const interpretationEventLabels = {
  'interpretation.InterpretationLimitsConfigured': {
    label: '设定解读回应时限',
    fields: { ...LIMIT_FIELDS, reason: '调整理由' },
    decision: { districtWide: true, groundRequired: false, reasonRequired: true },
  },
  'interpretation.InterpretationObligationOpened': {
    label: '产生解读任务',
    fields: { title: '政策文件', documentNumber: '文号', documentType: '文件类型', attribute: '公开属性', approvedBy: '签发人', issuedOn: '印发日期', limitWorkingDays: '时限（工作日）', dueOn: '解读期限' },
  },
  'interpretation.InterpretationPlanned': {
    label: '制定解读方案',
    fields: { plan: '解读方案', forms: '解读形式', channels: '解读渠道' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.InterpretationMaterialAdded': {
    label: '添加解读材料',
    fields: { materialId: '材料编号', form: '形式', title: '标题', body: '正文', reference: '文件或链接' },
  },
  'interpretation.InterpretationSignedOff': {
    label: '审签解读材料',
    fields: { signedBy: '审签人', materialIds: '解读材料' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.InterpretationPublished': {
    label: '发布解读',
    fields: { publishedOn: '发布日期', issuedOn: '政策印发日期', dueOn: '解读期限', workingDaysAfterIssue: '印发后工作日数', late: '逾期', workingDaysLate: '逾期工作日数', channels: '解读渠道', materialIds: '解读材料' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.ConcernRegistered': {
    label: '登记社会关切',
    fields: { concernId: '关切编号', source: '来源', topic: '主题', summary: '概要', severity: '级别', registeredAt: '发现时间', dueBy: '回应时限' },
    values: { severity: CONCERN_SEVERITY_LABELS },
    decision: { districtWide: true, groundRequired: false, reasonRequired: false },
  },
  'interpretation.ConcernAssigned': {
    label: '交办社会关切',
    fields: { concernId: '关切编号', unitId: '承办单位' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.ConcernResponsePublished': {
    label: '回应社会关切',
    fields: { concernId: '关切编号', severity: '级别', kind: '回应方式', content: '回应内容', channel: '渠道', publishedAt: '发布时间', dueAt: '时限', hoursTaken: '用时（小时）', onTime: '按时回应' },
    values: { severity: CONCERN_SEVERITY_LABELS, kind: CONCERN_RESPONSE_KIND_LABELS },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.ParticipationCataloguePublished': {
    label: '公布公众参与事项目录',
    fields: { version: '版本', items: '参与事项、方式和渠道' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.ConsultationOpened': {
    label: '公开征求意见',
    fields: {
      consultationId: '征求意见编号',
      title: '标题',
      draft: '草案',
      kind: '类别',
      opensOn: '开始日期',
      closesOn: '截止日期',
      periodDays: '征求意见期限',
      periodUnit: '期限单位',
      minimumDays: '规定最短期限',
      shortPeriodReason: '缩短期限的理由',
    },
    values: { kind: PUBLIC_CONSULTATION_KIND_LABELS, periodUnit: { calendar_days: '日', working_days: '工作日' } },
    // The domain requires a reason only for a period shorter than the minimum (the decider refuses
    // it otherwise); the contract keeps it optional (a gap the completeness check lists).
    decision: { reasonField: 'shortPeriodReason', groundRequired: true, reasonRequired: true },
  },
  'interpretation.CommentSubmitted': {
    label: '提交意见',
    fields: { consultationId: '征求意见编号', commentId: '意见编号', content: '意见内容', displayName: '提出人（已隐去）', contactDigest: '联系方式摘要', personalDataRef: '个人信息编号', submittedOn: '提交日期' },
  },
  'interpretation.CommentModerated': {
    label: '审核意见',
    fields: { consultationId: '征求意见编号', commentId: '意见编号', decision: '审核结果', reason: '不予公开的理由' },
    values: { decision: { approved: '公开', rejected: '不予公开' } },
    // Rejecting a comment needs a reason (the decider refuses it otherwise); see the gaps listed by the completeness check.
    decision: { groundRequired: false, reasonRequired: true },
  },
  'interpretation.AdoptionPublished': {
    label: '公布意见采纳情况',
    fields: { consultationId: '征求意见编号', kind: '类别', summary: '采纳情况说明', commentsReceived: '收到意见数', commentsApproved: '公开意见数', outcomes: '逐条采纳情况和理由', adopted: '采纳数', partlyAdopted: '部分采纳数', notAdopted: '未采纳数', publishedOn: '公布日期' },
    values: { kind: PUBLIC_CONSULTATION_KIND_LABELS },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.HearingScheduled': {
    label: '安排听证会',
    fields: { hearingId: '听证会编号', title: '名称', heldOn: '举行日期', consultationId: '征求意见编号' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.HearingMaterialsPublished': {
    label: '公开听证材料',
    fields: { hearingId: '听证会编号', materials: '材料', publishedOn: '公开日期', heldOn: '举行日期', daysBefore: '提前天数', minimumDaysBefore: '规定提前天数' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.MeetingAttendanceRecorded': {
    label: '登记列席会议人员',
    fields: { meetingId: '会议编号', title: '会议名称', heldOn: '举行日期', attendees: '列席人员' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.OpenDayAnnounced': {
    label: '公告政府开放日',
    fields: { openDayId: '开放日编号', title: '名称', description: '说明', heldOn: '举行日期', announcedOn: '公告日期', capacity: '名额', noticeDays: '提前公告天数', minimumNoticeDays: '规定提前天数' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.OpenDayRegistrationAccepted': {
    label: '开放日报名',
    fields: { openDayId: '开放日编号', registrationId: '报名编号', displayName: '姓名（已隐去）', contactDigest: '联系方式摘要', personalDataRef: '个人信息编号', registeredOn: '报名日期' },
  },
  'interpretation.OpenDaySummaryPublished': {
    label: '公布开放日活动情况',
    fields: { openDayId: '开放日编号', heldOn: '举行日期', year: '年度', summary: '活动情况', attendance: '参加人数', registrations: '报名人数' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'interpretation.PersonalDataErased': {
    label: '删除个人信息',
    fields: {
      refId: '个人信息编号',
      kind: '类别',
      unitId: '所属单位',
      subjectId: '征求意见或开放日编号',
      recordId: '意见或报名编号',
      legalBasis: '法律依据',
      reason: '删除理由',
      erasedOn: '删除日期',
    },
    values: { kind: { comment: '征求意见的意见提出人', open_day_registration: '开放日报名者' } },
    decision: { groundRequired: true, reasonRequired: true },
  },
  'interpretation.VillageCommitteeRegistered': {
    label: '登记村（居）委员会',
    fields: { committeeId: '村（居）委员会代码', name: '名称', kind: '类别', townUnitId: '所属镇（街道）', financesMonthly: '财务按月公开' },
    values: { kind: { village: '村民委员会', community: '居民委员会' } },
    decision: { unitField: 'townUnitId', groundRequired: false, reasonRequired: false },
  },
  'interpretation.VillagePostingRecorded': {
    label: '登记村（居）务公开',
    fields: { committeeId: '村（居）委员会代码', townUnitId: '所属镇（街道）', postingId: '公开编号', category: '类别', title: '事项', period: '期间', postedOn: '公开日期', dueOn: '公开期限', late: '逾期', daysLate: '逾期天数' },
    values: { category: { ordinary: '一般村(居)务', finances: '财务', major: '重大事项' } },
    decision: { unitField: 'committeeId', groundRequired: false, reasonRequired: false },
  },
} as const satisfies EventLabels;
