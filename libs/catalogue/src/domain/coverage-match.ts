import type { DomainCode, GuidelineItem, UnitLevel } from '@gongkai/contracts';

/**
 * Matching a unit's catalogue items to guideline items the way a person reads them: by the words
 * of their names (and the item's content), with the abbreviations officers write treated as the
 * full term. Pure: the word segmentation (jieba at the application edge) is passed in. Proposals
 * only — an officer confirms or rejects each, and coverage counts confirmed matches.
 */

/** Word segmentation of a text into meaningful words (the application passes jieba's search mode). */
export type Segmenter = (text: string) => string[];

/**
 * Terms written in more than one way in catalogues and guidelines; each group's first term is the
 * one both sides are rewritten to before comparing.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  ['最低生活保障', '低保'],
  ['特困人员救助供养', '特困人员供养', '特困供养', '五保供养'],
  ['公共租赁住房', '公租房'],
  ['廉租住房', '廉租房'],
  ['经济适用住房', '经适房', '经济适用房'],
  ['棚户区改造', '棚改'],
  ['农村危房改造', '危房改造', '危改'],
  ['基本医疗保险', '医疗保险', '医保'],
  ['社会保险', '社保'],
  ['基本养老保险', '养老保险'],
  ['政府采购', '政采'],
  ['招标投标', '招投标'],
  ['环境影响评价', '环评'],
  ['双随机一公开', '双随机'],
  ['残疾人两项补贴', '困难残疾人生活补贴和重度残疾人护理补贴', '残疾人补贴'],
  ['户籍', '户口'],
  ['居民身份证', '身份证'],
  ['食品药品', '食药'],
  ['预算决算', '预决算', '预算、决算'],
  ['招生入学', '招生', '入学'],
  ['义务教育', '义教'],
];

const REWRITES: [string, string][] = SYNONYMS.flatMap((group) =>
  group.slice(1).map((variant): [string, string] => [variant, group[0]]),
).sort((a, b) => b[0].length - a[0].length);

/** The text with every variant written as its group's first term (longest variants first, each place once). */
export function canonicalTerms(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const hit = REWRITES.find(([variant]) => text.startsWith(variant, i));
    if (hit && !text.startsWith(hit[1], i)) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

const bigrams = (text: string) => {
  const chars = [...text.replace(/[^\p{L}\p{N}]/gu, '')];
  return new Set(chars.slice(1).map((c, i) => chars[i] + c));
};
const dice = <T>(a: Set<T>, b: Set<T>) => {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
};

/** What matching needs of a catalogue item. */
export interface MatchableItem {
  itemId: string;
  domainCode: DomainCode;
  level: UnitLevel;
  firstLevel: string;
  secondLevel?: string;
  content?: string;
  /** The guideline item it is already matched to, if any. */
  guidelineItemCode: string | null;
  /** Guideline items the officer rejected for this item: never proposed again. */
  rejected?: readonly string[];
}

export interface MatchScore {
  /** 0–1: words of the names in common (the most weight), characters of the names in common, guideline words found in the item's content. */
  score: number;
  /** The words both names share (after synonyms), for the officer to see why. */
  shared: string[];
}

/** How alike an item and a guideline item read, with the words they share. */
export function matchScore(item: MatchableItem, guideline: GuidelineItem, segment: Segmenter): MatchScore {
  const itemName = canonicalTerms(`${item.firstLevel} ${item.secondLevel ?? ''}`);
  const guideName = canonicalTerms(`${guideline.firstLevel} ${guideline.secondLevel}`);
  const itemWords = new Set(segment(itemName));
  const guideWords = new Set(segment(guideName));
  const contentWords = new Set(segment(canonicalTerms(item.content ?? '')));
  const shared = [...guideWords].filter((w) => itemWords.has(w));
  const inContent =
    guideWords.size === 0 ? 0 : [...guideWords].filter((w) => itemWords.has(w) || contentWords.has(w)).length / guideWords.size;
  const score = 0.5 * dice(itemWords, guideWords) + 0.3 * dice(bigrams(itemName), bigrams(guideName)) + 0.2 * inContent;
  return { score: Math.round(score * 1000) / 1000, shared };
}

export interface MatchProposal {
  itemId: string;
  /** The best candidates first: guideline items of the item's domain and level scoring at least the threshold. */
  candidates: ({ code: string; firstLevel: string; secondLevel: string } & MatchScore)[];
  /** The one the proposal picks: the best candidate no better-scoring item claims. */
  proposed: string | null;
}

/**
 * For each item not yet matched, the guideline items it may stand for (same domain and level), and
 * one proposal per item such that no guideline item is proposed twice (greedy by score) and none
 * already matched by another item is proposed again.
 */
export function proposeMatches(
  items: readonly MatchableItem[],
  guideline: readonly GuidelineItem[],
  segment: Segmenter,
  options: { threshold?: number; candidates?: number } = {},
): MatchProposal[] {
  const threshold = options.threshold ?? 0.3;
  const taken = new Set(items.map((i) => i.guidelineItemCode).filter((c): c is string => c !== null));
  const proposals = items
    .filter((item) => item.guidelineItemCode === null)
    .map((item): MatchProposal => {
      const candidates = guideline
        .filter((g) => g.domainCode === item.domainCode && g.level === item.level && !item.rejected?.includes(g.code))
        .map((g) => ({ code: g.code, firstLevel: g.firstLevel, secondLevel: g.secondLevel, ...matchScore(item, g, segment) }))
        .filter((c) => c.score >= threshold)
        .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
        .slice(0, options.candidates ?? 3);
      return { itemId: item.itemId, candidates, proposed: null };
    });
  const pairs = proposals
    .flatMap((p) => p.candidates.map((c) => ({ proposal: p, code: c.code, score: c.score })))
    .sort((a, b) => b.score - a.score);
  for (const { proposal, code } of pairs) {
    if (proposal.proposed || taken.has(code)) continue;
    proposal.proposed = code;
    taken.add(code);
  }
  return proposals;
}
