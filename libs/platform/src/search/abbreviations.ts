/**
 * The abbreviations citizens type, with what official documents write instead (maintained list:
 * add a line when the search log shows a word that finds nothing). A query word found here is
 * searched as itself or as any of its full forms; a full form is also searched as its abbreviation,
 * so 最低生活保障 finds a text that only says 低保.
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  低保: ['最低生活保障'],
  医保: ['医疗保障', '医疗保险'],
  社保: ['社会保险', '社会保障'],
  特困: ['特困人员', '特困供养', '特困人员救助供养'],
  公积金: ['住房公积金'],
  危改: ['危房改造', '危旧房改造'],
  残疾证: ['残疾人证'],
  低收入: ['低收入家庭', '低收入人口'],
  五保: ['农村五保供养'],
  新农合: ['新型农村合作医疗'],
  养老金: ['基本养老金', '养老保险待遇'],
  廉租房: ['廉租住房'],
  公租房: ['公共租赁住房'],
  营业执照: ['营业执照办理'],
  义教: ['义务教育'],
  入学: ['招生入学'],
  拆迁: ['房屋征收', '征收补偿'],
  征地: ['土地征收'],
  环评: ['环境影响评价'],
  双减: ['减轻义务教育阶段学生作业负担和校外培训负担'],
};

const FULL_TO_SHORT: ReadonlyMap<string, string> = new Map(
  Object.entries(ABBREVIATIONS).flatMap(([short, fulls]) => fulls.map((full) => [full, short] as const)),
);

/**
 * A query, as alternatives per word: each group matches when one of its alternatives does. The
 * groups come from the query's words; a word that is (or contains) an abbreviation or full form
 * gets the other forms as alternatives.
 */
export function expandQuery(query: string, words: readonly string[]): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  const push = (group: string[]) => {
    const key = group.join('|');
    if (seen.has(key)) return;
    groups.push(group);
    seen.add(key);
  };
  for (const word of words) {
    const alternatives = new Set([word, ...(ABBREVIATIONS[word] ?? [])]);
    const short = FULL_TO_SHORT.get(word);
    if (short) alternatives.add(short);
    push([...alternatives]);
  }
  // A full form the segmenter split (最低生活保障 → 最低, 生活, 保障) is still one idea: add it whole.
  for (const [full, short] of FULL_TO_SHORT) if (query.includes(full)) push([full, short]);
  return groups;
}
