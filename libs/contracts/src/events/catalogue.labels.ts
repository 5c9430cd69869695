import type { EventLabels } from '../event-labels';

/** Chinese labels of the catalogue service's events (convention: libs/contracts/src/event-labels.ts). */
export const catalogueEventLabels = {
  'catalogue.UnitRegistered': {
    label: '登记单位',
    fields: { name: '单位名称', level: '公开层级', kind: '单位类型', basis: '登记依据' },
    decision: { groundRequired: false, reasonRequired: false },
  },
  'catalogue.UnitRenamed': {
    label: '单位更名',
    fields: { name: '新名称', reason: '更名理由' },
    decision: { groundRequired: false, reasonRequired: true },
  },
  'catalogue.UnitOpennessOfficeDesignated': {
    label: '明确政务公开主管科室和专人',
    fields: { office: '主管科室', officerName: '负责人', officerPhone: '联系电话' },
    decision: { groundRequired: false, reasonRequired: false },
  },
} as const satisfies EventLabels;
