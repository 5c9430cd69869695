import { createHash } from 'node:crypto';
import { EMPTY_MERKLE_ROOT, merkleLeaf, merkleNode, merkleProofs, merkleRoot, merkleRootFromProof } from './merkle';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const head = (i: number) => ({ streamId: `test.s-${String(i).padStart(3, '0')}`, revision: i % 4, hash: sha(`h${i}`) });

describe('Merkle tree over stream heads (gongkai-merkle-v1)', () => {
  it('follows the documented construction', () => {
    const [a, b, c] = [head(1), head(2), head(3)];
    expect(merkleLeaf(a)).toBe(sha(`${a.streamId}\n${a.revision}\n${a.hash}`));
    expect(merkleRoot([])).toBe(EMPTY_MERKLE_ROOT);
    expect(merkleRoot([a])).toBe(merkleLeaf(a));
    // sorted by stream id whatever the input order; the odd last node moves up unchanged
    expect(merkleRoot([c, a, b])).toBe(merkleNode(merkleNode(merkleLeaf(a), merkleLeaf(b)), merkleLeaf(c)));
  });

  it('gives every leaf an audit path to the root, for any number of leaves', () => {
    for (const n of [1, 2, 3, 5, 8, 13]) {
      const heads = Array.from({ length: n }, (_, i) => head(i));
      const { root, proofs } = merkleProofs(heads);
      expect(root).toBe(merkleRoot(heads));
      for (const h of heads) expect(merkleRootFromProof(h, proofs.get(h.streamId)!)).toBe(root);
      expect(merkleRootFromProof({ ...heads[0], revision: 99 }, proofs.get(heads[0].streamId)!)).not.toBe(root);
    }
  });
});
