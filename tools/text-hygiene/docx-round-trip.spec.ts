/**
 * Issue 16.3: any text the edge accepts yields a Word document that parses back. The letters and the
 * annual report are built with the requests service's `docx` helpers (imported read-only here); the
 * document's word/document.xml must be well-formed XML 1.0 (saxes, the strict parser exceljs uses,
 * refuses a control character as Word does) and carry the text unchanged.
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { z } from 'zod';
import { multiLineText, singleLineText } from '@gongkai/contracts';
import { parseInput } from '@gongkai/platform';
import { docxBuffer, para, title } from '../../libs/requests/src/documents/docx';

const edgeBody = z.object({ title: singleLineText(200), body: multiLineText(5000) });

/** The texts the edge accepts, or null when it refuses them. */
function accepted(input: { title: string; body: string }): z.infer<typeof edgeBody> | null {
  try {
    return parseInput(edgeBody, input);
  } catch {
    return null;
  }
}

/** The text content of word/document.xml, or the parser's error. */
async function documentText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const parser = new SaxesParser();
  let text = '';
  let failure: Error | null = null;
  parser.on('error', (error) => (failure ??= error));
  parser.on('text', (chunk) => (text += chunk));
  parser.write(xml).close();
  if (failure) throw failure;
  return text;
}

/** Hostile pieces mixed with ordinary text: controls, direction marks, lone surrogates, XML specials. */
const piece = fc.oneof(
  { arbitrary: fc.constantFrom('政府信息公开', '申请', '答复书', '第十四条', '（一）'), weight: 8 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 6 },
  fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f', '\u202e', '\u2066'),
  fc.constantFrom('\ud800', '\udc00', '\ufffe', '\uffff', '\ud842\udfb7', '\u2028', '\u00a0', '\ufeff'),
  fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<![CDATA[', '&amp;', '\n', '\t', '\r\n', ' '),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const hostileText = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

describe('the .docx writer is safe for any accepted text (issue 16.3)', () => {
  it('a document built from any accepted title and body parses back and keeps the text', async () => {
    let tried = 0;
    let built = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (rawTitle, rawBody) => {
        tried += 1;
        const input = accepted({ title: rawTitle, body: rawBody });
        if (!input) return;
        built += 1;
        const lines = input.body.split(/\r?\n/);
        const buffer = await docxBuffer([title(input.title), ...lines.map((line) => para(line))]);
        const text = await documentText(buffer);
        expect(text).toContain(input.title);
        for (const line of lines) expect(text).toContain(line.replace(/\r/g, ''));
      }),
      { numRuns: 200, seed: 16 },
    );
    // The property is not vacuous: a good share of the generated inputs was accepted and built.
    expect(built).toBeGreaterThan(tried / 10);
  });

  it('negative control: the writer itself does not protect the document, so the edge must (NUL breaks it)', async () => {
    const buffer = await docxBuffer([title('标题\u0000'), para('正文\u001b')]);
    await expect(documentText(buffer)).rejects.toThrow(/disallowed character/);
  });
});
