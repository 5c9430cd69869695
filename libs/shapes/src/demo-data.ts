import type { INestApplication } from '@nestjs/common';
import { unitDecider, unitStreamId, type UnitCommand } from '@gongkai/catalogue';
import { CommandHandler, EVENT_STORE, type CommandContext, type EventStore } from '@gongkai/platform';
import { loadAssessmentDemo } from './demo/assessment';
import { loadCatalogueDemo } from './demo/catalogue';
import { loadDocumentAttributesDemo } from './demo/document-attributes';
import { loadInterpretationDemo } from './demo/interpretation';
import { loadRequestsDemo } from './demo/requests';

/** The district's units as in the seed's distribution list: towns, the sub-district, departments. */
export const DEMO_UNITS: Extract<UnitCommand, { type: 'RegisterUnit' }>[] = [
  { type: 'RegisterUnit', unitId: 'TEZ-GOV-OFFICE', name: '台儿庄区人民政府办公室', level: '县级', kind: 'district_office' },
  { type: 'RegisterUnit', unitId: 'TEZ-YHJD', name: '运河街道办事处', level: '乡级', kind: 'subdistrict' },
  { type: 'RegisterUnit', unitId: 'TEZ-ZSZ', name: '张山子镇人民政府', level: '乡级', kind: 'town' },
  { type: 'RegisterUnit', unitId: 'TEZ-NHZ', name: '泥沟镇人民政府', level: '乡级', kind: 'town' },
  { type: 'RegisterUnit', unitId: 'TEZ-JTJ', name: '涧头集镇人民政府', level: '乡级', kind: 'town' },
  { type: 'RegisterUnit', unitId: 'TEZ-MLZ', name: '马兰屯镇人民政府', level: '乡级', kind: 'town' },
  { type: 'RegisterUnit', unitId: 'TEZ-LZ', name: '邳庄镇人民政府', level: '乡级', kind: 'town' },
  { type: 'RegisterUnit', unitId: 'TEZ-EDU', name: '区教育和体育局', level: '县级', kind: 'department' },
  { type: 'RegisterUnit', unitId: 'TEZ-HEALTH', name: '区卫生健康局', level: '县级', kind: 'department' },
  { type: 'RegisterUnit', unitId: 'TEZ-CIVIL', name: '区民政局', level: '县级', kind: 'department' },
  { type: 'RegisterUnit', unitId: 'TEZ-HRSS', name: '区人力资源和社会保障局', level: '县级', kind: 'department' },
  { type: 'RegisterUnit', unitId: 'TEZ-NATRES', name: '区自然资源局', level: '县级', kind: 'department' },
  { type: 'RegisterUnit', unitId: 'TEZ-HOUSING', name: '区住房和城乡建设局', level: '县级', kind: 'department' },
  { type: 'RegisterUnit', unitId: 'TEZ-ECO', name: '市生态环境局台儿庄分局', level: '县级', kind: 'department' },
];

/**
 * Loads the demo data into an empty store, through the same command handler as real use, so the
 * demo history is as auditable as any other. A store that already has events is left alone.
 * Returns the number of units registered (0 when the store was not empty).
 */
export async function loadDemoData(app: INestApplication): Promise<number> {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.headPosition()) > 0) return 0;
  const commands = app.get(CommandHandler);
  const context: CommandContext = {
    actor: { userId: 'demo-loader', unitId: 'TEZ-GOV-OFFICE', role: 'district_office' },
    correlationId: 'demo-data',
    now: new Date().toISOString(),
  };
  for (const unit of DEMO_UNITS) await commands.handle(unitDecider, unitStreamId(unit.unitId), unit, context);
  await commands.handle(
    unitDecider,
    unitStreamId('TEZ-ZSZ'),
    { type: 'DesignateOpennessOffice', office: '党政综合办公室', officerName: '刘洋', officerPhone: '0632-6611001' },
    context,
  );
  // Each service's demo, in the order their facts depend on one another.
  await loadCatalogueDemo(app);
  await loadDocumentAttributesDemo(app);
  await loadRequestsDemo(app);
  await loadInterpretationDemo(app);
  await loadAssessmentDemo(app);
  return DEMO_UNITS.length;
}
