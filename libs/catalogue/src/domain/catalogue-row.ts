import {
  DISCLOSURE_CHANNELS,
  DISCLOSURE_METHODS,
  ITEM_STAGES,
  PILOT_DOMAINS,
  UNIT_LEVELS,
  type DisclosureChannel,
  type ItemContent,
} from '@gongkai/contracts';
import { missingElements } from './item';
import { audienceLabel, channelLabel } from './obligation';

/**
 * The standard column layout of a county catalogue spreadsheet, then our own columns: the domain
 * (a real catalogue is kept per domain), the stage, the guideline item and the item id (so that an
 * exported file re-imports onto the same items), and the embedding fields.
 */
export const CATALOGUE_COLUMNS = [
  '序号',
  '一级事项',
  '二级事项',
  '公开内容（要素）',
  '公开依据',
  '公开时限',
  '公开主体',
  '公开渠道和载体',
  '公开对象',
  '公开方式',
  '公开层级',
  '所属领域',
  '公开环节',
  '标准指引事项编码',
  '岗位',
  '职权',
  '流程',
  '事项编号',
] as const;
export type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number];
export type CatalogueRow = Partial<Record<CatalogueColumn, string>>;

const SEPARATORS = /[、，,；;\n]+/;

/** `《中华人民共和国政府信息公开条例》第十九条；《社会救助暂行办法》` → structured references. */
export function parseLegalBases(cell: string): ItemContent['legalBases'] {
  return cell
    .split(/[；;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^《(.+?)》\s*(.*)$/.exec(part);
      if (!match) return { law: part };
      const article = match[2].trim();
      return article ? { law: match[1].trim(), article } : { law: match[1].trim() };
    });
}
export const formatLegalBases = (bases: ItemContent['legalBases']) => bases.map((b) => `《${b.law}》${b.article ?? ''}`).join('；');

/** `信息形成或者变更之日起20个工作日内` → 20 working days; `…10日内` → 10 calendar days; else no rule. */
export function parseTimeLimit(cell: string): NonNullable<ItemContent['timeLimit']> {
  const text = cell.trim();
  const working = /(\d+)\s*个?工作日/.exec(text);
  if (working) return { text, rule: { kind: 'working_days_after_formation', days: Number(working[1]) } };
  const calendar = /(\d+)\s*(?:个)?(?:自然)?日内/.exec(text);
  if (calendar) return { text, rule: { kind: 'calendar_days_after_formation', days: Number(calendar[1]) } };
  return { text, rule: null };
}

/** Channels from the standard list; `其他（说明）` carries its text. Returns the unknown ones too. */
export function parseChannels(cell: string): { channels: ItemContent['channels']; unknown: string[] } {
  const channels: ItemContent['channels'] = [];
  const unknown: string[] = [];
  for (const raw of cell
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const other = /^其他[（(](.+)[）)]$/.exec(raw);
    if (other) channels.push({ channel: '其他', other: other[1].trim() });
    else if ((DISCLOSURE_CHANNELS as readonly string[]).includes(raw)) channels.push({ channel: raw as DisclosureChannel });
    else unknown.push(raw);
  }
  return { channels, unknown };
}
export const formatChannels = (channels: ItemContent['channels']) => channels.map(channelLabel).join('、');

export function parseAudience(cell: string): ItemContent['audience'] | null {
  const match = /^(全社会|特定群体)(?:[（(](.+)[）)])?$/.exec(cell.trim());
  if (!match) return null;
  return match[2] ? { kind: match[1] as '全社会' | '特定群体', detail: match[2].trim() } : { kind: match[1] as '全社会' | '特定群体' };
}

export function parseMethod(cell: string): ItemContent['method'] | null {
  const value = cell.trim().replace(/公开$/, '');
  return (DISCLOSURE_METHODS as readonly string[]).includes(value) ? (value as ItemContent['method']) : null;
}

const domainOf = (cell: string) =>
  PILOT_DOMAINS.find((d) => d.name === cell.trim() || d.code === cell.trim() || d.name.replace(/（.*）$/, '') === cell.trim());

export type ParsedRow = { ok: true; itemId: string | null; content: ItemContent } | { ok: false; errors: string[] };

/**
 * One spreadsheet row → the content of a complete catalogue item, or every problem with it in
 * Chinese. Imported rows must carry all eight elements. `checkedChannels`: the channels of a
 * checkbox list (■政府网站 □两微一端), already read, instead of the cell's comma list.
 */
