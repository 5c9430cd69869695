/** A piece of text to show, with the parts that matched the query marked (rendered as <mark> by the web app; never HTML). */
export type Snippet = { text: string; hit: boolean }[];

/**
 * The passage of `text` around the first place where one of `terms` occurs, at most about `width`
 * characters, with every occurrence of a term inside it marked. Null when no term occurs.
 */
export function snippetOf(text: string, terms: readonly string[], width = 120): Snippet | null {
  const wanted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  let first = -1;
  for (const term of wanted) {
    const at = lower.indexOf(term.toLowerCase());
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return null;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const passage = text.slice(start, end).replace(/\s+/g, ' ');
  const marked = markTerms(passage, wanted);
  if (start > 0) marked.unshift({ text: '…', hit: false });
  if (end < text.length) marked.push({ text: '…', hit: false });
  return marked;
}

/** `text` split into marked (a term) and unmarked pieces; the longest term wins where terms overlap. */
export function markTerms(text: string, terms: readonly string[]): Snippet {
  const wanted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  const pieces: Snippet = [];
  let plain = '';
  let at = 0;
  while (at < text.length) {
    const term = wanted.find((t) => lower.startsWith(t.toLowerCase(), at));
    if (term) {
      if (plain) pieces.push({ text: plain, hit: false });
      plain = '';
      pieces.push({ text: text.slice(at, at + term.length), hit: true });
      at += term.length;
    } else {
      plain += text[at];
      at += 1;
    }
  }
  if (plain) pieces.push({ text: plain, hit: false });
  return pieces;
}
