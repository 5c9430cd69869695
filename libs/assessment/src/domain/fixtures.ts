import type { IndicatorNode, ResultRules } from '@gongkai/contracts';

/**
 * A small scheme used by the tests, the demo and the bench: 100 points in three groups.
 * (Test support, kept beside the domain so that all three share one tree.)
 */
export const SAMPLE_INDICATORS: IndicatorNode[] = [
  {
    id: 'org',
    name: '组织保障',
    kind: 'group',
    children: [
      {
        id: 'org.office',
        name: '明确主管科室和专人',
        kind: 'computed',
        points: 5,
        metric: 'openness_office_designated',
        bands: [{ atLeast: 1, points: 5 }],
        whenNoData: 'zero',
      },
      {
        id: 'org.training',
        name: '参加集中学习培训',
        kind: 'computed',
        points: 5,
        metric: 'concentrated_trainings_attended',
        bands: [{ atLeast: 1, points: 5 }],
        whenNoData: 'zero',
      },
    ],
  },
  {
    id: 'disclosure',
    name: '信息公开',
    kind: 'group',
    children: [
      {
        id: 'disclosure.catalogue',
        name: '目录覆盖',
        kind: 'computed',
        points: 10,
        metric: 'catalogue_domain_coverage',
        bands: [
          { atLeast: 100, points: 10 },
          { atLeast: 50, points: 5 },
        ],
        whenNoData: 'zero',
      },
      {
        id: 'disclosure.timely',
        name: '按时公开',
        kind: 'computed',
        points: 10,
        metric: 'publication_on_time_rate',
        bands: [
          { atLeast: 95, points: 10 },
          { atLeast: 80, points: 6 },
          { atLeast: 0, points: 2 },
        ],
        whenNoData: 'full',
      },
      {
        id: 'disclosure.review',
        name: '年度评估',
        kind: 'computed',
        points: 5,
        metric: 'yearly_review_completion',
        bands: [
          { atLeast: 100, points: 5 },
          { atLeast: 50, points: 2 },
        ],
        whenNoData: 'zero',
      },
      {
        id: 'disclosure.negative',
        name: '负面清单更新',
        kind: 'computed',
        points: 5,
        metric: 'negative_list_fresh_rate',
        bands: [
          { atLeast: 100, points: 5 },
          { atLeast: 50, points: 2 },
        ],
        whenNoData: 'zero',
      },
    ],
  },
  {
    id: 'requests',
    name: '依申请公开',
    kind: 'group',
    children: [
      {
        id: 'requests.ontime',
        name: '按期答复率',
        kind: 'computed',
        points: 20,
        metric: 'request_on_time_rate',
        bands: [
          { atLeast: 100, points: 20 },
          { atLeast: 90, points: 15 },
          { atLeast: 75, points: 10 },
          { atLeast: 0, points: 0 },
        ],
        whenNoData: 'full',
      },
    ],
  },
  {
    id: 'interaction',
    name: '解读回应与公众参与',
    kind: 'group',
    children: [
      {
        id: 'interaction.interpretation',
        name: '政策解读同步',
        kind: 'computed',
        points: 10,
        metric: 'interpretation_on_time_rate',
        bands: [
          { atLeast: 100, points: 10 },
          { atLeast: 50, points: 5 },
        ],
        whenNoData: 'full',
      },
      {
        id: 'interaction.concerns',
        name: '回应关切及时',
        kind: 'computed',
        points: 10,
        metric: 'concern_on_time_rate',
        bands: [
          { atLeast: 100, points: 10 },
          { atLeast: 50, points: 5 },
        ],
        whenNoData: 'full',
      },
      {
        id: 'interaction.consultation',
        name: '公开征求意见',
        kind: 'computed',
        points: 5,
        metric: 'consultations_held',
        bands: [{ atLeast: 1, points: 5 }],
        whenNoData: 'zero',
      },
      {
        id: 'interaction.openday',
        name: '政府开放日',
        kind: 'computed',
        points: 5,
        metric: 'open_days_held',
        bands: [
          { atLeast: 2, points: 5 },
          { atLeast: 1, points: 3 },
        ],
        whenNoData: 'zero',
      },
    ],
  },
  { id: 'quality', name: '工作实效（人工评议）', kind: 'manual', points: 10, guidance: '区政府办公室根据日常检查、群众评议评分' },
];

export const SAMPLE_RULES: ResultRules = { commend: { topN: 1, minTotal: 85 }, rectifyBelow: 65, criticiseBelow: 40 };
