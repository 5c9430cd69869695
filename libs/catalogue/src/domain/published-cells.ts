import { DISCLOSURE_CHANNELS, PILOT_DOMAINS, type DisclosureChannel, type DomainCode, type ItemContent } from '@gongkai/contracts';

/**
 * The cells of catalogues as counties publish them (the State Council guidelines' tables adapted on
 * county portals): √ marks, checkbox channel lists, the domain named in a title. Pure text in, values out.
 */

/** Full-width to half-width (（ → (, ： → :), no whitespace: how headings and channel names are compared. */
export const squeeze = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

const CHECKED = '■☑☒✓√✔●◆';
const UNCHECKED = '□☐○◇';

/**
 * A cell under a mark column (全社会 / 特定群众, 主动 / 依申请, 县级 / 乡级): √ ✓ ■ ☑ ◆ mark it, □ ◇ or
 * nothing does not. Text after the mark, or text instead of it (特定群众: 低保对象), is its detail.
 */
export function readMark(cell: string): { marked: boolean; detail?: string } {
  const text = cell.trim();
  if (text === '' || /^[□☐○◇×✗✘否无/\\-]$/.test(text)) return { marked: false };
  const rest = (CHECKED.includes(text[0]) ? text.slice(1) : text)
    .trim()
    .replace(/^[(（]\s*(.*?)\s*[)）]$/, '$1')
    .trim();
  return rest ? { marked: true, detail: rest } : { marked: true };
}

/** Every mark of a checkbox list, checked or not; null when the cell is not a checkbox list. */
function checkboxes(cell: string): { checked: boolean; label: string }[] | null {
  if (![...cell].some((ch) => CHECKED.includes(ch) || UNCHECKED.includes(ch))) return null;
  const marks = new RegExp(`([${CHECKED}${UNCHECKED}])`);
  const parts = cell.split(marks);
  const boxes: { checked: boolean; label: string }[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const label = parts[i + 1]
      .trim()
      .replace(/[、，,；;。]+$/, '')
      .trim();
    if (label) boxes.push({ checked: CHECKED.includes(parts[i]), label });
  }
  return boxes;
}

/** Names counties write for the standard channels (a county's wording → the standard list). */
const CHANNEL_ALIASES: [RegExp, DisclosureChannel][] = [
  [/公报/, '政府公报'],
  [/网站|门户/, '政府网站'],
  [/两微一端|微博|微信|客户端|新媒体|app/i, '两微一端'],
  [/发布会|听证会/, '发布会/听证会'],
  [/^(广播电视|广播|电视|广播、电视)$/, '广播电视'],
  [/纸质|报刊|报纸/, '纸质媒体'],
  [/查阅点|查阅场所|查阅室/, '公开查阅点'],
  [/政务服务中心|行政服务中心|政务(服务)?大厅|办事大厅/, '政务服务中心'],
  [/便民服务(站|中心)|便民服务/, '便民服务站'],
  [/^入户|^现场|入户\/现场/, '入户/现场'],
  [/公示栏|公开栏|公告栏|电子屏/, '社区/企事业单位/村公示栏(电子屏)'],
  [/精准推送/, '精准推送'],
];

/** One channel name as a county wrote it → a standard channel; anything else is kept as 其他 with its text. */
export function standardChannel(label: string): ItemContent['channels'][number] {
  const name = squeeze(label);
  const other = /^其他[:：(（]?(.*?)[)）]?$/.exec(name);
  if (other) return other[1] ? { channel: '其他', other: other[1] } : { channel: '其他' };
  const exact = DISCLOSURE_CHANNELS.find((c) => squeeze(c) === name);
  if (exact) return { channel: exact };
  const alias = CHANNEL_ALIASES.find(([pattern]) => pattern.test(name));
  return alias ? { channel: alias[1] } : { channel: '其他', other: label.trim() };
}

/**
 * `■政府网站 □两微一端 ■便民服务中心 ■12345政务服务热线`: the checked channels, mapped to the
 * standard list (unknown ones as 其他 with their text), each once. Null when the cell has no boxes.
 */
export function parseChannelChecklist(cell: string): ItemContent['channels'] | null {
  const boxes = checkboxes(cell);
  if (!boxes) return null;
  const channels: ItemContent['channels'] = [];
  for (const box of boxes.filter((b) => b.checked)) {
    const channel = standardChannel(box.label);
    if (!channels.some((c) => c.channel === channel.channel && c.other === channel.other)) channels.push(channel);
  }
  return channels;
}

/**
 * The channels of a published table's cell: a checkbox list (parseChannelChecklist), or a list
 * separated by 、，； whose words are mapped the same way (村务公开栏 → 社区/企事业单位/村公示栏(电子屏)).
 */
export function parsePublishedChannels(cell: string): ItemContent['channels'] {
  const checklist = parseChannelChecklist(cell);
  if (checklist) return checklist;
  const channels: ItemContent['channels'] = [];
  for (const label of cell.split(/[、，,；;\n]+/).map((p) => p.trim())) {
    if (!label) continue;
    const channel = standardChannel(label);
    if (!channels.some((c) => c.channel === channel.channel && c.other === channel.other)) channels.push(channel);
  }
  return channels;
}

/** The words that name each pilot domain: its name, the name without its parenthesis, the parenthesised alternative. */
const DOMAIN_WORDS: { code: DomainCode; word: string }[] = PILOT_DOMAINS.flatMap(({ code, name }) => {
  const match = /^(.+?)（(.+)）$/.exec(name);
  return (match ? [name, match[1], match[2]] : [name]).map((word) => ({ code, word: squeeze(word) }));
});

/** The pilot domain a title or sheet name names (`XX县社会救助领域基层政务公开标准目录` → social-assistance); the longest name wins. */
export function domainNamedIn(text: string): DomainCode | null {
  const squeezed = squeeze(text);
  const found = DOMAIN_WORDS.filter(({ word }) => squeezed.includes(word)).sort((a, b) => b.word.length - a.word.length);
  return found[0]?.code ?? null;
}

/** 县级 / 区级 / 市级 → 县级; 乡级 / 镇级 / 街道级 / 乡（村）级 / 乡、村级 → 乡级. */
export function levelNamed(text: string): ItemContent['level'] | null {
  const name = squeeze(text).replace(/公开$/, '');
  if (/^(县|区|市|县区|县\(市、区\))级?$/.test(name)) return '县级';
  if (/^(乡|镇|街道|乡镇|乡村|乡、村|乡\(村\)|乡镇\(街道\)|镇\(街道\)|乡\(镇\)|村)级?$/.test(name)) return '乡级';
  return null;
}

/** The standard channels as a checkbox list, the item's checked (■) and the others not (□); each 其他 with its text. */
export function formatChannelChecklist(channels: ItemContent['channels']): string {
  const others = channels.filter((c) => c.channel === '其他');
  const standard = DISCLOSURE_CHANNELS.filter((c) => c !== '其他').map(
    (name) => `${channels.some((c) => c.channel === name) ? '■' : '□'}${name}`,
  );
  const other = others.length > 0 ? others.map((c) => `■其他${c.other ? `（${c.other}）` : ''}`) : ['□其他'];
  return [...standard, ...other].join(' ');
}
