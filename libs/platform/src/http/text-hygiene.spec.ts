import { z } from 'zod';
import { httpUrl, multiLineText, singleLineText } from '@gongkai/contracts';
import { DomainError } from '../errors/domain-error';
import { parseInput } from './validation';

const body = z.object({
  title: singleLineText(200),
  reason: multiLineText(500),
  url: httpUrl(500).optional(),
  /** A field some schema left as a bare string: the floor still applies. */
  legacy: z.string().max(100).optional(),
  nested: z.array(z.object({ note: z.string().max(100) })).optional(),
});

const fieldErrorsOf = (input: unknown) => {
  try {
    parseInput(body, input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).fieldErrors.map(({ field, code }) => ({ field, code }));
  }
  throw new Error('expected a validation error');
};

const ok = { title: '关于开展政务公开工作的通知', reason: '第一行\n第二行\t缩进' };

describe('text hygiene at the edge (issue 16.3)', () => {
  it('accepts ordinary Chinese text, line breaks and tabs in multi-line fields, http(s) URLs', () => {
    expect(parseInput(body, { ...ok, url: 'https://www.example.gov.cn/a?b=1' })).toMatchObject(ok);
    expect(parseInput(body, { ...ok, url: 'http://example.org' }).url).toBe('http://example.org');
  });

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b[31m'],
    ['vertical tab', '\u000b'],
    ['form feed', '\u000c'],
    ['DEL', '\u007f'],
    ['C1 (NEL)', '\u0085'],
    ['C1 (CSI)', '\u009b'],
  ])('refuses %s in every text, single- or multi-line, even in a bare z.string() field', (_name, character) => {
    expect(fieldErrorsOf({ ...ok, title: `标题${character}后` })).toEqual([{ field: 'title', code: 'control_character' }]);
    expect(fieldErrorsOf({ ...ok, reason: `理由${character}后` })).toEqual([{ field: 'reason', code: 'control_character' }]);
    expect(fieldErrorsOf({ ...ok, legacy: `旧${character}字段` })).toEqual([{ field: 'legacy', code: 'control_character' }]);
    expect(fieldErrorsOf({ ...ok, nested: [{ note: 'a' }, { note: `b${character}c` }] })).toEqual([
      { field: 'nested.1.note', code: 'control_character' },
    ]);
  });

  it.each(['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])(
    'refuses the direction control U+%s in names, titles and free text',
    (character) => {
      expect(fieldErrorsOf({ ...ok, title: `合同${character}fdp.exe` })).toEqual([{ field: 'title', code: 'bidi_control' }]);
      expect(fieldErrorsOf({ ...ok, reason: `a${character}b` })).toEqual([{ field: 'reason', code: 'bidi_control' }]);
    },
  );

  it('refuses line breaks and tabs in single-line text, markup in titles', () => {
    expect(fieldErrorsOf({ ...ok, title: '第一行\n第二行' })).toEqual([{ field: 'title', code: 'line_break' }]);
    expect(fieldErrorsOf({ ...ok, title: '名称\t' + '后缀' })).toEqual([{ field: 'title', code: 'line_break' }]);
    expect(fieldErrorsOf({ ...ok, title: '<img src=x onerror=alert(1)>' })).toEqual([{ field: 'title', code: 'markup' }]);
  });

  it('refuses unpaired surrogates and the non-characters U+FFFE and U+FFFF (not XML)', () => {
    expect(fieldErrorsOf({ ...ok, title: 'a\ud800b' })).toEqual([{ field: 'title', code: 'invalid_character' }]);
    expect(fieldErrorsOf({ ...ok, reason: 'a\udc00' })).toEqual([{ field: 'reason', code: 'invalid_character' }]);
    expect(fieldErrorsOf({ ...ok, reason: '\uffff' })).toEqual([{ field: 'reason', code: 'invalid_character' }]);
    expect(parseInput(body, { ...ok, title: '𠮷野家' }).title).toBe('𠮷野家'); // a paired surrogate is a character
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://x.org',
    'vbscript:x',
    '//evil.example',
    'www.example.gov.cn',
  ])('refuses the URL %s: http(s) only', (url) => {
    expect(fieldErrorsOf({ ...ok, url })).toEqual([{ field: 'url', code: 'url_scheme' }]);
  });

  it('bounds every length and says so in Chinese', () => {
    try {
      parseInput(body, { ...ok, title: '字'.repeat(201) });
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as DomainError).fieldErrors).toEqual([{ field: 'title', code: 'too_big', message: '不能超过 200 个字' }]);
    }
  });

  it('gives each rule a zh-CN message', () => {
    try {
      parseInput(body, { ...ok, title: 'a\u0000', reason: 'b\u202e', url: 'javascript:alert(1)' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as DomainError).fieldErrors).toEqual([
        { field: 'title', code: 'control_character', message: '不能包含控制字符' },
        { field: 'reason', code: 'bidi_control', message: '不能包含文字方向控制符' },
        { field: 'url', code: 'url_scheme', message: '网址应以 http:// 或 https:// 开头' },
      ]);
    }
  });
});
