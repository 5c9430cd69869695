import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;
const instance = () => (jieba ??= Jieba.withDict(dict));

/** Words that carry no meaning for search, and punctuation. */
const STOP = new Set(['的', '和', '与', '及', '或', '等', '之', '对', '在', '了', '是', '其', '及其', '以及', '有关', '相关']);
const useful = (token: string) => !STOP.has(token) && /[\p{L}\p{N}]/u.test(token);

/**
 * Chinese word segmentation (jieba). Indexing uses the search mode, which adds the shorter words
 * inside long ones (义务教育 → 义务, 教育, 义务教育), so a query word found inside a longer phrase
 * matches; queries use the precise mode.
 */
export function indexTokens(...texts: (string | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts)
    if (text) for (const t of instance().cutForSearch(text.toLowerCase(), true)) if (useful(t.trim())) tokens.add(t.trim());
  return [...tokens];
}

export function queryTokens(query: string): string[] {
  return [
    ...new Set(
      instance()
        .cut(query.toLowerCase(), true)
        .map((t) => t.trim())
        .filter(useful),
    ),
  ];
}