export function parseCatalogueRow(row: CatalogueRow, checkedChannels?: ItemContent['channels']): ParsedRow {
  const cell = (column: CatalogueColumn) => (row[column] ?? '').trim();
  const errors: string[] = [];
  const domain = domainOf(cell('所属领域'));
  if (!cell('所属领域')) errors.push('缺少所属领域');
  else if (!domain) errors.push(`所属领域“${cell('所属领域')}”不是26个试点领域之一`);
  if (!cell('一级事项')) errors.push('缺少一级事项');
  const { channels, unknown } = checkedChannels ? { channels: checkedChannels, unknown: [] } : parseChannels(cell('公开渠道和载体'));
  if (unknown.length > 0) errors.push(`公开渠道“${unknown.join('、')}”不在标准渠道列表中（如需其他渠道请写“其他（具体渠道）”）`);
  const audience = cell('公开对象') ? parseAudience(cell('公开对象')) : undefined;
  if (audience === null) errors.push(`公开对象“${cell('公开对象')}”应为“全社会”或“特定群体”`);
  const method = cell('公开方式') ? parseMethod(cell('公开方式')) : undefined;
  if (method === null) errors.push(`公开方式“${cell('公开方式')}”应为“主动”或“依申请”`);
  const level = cell('公开层级');
  if (!(UNIT_LEVELS as readonly string[]).includes(level)) errors.push(level ? `公开层级“${level}”应为“县级”或“乡级”` : '缺少公开层级');
  const stage = cell('公开环节');
  if (stage && !(ITEM_STAGES as readonly string[]).includes(stage)) errors.push(`公开环节“${stage}”应为决策、执行、管理、服务、结果之一`);
  const itemId = cell('事项编号');
  if (itemId && !/^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/.test(itemId)) errors.push(`事项编号“${itemId}”格式有误`);
  const optional = (column: CatalogueColumn) => (cell(column) ? cell(column) : undefined);
  const content: ItemContent = {
    domainCode: domain?.code ?? 'budget',
    firstLevel: cell('一级事项'),
    secondLevel: optional('二级事项'),
    content: optional('公开内容（要素）'),
    legalBases: parseLegalBases(cell('公开依据')),
    timeLimit: cell('公开时限') ? parseTimeLimit(cell('公开时限')) : undefined,
    subject: optional('公开主体'),
    method: method ?? undefined,
    channels,
    audience: audience ?? undefined,
    level: level as ItemContent['level'],
    stage: (stage || undefined) as ItemContent['stage'],
    guidelineItemCode: optional('标准指引事项编码'),
    post: optional('岗位'),
    authority: optional('职权'),
    procedure: optional('流程'),
  };
  // The eight elements, named as the columns name them; a malformed value was reported above.
  const COLUMN_OF: Record<string, string> = {
    名称: '二级事项',
    内容: '公开内容（要素）',
    依据: '公开依据',
    时限: '公开时限',
    主体: '公开主体',
    方式: '公开方式',
    渠道: '公开渠道和载体',
    公开对象: '公开对象',
  };
  for (const element of missingElements(content)) {
    const column = COLUMN_OF[element];
    if (column && !cell(column as CatalogueColumn)) errors.push(`缺少${column}（${element}）`);
    else if (!column && unknown.length === 0) errors.push(`缺少${element}`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, itemId: itemId || null, content: stripUndefined(content) };
}

/** An item as a spreadsheet row (the inverse of parseCatalogueRow for complete items). */
export function toCatalogueRow(serial: number, itemId: string, content: ItemContent): Record<CatalogueColumn, string> {
  return {
    序号: String(serial),
    一级事项: content.firstLevel,
    二级事项: content.secondLevel ?? '',
    '公开内容（要素）': content.content ?? '',
    公开依据: formatLegalBases(content.legalBases),
    公开时限: content.timeLimit?.text ?? '',
    公开主体: content.subject ?? '',
    公开渠道和载体: formatChannels(content.channels),
    公开对象: content.audience ? audienceLabel(content.audience) : '',
    公开方式: content.method ?? '',
    公开层级: content.level,
    所属领域: PILOT_DOMAINS.find((d) => d.code === content.domainCode)?.name ?? content.domainCode,
    公开环节: content.stage ?? '',
    标准指引事项编码: content.guidelineItemCode ?? '',
    岗位: content.post ?? '',
    职权: content.authority ?? '',
    流程: content.procedure ?? '',
    事项编号: itemId,
  };
}

export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
