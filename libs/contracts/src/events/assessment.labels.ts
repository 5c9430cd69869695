import type { EventLabels } from '../event-labels';

/**
 * Chinese labels of the assessment service's events (convention: libs/contracts/src/event-labels.ts).
 * SchemePublished and ScoresFrozen are district-wide decisions of the district office (`districtWide`:
 * no unit field, the deciding unit is the actor's).
 */
export const assessmentEventLabels = {
  'assessment.SchemePublished': {
    label: '发布考核方案',
    fields: {
      schemeId: '方案编号',
      year: '年度',
      version: '版本',
      title: '方案名称',
      opennessWeightPercent: '政务公开权重（%）',
      totalPoints: '总分',
      indicators: '指标体系',
      rules: '结果运用规则',
      assessedUnitKinds: '考核对象类型',
      reason: '修订理由',
    },
    // A revision (version ≥ 2) needs a reason: `reason` is always present, null on the first version.
    decision: { districtWide: true, groundRequired: true, reasonRequired: true },
  },
  'assessment.ManualScoreRecorded': {
    label: '人工评分',
    fields: { schemeId: '方案编号', indicatorId: '指标', points: '得分', maxPoints: '满分', evidence: '佐证材料' },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'assessment.TrainingRecorded': {
    label: '登记培训',
    fields: {
      trainingId: '培训编号',
      title: '培训名称',
      heldOn: '培训日期',
      concentrated: '集中学习培训',
      organiserUnitId: '组织单位',
      participants: '参训单位和人数',
    },
    decision: { unitField: 'organiserUnitId', groundRequired: false, reasonRequired: false },
  },
  'assessment.ScoresFrozen': {
    label: '固化考核结果',
    fields: {
      asOf: '数据截至',
      inputsHash: '输入哈希',
      results: '得分和排名',
      commended: '通报表扬',
      rectify: '督促整改',
      criticised: '通报批评',
    },
    decision: { districtWide: true, groundRequired: true, reasonRequired: false },
  },
} as const satisfies EventLabels;
