import type { EventLabels } from '../event-labels';

/** Chinese labels of the audit record's own events (convention: libs/contracts/src/event-labels.ts). */
export const auditEventLabels = {
  'audit.AnchorRecorded': {
    label: '记录完整性锚点',
    fields: {
      algorithm: '算法',
      root: 'Merkle 根',
      position: '覆盖位置',
      streams: '事件流数',
      events: '事件数',
      coveredAt: '覆盖时间',
      previousRoot: '上一锚点根',
      changed: '变化的事件流',
      trigger: '触发方式',
    },
  },
} as const satisfies EventLabels;
