import fc from 'fast-check';
import { GENESIS_HASH } from '@gongkai/contracts';
import { canonicalJson } from './canonical-json';
import { hashEnvelope, newUtf8Arena, sealedText, sealedUtf8, verifyChain, type UnsealedEnvelope } from './hash-chain';
import {
  PINNED_FIRST_HASH,
  PINNED_FIRST_TEXT,
  PINNED_SECOND_HASH,
  PINNED_SECOND_TEXT,
  pinnedFirst,
  pinnedSecond,
} from './hash-chain.fixture';

describe('hash chain format', () => {
  it('gives the pinned hashes and stored text of two known events', () => {
    expect(hashEnvelope(pinnedFirst)).toBe(PINNED_FIRST_HASH);
    expect(hashEnvelope(pinnedSecond)).toBe(PINNED_SECOND_HASH);
    expect(sealedText(pinnedFirst)).toEqual({ hash: PINNED_FIRST_HASH, text: PINNED_FIRST_TEXT });
    expect(sealedText(pinnedSecond)).toEqual({ hash: PINNED_SECOND_HASH, text: PINNED_SECOND_TEXT });
    expect(verifyChain(pinnedFirst.streamId, [JSON.parse(PINNED_FIRST_TEXT), JSON.parse(PINNED_SECOND_TEXT)])).toBeNull();
  });

  it('sealedUtf8 gives the same hash and the UTF-8 bytes of the same text', () => {
    for (const [envelope, hash, text] of [
      [pinnedFirst, PINNED_FIRST_HASH, PINNED_FIRST_TEXT],
      [pinnedSecond, PINNED_SECOND_HASH, PINNED_SECOND_TEXT],
    ] as const) {
      const sealed = sealedUtf8(envelope);
      expect(sealed.hash).toBe(hash);
      expect(Buffer.compare(sealed.utf8, Buffer.from(text, 'utf8'))).toBe(0);
    }
  });

  it('sealedUtf8 writes events one after another into an arena, and past its end into a new buffer', () => {
    for (const arena of [newUtf8Arena(), { buffer: Buffer.allocUnsafe(16), offset: 0 }]) {
      const first = sealedUtf8(pinnedFirst, arena);
      const second = sealedUtf8(pinnedSecond, arena);
      expect(first.utf8.toString('utf8')).toBe(PINNED_FIRST_TEXT);
      expect(second.utf8.toString('utf8')).toBe(PINNED_SECOND_TEXT);
    }
  });

  const text = fc.string({ unit: 'binary' });
  const jsonObject = fc.dictionary(text, fc.jsonValue({ stringUnit: 'binary' }));
  const envelope = fc.record({
    eventId: text,
    type: text,
    schemaVersion: fc.integer(),
    streamId: fc.string(),
    streamRevision: fc.nat(),
    recordedAt: fc.string(),
    occurredAt: fc.string(),
    actor: fc.record({ userId: text, unitId: text, role: fc.constantFrom('clerk', 'reviewer', 'auditor') }),
    correlationId: text,
    causationId: fc.option(text, { nil: null }),
    data: jsonObject,
    prevHash: fc.oneof(
      fc.constant(GENESIS_HASH),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
      fc.string(),
    ),
  }) as fc.Arbitrary<UnsealedEnvelope>;

  it('sealedUtf8 equals sealedText for any envelope', () => {
    fc.assert(
      fc.property(envelope, (value) => {
        const text = sealedText(value);
        const utf8 = sealedUtf8(value);
        return utf8.hash === text.hash && utf8.utf8.equals(Buffer.from(text.text, 'utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to the generic canonical form for envelopes that are not of the usual shape', () => {
    const odd: Record<string, unknown>[] = [
      { ...pinnedFirst, causationId: undefined },
      { ...pinnedFirst, extra: { b: 1, a: 2 } },
      { ...pinnedFirst, schemaVersion: '1' },
      { ...pinnedFirst, actor: undefined },
      { ...pinnedFirst, hash: 'ignored', globalPosition: 7 },
      { ...pinnedFirst, data: { lone: '\ud800', pair: '\ud83d\ude00' } },
    ];
    for (const value of odd) {
      const expected = canonicalJson(value, new Set(['hash', 'globalPosition']));
      const sealed = sealedUtf8(value as unknown as UnsealedEnvelope);
      expect(sealed.hash).toBe(hashEnvelope(value as unknown as UnsealedEnvelope));
      expect(sealed.utf8.toString('utf8')).toBe(`${expected.slice(0, -1)},"hash":"${sealed.hash}"}`);
    }
    expect(() => sealedUtf8({ ...pinnedFirst, streamRevision: Number.NaN })).toThrow(TypeError);
  });
});
