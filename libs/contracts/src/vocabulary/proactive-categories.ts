import type { UnitKind } from './units';

/**
 * The statutory categories of proactive disclosure (主动公开) of the 政府信息公开条例 (国务院令第711号,
 * 2019 revision), Arts. 20 and 21, as plain data (no zod: the web app imports it too).
 *
 * Wording: quoted from the regulation's text (read from the Xinhua release of 2019-04-15,
 * news.china.com/domesticgd/10000159/20190415/35672077_3.html, for Art. 20 (一)–(十四), and from
 * github.com/LawRefBook/Laws 行政法规/政府信息公开条例(2019-04-03).md for Art. 20 (十五) and Art. 21).
 * Art. 21 lists "aspects" (方面) of information, one category each, quoted word for word.
 *
 * Which list a unit keeps (`proactiveCategoriesOf`): every 行政机关 Art. 20; the district's departments
 * and the district office (县级人民政府及其部门) Art. 21's first part; towns (乡(镇)人民政府) Art. 21's
 * second part. The sub-district office (街道办事处) is no 乡(镇)人民政府 in the regulation's words; it
 * keeps the towns' list as the district's grassroots standard treats it at 乡级 (unconfirmed:
 * docs/legal-settings.md, ADR 0014).
 */
export interface ProactiveCategory {
  /** Stable code, e.g. `art20-5`, `art21-county-3`, `art21-town-2`. */
  code: string;
  /** 第二十条 / 第二十一条 */
  article: string;
  /** How a person cites it, e.g. 第二十条第（五）项. */
  citation: string;
  /** The regulation's words for the category. */
  text: string;
  /** Art. 20 (十五), "other information laws require": shown and linkable, never a gap nor counted in coverage. */
  catchAll?: boolean;
  /** Pilot domains whose catalogue items obviously belong here (automatic proposals, the officer confirms). */
  domains: readonly string[];
  /** Words in an item's name or a document's title that obviously point here (proposals only). */
  keywords: readonly string[];
}

export const REGULATION_TITLE = '《中华人民共和国政府信息公开条例》';

const art20 = (n: number, item: string, text: string, domains: string[], keywords: string[], catchAll = false): ProactiveCategory => ({
  code: `art20-${n}`,
  article: '第二十条',
  citation: `第二十条第（${item}）项`,
  text,
  domains,
  keywords,
  ...(catchAll ? { catchAll } : {}),
});

/** Art. 20: every 行政机关, items (一)–(十五). */
export const ARTICLE_20_CATEGORIES: readonly ProactiveCategory[] = [
  art20(1, '一', '行政法规、规章和规范性文件', [], ['规范性文件', '规章', '实施办法', '管理办法']),
  art20(
    2,
    '二',
    '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
    [],
    ['机构职能', '机关职能', '机构设置', '领导分工', '联系方式', '办公地址'],
  ),
  art20(3, '三', '国民经济和社会发展规划、专项规划、区域规划及相关政策', ['spatial-planning'], ['规划']),
  art20(4, '四', '国民经济和社会发展统计信息', [], ['统计']),
  art20(5, '五', '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果', [], ['行政许可', '办事指南']),
  art20(6, '六', '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定', [], ['行政处罚', '行政强制']),
  art20(7, '七', '财政预算、决算信息', ['budget'], ['预算', '决算']),
  art20(8, '八', '行政事业性收费项目及其依据、标准', [], ['收费']),
  art20(9, '九', '政府集中采购项目的目录、标准及实施情况', ['public-resource-trading'], ['采购']),
  art20(10, '十', '重大建设项目的批准和实施情况', ['major-projects'], ['重大建设项目', '重大项目']),
  art20(
    11,
    '十一',
    '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
    ['poverty-alleviation', 'compulsory-education', 'health', 'social-insurance', 'employment', 'social-assistance', 'elderly-care'],
    ['扶贫', '教育', '医疗', '社会保障', '就业'],
  ),
  art20(12, '十二', '突发公共事件的应急预案、预警信息及应对情况', ['disaster-relief'], ['应急预案', '预警']),
  art20(
    13,
    '十三',
    '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
    ['environment', 'work-safety', 'food-drug'],
    ['环境保护', '公共卫生', '安全生产', '食品药品', '产品质量'],
  ),
  art20(14, '十四', '公务员招考的职位、名额、报考条件等事项以及录用结果', [], ['公务员', '招考', '招录', '录用']),
  art20(15, '十五', '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息', [], [], true),
];

const ART21_COUNTY_SCOPE = '设区的市级、县级人民政府及其部门';
const ART21_TOWN_SCOPE = '乡（镇）人民政府';

