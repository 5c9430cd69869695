import { docxOf, pdfOf } from '../testing/demo-files';
import { extractText } from './text-extraction';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('extractText', () => {
  it('reads the paragraphs of a .docx as lines', async () => {
    const bytes = await docxOf(['关于调整城乡最低生活保障标准的通知', '自2026年1月1日起，月人均补差标准提高到每人每月860元。']);
    const { text, extracted } = await extractText(bytes, DOCX);
    expect(extracted).toBe(true);
    expect(text.split('\n').filter(Boolean)).toEqual([
      '关于调整城乡最低生活保障标准的通知',
      '自2026年1月1日起，月人均补差标准提高到每人每月860元。',
    ]);
  });

  it('reads the text of a PDF', async () => {
    const { text, extracted } = await extractText(pdfOf('Subsidy standard 860 (2026)'), 'application/pdf');
    expect(extracted).toBe(true);
    expect(text).toBe('Subsidy standard 860 (2026)');
  });

  it('keeps UTF-8 text as it is, without a byte-order mark', async () => {
    expect((await extractText(Buffer.from('\uFEFF第一条\r\n第二条', 'utf8'), 'text/plain')).text).toBe('第一条\n第二条');
  });

  it('gives no text for a damaged file or a type it cannot read', async () => {
    expect(await extractText(Buffer.from('PK\u0003\u0004 not really a zip'), DOCX)).toEqual({ text: '', extracted: false });
    expect(await extractText(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toEqual({ text: '', extracted: false });
  });
});
