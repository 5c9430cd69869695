import type { Writable } from 'node:stream';
import {
  DomainError,
  inDateRange,
  MAX_EXPORT_ROWS,
  pageOf,
  readScope,
  sortRows,
  textMatcher,
  writeListWorkbook,
  type ListColumn,
  type Page,
  type Principal,
} from '@gongkai/platform';
import type { DisclosureAttribute } from '@gongkai/contracts';
import { isPublicationOverdue, type DocumentView } from '../read-models/document-view';
import type { DocumentsProjection } from '../read-models/documents.projection';

export const DOCUMENT_PHASES = ['drafting', 'proposed', 'confirmed', 'issued'] as const;
export const DOCUMENT_VALIDITIES = ['现行有效', '失效', '废止'] as const;
/**
 * What the register flags: a 主动公开 document past its twenty working days unpublished (Art. 26), an
 * issued one not yet published, one that needs an interpretation, one with a disclosure suggestion
 * waiting (from repeated requests), one with a yearly review still open.
 */
export const DOCUMENT_REGISTER_FLAGS = [
  'publication_overdue',
  'unpublished',
  'needs_interpretation',
  'suggestion_pending',
  'review_open',
] as const;
export type DocumentRegisterFlag = (typeof DOCUMENT_REGISTER_FLAGS)[number];
export const DOCUMENT_REGISTER_SORTS = [
  '-registeredAt',
  'registeredAt',
  '-issuedOn',
  'issuedOn',
  'publicationDueOn',
  'documentNumber',
] as const;
export type DocumentRegisterSort = (typeof DOCUMENT_REGISTER_SORTS)[number];

/** The register's filters (all optional, combined with AND) and its sort. */
export interface DocumentRegisterFilter {
  unitId?: string;
  attribute?: DisclosureAttribute[];
  phase?: DocumentView['phase'][];
  documentType?: string;
  validity?: DocumentView['validity'];
  flag?: DocumentRegisterFlag[];
  issuedFrom?: string;
  issuedTo?: string;
  registeredFrom?: string;
  registeredTo?: string;
  q?: string;
  sort: DocumentRegisterSort;
}

const PHASE_LABELS: Record<DocumentView['phase'], string> = {
  drafting: '拟文',
  proposed: '待保密审查',
  confirmed: '审查通过待印发',
  issued: '已印发',
};

const FLAG_TESTS: Record<DocumentRegisterFlag, (d: DocumentView, today: string) => boolean> = {
  publication_overdue: (d, today) => isPublicationOverdue(d, today),
  unpublished: (d) => d.phase === 'issued' && d.attribute === '主动公开' && d.publications.length === 0,
  needs_interpretation: (d) => d.needsInterpretation,
  suggestion_pending: (d) => d.pendingSuggestion !== null,
  review_open: (d) => Object.values(d.reviews ?? {}).some((r) => r.status === 'open'),
};

/** The documents the filters select, sorted (pure). Ties keep the document id order, so pages are stable. */
export function selectDocuments(rows: readonly DocumentView[], f: Omit<DocumentRegisterFilter, 'unitId'>, today: string): DocumentView[] {
  const matches = textMatcher(f.q);
  const selected = rows.filter(
    (d) =>
      (!f.attribute?.length || (d.attribute !== null && f.attribute.includes(d.attribute))) &&
      (!f.phase?.length || f.phase.includes(d.phase)) &&
      (!f.documentType || d.documentType === f.documentType) &&
      (!f.validity || d.validity === f.validity) &&
      (f.flag ?? []).every((flag) => FLAG_TESTS[flag](d, today)) &&
      inDateRange(d.issuedOn, f.issuedFrom, f.issuedTo) &&
      inDateRange(d.registeredAt, f.registeredFrom, f.registeredTo) &&
      matches(`${d.title} ${d.documentNumber} ${d.indexNumber ?? ''}`),
  );
  return sortRows(
    selected,
    f.sort,
    (d, field) => d[field as 'registeredAt' | 'issuedOn' | 'publicationDueOn' | 'documentNumber'],
    (d) => d.documentId,
  );
}

async function selected(documents: DocumentsProjection, principal: Principal, f: DocumentRegisterFilter, today: string) {
  const { unitId, ...filter } = f;
  return selectDocuments(await documents.list({ unitId: readScope(principal, unitId) }), filter, today);
}

/** One page of the document register of a unit (or every unit, for the readers of the district). */
export async function documentRegister(
  documents: DocumentsProjection,
  principal: Principal,
  query: DocumentRegisterFilter & { page: number; pageSize: number },
  today: string,
): Promise<Page<DocumentView>> {
  return pageOf(await selected(documents, principal, query, today), query);
}

const COLUMNS: ListColumn<DocumentView>[] = [
  { header: '序号', width: 6, value: (_d, index) => index + 1 },
  { header: '文号', width: 22, value: (d) => d.documentNumber },
  { header: '标题', width: 44, value: (d) => d.title },
  { header: '文种', width: 14, value: (d) => d.documentType },
  { header: '索引号', width: 22, value: (d) => d.indexNumber },
  { header: '主题分类', width: 14, value: (d) => d.topic },
  { header: '成文日期', width: 12, value: (d) => d.writtenOn ?? d.formedOn },
  { header: '印发日期', width: 12, value: (d) => d.issuedOn },
  { header: '办理阶段', width: 14, value: (d) => PHASE_LABELS[d.phase] },
  { header: '公开属性', width: 12, value: (d) => d.attribute ?? '未提出' },
  { header: '依据', width: 28, value: (d) => d.legalBasis },
  { header: '不公开（依申请公开）理由', width: 30, value: (d) => (d.attribute && d.attribute !== '主动公开' ? d.reason : '') },
  { header: '公开期限（条例第二十六条）', width: 14, value: (d) => d.publicationDueOn },
  { header: '首次公开日期', width: 12, value: (d) => d.firstPublishedOn },
  {
    header: '公开渠道',
    width: 30,
    value: (d) => d.publications.map((p) => `${p.channel}（${p.publishedOn}${p.late ? '，逾期' : ''}）`).join('；'),
  },
  { header: '效力状态', width: 10, value: (d) => d.validity },
  { header: '失效/废止日期', width: 12, value: (d) => d.invalidatedOn },
  { header: '需要解读', width: 8, value: (d) => (d.needsInterpretation ? '是' : '否') },
  { header: '登记时间', width: 20, value: (d) => d.registeredAt.slice(0, 10) },
];
export const DOCUMENT_EXPORT_HEADERS = COLUMNS.map((c) => c.header);

/**
 * The document register as .xlsx (公文公开属性登记表): exactly the documents the filters select, in
 * the order asked; refused above MAX_EXPORT_ROWS before anything is written.
 */
export async function exportDocumentRegister(
  documents: DocumentsProjection,
  principal: Principal,
  filter: DocumentRegisterFilter,
  today: string,
): Promise<{ filename: string; rows: number; write: (out: Writable) => Promise<void> }> {
  const rows = await selected(documents, principal, filter, today);
  if (rows.length > MAX_EXPORT_ROWS) {
    throw DomainError.rule('REGISTER_TOO_MANY_ROWS', `符合条件的公文超过 ${MAX_EXPORT_ROWS} 件，请缩小筛选范围后再导出。`, {
      max: MAX_EXPORT_ROWS,
    });
  }
  const title = `公文公开属性登记表（${today}导出）`;
  return {
    filename: `${title}.xlsx`,
    rows: rows.length,
    write: (out) => writeListWorkbook(out, { title, sheet: '公文登记', columns: COLUMNS }, rows),
  };
}
