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

/** Lets other work (a request) run between two pieces of a long job on the event loop. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** About this many characters are segmented between two yields (a few milliseconds of jieba). */
const SEGMENT_CHARACTERS = 400;

/**
 * `indexTokens(text)` for a long text (a document's body), cut at line and sentence ends into pieces
 * of about 400 characters, yielding to the event loop between pieces, so that segmenting a long text
 * never holds a request for more than a few milliseconds. The tokens are the same as
 * `indexTokens(text)`'s: jieba never joins words across those ends.
 */
export async function indexTokensYielding(text: string): Promise<string[]> {
  const tokens = new Set<string>();
  let piece = '';
  const flush = async () => {
    for (const token of indexTokens(piece)) tokens.add(token);
    piece = '';
    await yieldToEventLoop();
  };
  for (const sentence of text.split(/(?<=[\n。；！？])/u)) {
    piece += sentence;
    if (piece.length >= SEGMENT_CHARACTERS) await flush();
  }
  if (piece) await flush();
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
