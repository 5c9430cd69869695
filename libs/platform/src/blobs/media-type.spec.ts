import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDocx, sampleOfd, samplePdf, samplePng, sampleText } from './blob-fixtures';
import { DomainError } from '../errors/domain-error';
import { PlainTextCheck, SNIFF_HEAD_BYTES, normaliseDeclaredMediaType, sniffMediaType } from './media-type';

const dir = mkdtempSync(join(tmpdir(), 'gk-sniff-'));
let n = 0;

async function sniff(bytes: Buffer): Promise<string> {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, bytes);
  const text = new PlainTextCheck();
  // Chunked as a stream would be, with a multi-byte character split across chunks.
  for (let at = 0; at < bytes.length; at += 7) text.push(bytes.subarray(at, at + 7));
  return sniffMediaType(path, bytes.length, bytes.subarray(0, SNIFF_HEAD_BYTES), text.end());
}

describe('media type recognition', () => {
  it('normalises the declared type: case, parameters, aliases; refuses the rest', () => {
    expect(normaliseDeclaredMediaType('Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(normaliseDeclaredMediaType('image/jpg')).toBe('image/jpeg');
    expect(normaliseDeclaredMediaType('application/x-ofd')).toBe('application/ofd');
    expect(normaliseDeclaredMediaType('application/msword')).toBeInstanceOf(DomainError);
    expect(normaliseDeclaredMediaType('application/octet-stream')).toMatchObject({ code: 'BLOB_MEDIA_TYPE_NOT_ALLOWED' });
  });

  it('reads text that starts like a binary signature ("BM…", "MZ…", "GIF8…") as text', async () => {
    expect(await sniff(Buffer.from('BMW 采购公告\n'))).toBe('text/plain');
    expect(await sniff(Buffer.from('MZ 项目说明\r\n'))).toBe('text/plain');
    expect(await sniff(Buffer.from('\ufeff带 BOM 的文本\n'))).toBe('text/plain');
    expect(await sniff(sampleText())).toBe('text/plain');
  });

  it('does not take bytes with control characters or broken UTF-8 for text', async () => {
    expect(await sniff(Buffer.from('abc\u0000def'))).toBe('application/octet-stream');
    expect(await sniff(Buffer.from([0x61, 0xe4, 0xb8]))).toBe('application/octet-stream'); // cut off mid-character
  });

  it('finds the PDF header within the first 1024 bytes, and the ZIP kinds from the central directory', async () => {
    expect(await sniff(Buffer.concat([Buffer.from('\r\n\r\n'), samplePdf()]))).toBe('application/pdf');
    expect(await sniff(samplePng())).toBe('image/png');
    expect(await sniff(await sampleOfd())).toBe('application/ofd');
    const docx = await sampleDocx();
    expect(await sniff(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // A truncated package has no central directory: a ZIP of unknown content, not a .docx.
    expect(await sniff(docx.subarray(0, docx.length - 30))).toBe('application/zip');
  });
});
