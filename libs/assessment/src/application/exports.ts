import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { UNIT_KIND_LABELS } from '@gongkai/contracts';
import { toShanghaiDate } from '@gongkai/working-days';
import type { UnitScore } from '../domain/scoring';
import type { ScoredSheet } from './scoring.service';

const standing = (sheet: ScoredSheet, unitId: string): string =>
  [
    sheet.commended.includes(unitId) ? '通报表扬' : null,
    sheet.criticised.includes(unitId) ? '通报批评' : sheet.rectify.includes(unitId) ? '督促整改' : null,
  ]
    .filter(Boolean)
    .join('、') || '—';

/** The ranking and every unit's breakdown (with the event ids behind each point) as .xlsx. */
export async function scoresXlsx(sheet: ScoredSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const ranking = workbook.addWorksheet('考核排名');
  ranking.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位代码', key: 'unitId', width: 16 },
    { header: '单位名称', key: 'name', width: 28 },
    { header: '单位类型', key: 'kind', width: 12 },
    { header: `得分（满分${sheet.maxTotal}）`, key: 'total', width: 14 },
    { header: `折合绩效考核分（权重${sheet.opennessWeightPercent}%）`, key: 'weighted', width: 22 },
    { header: '结果运用', key: 'standing', width: 18 },
  ];
  for (const unit of sheet.units) {
    ranking.addRow({
      rank: unit.rank,
      unitId: unit.unitId,
      name: unit.name,
      kind: UNIT_KIND_LABELS[unit.kind],
      total: unit.total,
      weighted: unit.weightedPoints,
      standing: standing(sheet, unit.unitId),
    });
  }
  ranking.getRow(1).font = { bold: true };
  ranking.addRow([]);
  ranking.addRow([
    `考核方案 ${sheet.schemeId} 第${sheet.schemeVersion}版，${sheet.year}年度，数据截至 ${sheet.asOf}，输入哈希 ${sheet.inputsHash}`,
  ]);

  const breakdown = workbook.addWorksheet('得分明细');
  breakdown.columns = [
    { header: '单位代码', key: 'unitId', width: 16 },
    { header: '单位名称', key: 'name', width: 24 },
    { header: '指标编号', key: 'indicatorId', width: 26 },
    { header: '指标', key: 'indicator', width: 24 },
    { header: '满分', key: 'max', width: 8 },
    { header: '得分', key: 'points', width: 8 },
    { header: '失分', key: 'lost', width: 8 },
    { header: '指标值', key: 'value', width: 10 },
    { header: '计分说明', key: 'explanation', width: 60 },
    { header: '依据事件', key: 'events', width: 60 },
  ];
  breakdown.getRow(1).font = { bold: true };
  for (const unit of sheet.units) {
    for (const i of unit.indicators) {
      breakdown.addRow({
        unitId: unit.unitId,
        name: unit.name,
        indicatorId: i.indicatorId,
        indicator: i.kind === 'group' ? i.name : `  ${i.name}`,
        max: i.maxPoints,
        points: i.points,
        lost: i.lost,
        value: i.value ?? '',
        explanation: i.explanation,
        events: i.facts.map((f) => f.eventId).join(' '),
      });
    }
    breakdown.addRow({
      unitId: unit.unitId,
      name: unit.name,
      indicator: '合计',
      max: unit.maxTotal,
      points: unit.total,
      lost: Math.round((unit.maxTotal - unit.total) * 100) / 100,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 考核结果通知: the notice of results to one unit, as plain Chinese text lines. */
export function noticeLines(sheet: ScoredSheet, unit: UnitScore): string[] {
  const lost = unit.indicators.filter((i) => i.kind !== 'group' && i.lost > 0).sort((a, b) => b.lost - a.lost);
  const outcome = sheet.commended.includes(unit.unitId)
    ? '成效突出，予以通报表扬。'
    : sheet.criticised.includes(unit.unitId)
      ? '工作不力，予以通报批评，请认真整改。'
      : sheet.rectify.includes(unit.unitId)
        ? '工作存在明显不足，请督促整改。'
        : '请继续保持，补齐短板。';
  return [
    `关于${sheet.year}年度政务公开工作考核结果的通知`,
    `${unit.name}：`,
    `根据《${sheet.year}年度政务公开工作考核方案》（第${sheet.schemeVersion}版）和台政办发〔2020〕10号文件要求，区政府办公室对你单位${sheet.year}年度政务公开工作进行了考核。现将结果通知如下：`,
    `一、你单位得分${unit.total}分（满分${unit.maxTotal}分），在${sheet.units.length}个被考核单位中排名第${unit.rank}位；按政务公开工作占绩效考核${sheet.opennessWeightPercent}%的权重，折合绩效考核${unit.weightedPoints}分。`,
    `二、考核结果：${outcome}`,
    lost.length ? '三、失分情况：' : '三、各项指标均得满分。',
    ...lost.map((i, n) => `（${n + 1}）${i.name}：满分${i.maxPoints}分，得${i.points}分，失${i.lost}分。${i.explanation}`),
    lost.length ? '请对照上述问题认真整改，并于30日内将整改情况报区政府办公室。' : '',
    `（数据截至${toShanghaiDate(sheet.asOf)}；每一项得分所依据的事件可在系统中逐条查验，输入哈希 ${sheet.inputsHash.slice(0, 16)}…）`,
    '台儿庄区人民政府办公室',
  ].filter((line) => line !== '');
}

export async function noticeDocx(lines: string[]): Promise<Buffer> {
  const [heading, ...body] = lines;
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: heading, bold: true, size: 36, font: '宋体' })],
    }),
    ...body.map(
      (text, i) =>
        new Paragraph({
          alignment: i === body.length - 1 ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: i === 0 || i === body.length - 1 ? undefined : { firstLine: 640 },
          spacing: { after: 120 },
          children: [new TextRun({ text, size: 28, font: '仿宋' })],
        }),
    ),
  ];
  return Packer.toBuffer(new Document({ creator: 'gongkai', sections: [{ children }] }));
}
