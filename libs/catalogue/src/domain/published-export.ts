import { PILOT_DOMAINS, type DomainCode, type ItemContent } from '@gongkai/contracts';
import { CATALOGUE_COLUMNS, formatLegalBases } from './catalogue-row';
import { formatChannelChecklist } from './published-cells';

/**
 * A unit's catalogue in the layout counties publish (the guidelines' table): per domain, a title,
 * the two-row header (公开事项 over 一级/二级事项, 公开对象 over 全社会/特定群众, 公开方式 over
 * 主动/依申请, 公开层级 over 县级/乡级), √ in the chosen column, the channels as a ■/□ list, 一级事项
 * merged down consecutive rows. What the importer reads back to the same elements.
 */
export interface PublishedSheet {
  domainCode: DomainCode;
  /** The sheet name: the domain's name (the importer takes the domain from it). */
  name: string;
  title: string;
  header: [string[], string[]];
  /** Header merges and 一级事项 merges, as [firstRow, firstColumn, lastRow, lastColumn], 1-based, the title being row 1. */
  merges: [number, number, number, number][];
  rows: string[][];
}

/** 公开内容（要素） to 公开渠道和载体: the same columns as our standard layout. */
const ELEMENT_COLUMNS = CATALOGUE_COLUMNS.slice(CATALOGUE_COLUMNS.indexOf('公开内容（要素）'), CATALOGUE_COLUMNS.indexOf('公开对象'));

export const PUBLISHED_HEADER: [string[], string[]] = [
  ['序号', '公开事项', '', ...ELEMENT_COLUMNS, '公开对象', '', '公开方式', '', '公开层级', ''],
  ['', '一级事项', '二级事项', '', '', '', '', '', '全社会', '特定群众', '主动', '依申请', '县级', '乡级'],
];
const HEADER_MERGES: [number, number, number, number][] = [
  [2, 2, 2, 3],
  [2, 9, 2, 10],
  [2, 11, 2, 12],
  [2, 13, 2, 14],
  ...[1, 4, 5, 6, 7, 8].map((c): [number, number, number, number] => [2, c, 3, c]),
];

const mark = (on: boolean, detail?: string) => (on ? (detail ? `√（${detail}）` : '√') : '');

/** One item as a row of the published layout. */
export function toPublishedRow(serial: number, content: ItemContent): string[] {
  const audience = content.audience;
  return [
    String(serial),
    content.firstLevel,
    content.secondLevel ?? '',
    content.content ?? '',
    formatLegalBases(content.legalBases),
    content.timeLimit?.text ?? '',
    content.subject ?? '',
    formatChannelChecklist(content.channels),
    mark(audience?.kind === '全社会', audience?.detail),
    mark(audience?.kind === '特定群体', audience?.detail),
    mark(content.method === '主动'),
    mark(content.method === '依申请'),
    mark(content.level === '县级'),
    mark(content.level === '乡级'),
  ];
}

/** The unit's items, one sheet per domain (in the order of the 26 pilot domains). */
export function publishedSheets(unitName: string, items: readonly ItemContent[]): PublishedSheet[] {
  return PILOT_DOMAINS.filter((d) => items.some((item) => item.domainCode === d.code)).map(({ code, name }) => {
    const inDomain = items.filter((item) => item.domainCode === code);
    const merges = [...HEADER_MERGES, [1, 1, 1, PUBLISHED_HEADER[0].length] as [number, number, number, number]];
    // 一级事项 merged down consecutive rows that share it (data starts on row 4).
    let start = 0;
    inDomain.forEach((item, i) => {
      const next = inDomain[i + 1];
      if (next?.firstLevel === item.firstLevel) return;
      if (i > start) merges.push([4 + start, 2, 4 + i, 2]);
      start = i + 1;
    });
    return {
      domainCode: code,
      name,
      title: `${unitName}${name}领域政务公开事项标准目录`,
      header: PUBLISHED_HEADER,
      merges,
      rows: inDomain.map((item, i) => toPublishedRow(i + 1, item)),
    };
  });
}