const art21 = (scope: 'county' | 'town', n: number, text: string, domains: string[], keywords: string[]): ProactiveCategory => ({
  code: `art21-${scope}-${n}`,
  article: '第二十一条',
  citation: `第二十一条（${scope === 'county' ? ART21_COUNTY_SCOPE : ART21_TOWN_SCOPE}）`,
  text,
  domains,
  keywords,
});

/** Art. 21, first part: 设区的市级、县级人民政府及其部门 (the district's departments and the district office). */
export const ARTICLE_21_COUNTY_CATEGORIES: readonly ProactiveCategory[] = [
  art21('county', 1, '市政建设', ['municipal-services'], ['市政']),
  art21('county', 2, '公共服务', ['public-culture', 'public-legal-services'], ['公共服务']),
  art21('county', 3, '公益事业', [], ['公益']),
  art21('county', 4, '土地征收', ['land-expropriation'], ['土地征收', '征地']),
  art21('county', 5, '房屋征收', ['housing-expropriation'], ['房屋征收']),
  art21('county', 6, '治安管理', [], ['治安']),
  art21('county', 7, '社会救助', ['social-assistance'], ['社会救助', '低保', '特困']),
];

/** Art. 21, second part: 乡（镇）人民政府. */
export const ARTICLE_21_TOWN_CATEGORIES: readonly ProactiveCategory[] = [
  art21('town', 1, '贯彻落实农业农村政策', ['agricultural-subsidies'], ['农业农村', '惠农', '涉农']),
  art21('town', 2, '农田水利工程建设运营', [], ['农田水利', '水利工程']),
  art21('town', 3, '农村土地承包经营权流转', [], ['土地承包', '经营权流转']),
  art21('town', 4, '宅基地使用情况审核', [], ['宅基地']),
  art21('town', 5, '土地征收', ['land-expropriation'], ['土地征收', '征地']),
  art21('town', 6, '房屋征收', ['housing-expropriation'], ['房屋征收']),
  art21('town', 7, '筹资筹劳', [], ['筹资筹劳', '一事一议']),
  art21('town', 8, '社会救助', ['social-assistance'], ['社会救助', '低保', '特困']),
];

/** Art. 21's additional list by kind of unit (see the module comment for the sub-district). */
const ARTICLE_21_BY_KIND: Readonly<Record<UnitKind, readonly ProactiveCategory[]>> = {
  town: ARTICLE_21_TOWN_CATEGORIES,
  subdistrict: ARTICLE_21_TOWN_CATEGORIES,
  department: ARTICLE_21_COUNTY_CATEGORIES,
  district_office: ARTICLE_21_COUNTY_CATEGORIES,
};

/** The categories a unit of this kind keeps on its checklist: Art. 20, then Art. 21's part for it. */
export function proactiveCategoriesOf(kind: UnitKind): readonly ProactiveCategory[] {
  return [...ARTICLE_20_CATEGORIES, ...ARTICLE_21_BY_KIND[kind]];
}

/** The categories that count (gaps, coverage): all but the catch-all of Art. 20 (十五). */
export function countedCategoriesOf(kind: UnitKind): readonly ProactiveCategory[] {
  return proactiveCategoriesOf(kind).filter((c) => !c.catchAll);
}

export function proactiveCategory(code: string): ProactiveCategory | undefined {
  return [...ARTICLE_20_CATEGORIES, ...ARTICLE_21_COUNTY_CATEGORIES, ...ARTICLE_21_TOWN_CATEGORIES].find((c) => c.code === code);
}

/** 第二十条第（五）项 → “《中华人民共和国政府信息公开条例》第二十条第（五）项”. */
export const fullCitation = (category: Pick<ProactiveCategory, 'citation'>) => `${REGULATION_TITLE}${category.citation}`;

/** What a checklist link points at. */
export const CHECKLIST_TARGET_KINDS = ['item', 'document'] as const;
export type ChecklistTargetKind = (typeof CHECKLIST_TARGET_KINDS)[number];
export const CHECKLIST_TARGET_KIND_LABELS: Record<ChecklistTargetKind, string> = { item: '目录事项', document: '公文' };

/**
 * A unit's coverage of its statutory categories: `covering` are the codes with at least one published
 * item or document linked. The catch-all Art. 20 (十五) is neither counted nor a gap. One function for
 * the catalogue's checklist and the assessment's metric.
 */
export function checklistCoverage(
  kind: UnitKind,
  covering: Iterable<string>,
): { counted: number; covered: string[]; gaps: ProactiveCategory[]; percent: number | null } {
  const codes = new Set(covering);
  const counted = countedCategoriesOf(kind);
  const covered = counted.filter((c) => codes.has(c.code)).map((c) => c.code);
  const percent = counted.length ? Math.round((covered.length / counted.length) * 10000) / 100 : null;
  return { counted: counted.length, covered, gaps: counted.filter((c) => !codes.has(c.code)), percent };
}
