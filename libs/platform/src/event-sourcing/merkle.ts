import { createHash } from 'node:crypto';

/**
 * The Merkle tree of anchors (docs/audit.md "Merkle construction"), built so that `sha256sum` and
 * `printf` reproduce every step:
 * - leaf  = SHA-256 of the UTF-8 text `<streamId>\n<revision in decimal>\n<head hash in hex>`;
 * - node  = SHA-256 of the text `<left child hex><right child hex>` (128 hex digits, no separator);
 * - leaves sorted by stream id (UTF-16 code units, as JavaScript compares strings; stream ids are
 *   ASCII in practice, where this is byte order); each level pairs neighbours left to right, and an
 *   odd last node moves up unchanged (it is never paired with itself);
 * - the root of no leaves is SHA-256 of the empty text; the root of one leaf is that leaf.
 * A leaf's preimage always contains a newline and a node's never does, so the two cannot collide.
 */
export interface MerkleLeafInput {
  streamId: string;
  revision: number;
  hash: string;
}

export interface MerkleStep {
  /** Where the sibling sits: `left` means node = sha256(sibling ‖ current). */
  side: 'left' | 'right';
  hash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const EMPTY_MERKLE_ROOT = sha256('');

export function merkleLeaf({ streamId, revision, hash }: MerkleLeafInput): string {
  if (streamId.includes('\n')) throw new Error('a stream id cannot contain a newline');
  return sha256(`${streamId}\n${revision}\n${hash}`);
}

export const merkleNode = (left: string, right: string): string => sha256(`${left}${right}`);

const byStreamId = (a: MerkleLeafInput, b: MerkleLeafInput) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0);

/** The leaf hashes in tree order (sorted by stream id). */
export function merkleLeaves(heads: Iterable<MerkleLeafInput>): { streamId: string; leaf: string }[] {
  return [...heads].sort(byStreamId).map((head) => ({ streamId: head.streamId, leaf: merkleLeaf(head) }));
}

function levels(leaves: string[]): string[][] {
  const all = [leaves];
  let level = leaves;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? merkleNode(level[i], level[i + 1]) : level[i]);
    all.push(next);
    level = next;
  }
  return all;
}

export function merkleRoot(heads: Iterable<MerkleLeafInput>): string {
  const leaves = merkleLeaves(heads).map((l) => l.leaf);
  if (leaves.length === 0) return EMPTY_MERKLE_ROOT;
  const all = levels(leaves);
  return all[all.length - 1][0];
}

/** The audit path of each requested stream's leaf (all streams when `only` is omitted). */
export function merkleProofs(
  heads: Iterable<MerkleLeafInput>,
  only?: ReadonlySet<string>,
): { root: string; proofs: Map<string, MerkleStep[]> } {
  const sorted = merkleLeaves(heads);
  const proofs = new Map<string, MerkleStep[]>();
  if (sorted.length === 0) return { root: EMPTY_MERKLE_ROOT, proofs };
  const all = levels(sorted.map((l) => l.leaf));
  sorted.forEach(({ streamId }, leafIndex) => {
    if (only && !only.has(streamId)) return;
    const path: MerkleStep[] = [];
    let index = leafIndex;
    for (let depth = 0; depth < all.length - 1; depth += 1) {
      const level = all[depth];
      const sibling = index % 2 === 0 ? index + 1 : index - 1;
      if (sibling < level.length) path.push({ side: index % 2 === 0 ? 'right' : 'left', hash: level[sibling] });
      index = Math.floor(index / 2);
    }
    proofs.set(streamId, path);
  });
  return { root: all[all.length - 1][0], proofs };
}

/** Recomputes the root from one head and its audit path. */
export function merkleRootFromProof(head: MerkleLeafInput, path: readonly MerkleStep[]): string {
  return path.reduce(
    (current, step) => (step.side === 'left' ? merkleNode(step.hash, current) : merkleNode(current, step.hash)),
    merkleLeaf(head),
  );
}
