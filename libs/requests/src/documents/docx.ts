import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/** Small builders over `docx` for the Chinese letters and the annual report (宋体, 仿宋 body). */
export const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [new TextRun({ text, bold: true, size: 36, font: '宋体' })],
  });
export const heading = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, bold: true, font: '黑体' })] });
export const para = (text: string, options: { right?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    spacing: { after: 120 },
    children: [new TextRun({ text, size: 28, font: '仿宋' })],
  });

export const table = (rows: (string | number)[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          children: cells.map(
            (cell) =>
              new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(cell), bold: i === 0, size: 20 })] })] }),
          ),
        }),
    ),
  });

export async function docxBuffer(children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({ creator: 'gongkai', sections: [{ children }] });
  return Packer.toBuffer(document);
}
