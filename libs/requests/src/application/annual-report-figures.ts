import { readAllInBatches, upcast, type EventStore } from '@gongkai/platform';
import {
  computeTable2Documents,
  computeTable3,
  computeTable4,
  reportableFromEvents,
  type Table2DocumentField,
  type Table3,
  type Table4,
} from '../domain/annual-report';

const REPORTED_EVENT = /^(requests\.|document-attributes\.Document(Issued|Invalidated)$)/;

/**
 * The computed figures of one unit's (or the district's) annual report, straight from the event
 * store rather than from the read models: Table 2's document rows, Table 3 and Table 4. Same rules
 * as the report endpoint; for the demo loader, which finalises right after recording the year and
 * cannot wait for the consumers. Reads the whole store: not for request paths.
 */
export async function annualReportFiguresFromStore(
  store: EventStore,
  unitId: string,
  year: number,
): Promise<{ table2Documents: Record<Table2DocumentField, number>; table3: Table3; table4: Table4 }> {
  const events = [];
  for await (const batch of readAllInBatches(store)) events.push(...batch.filter((e) => REPORTED_EVENT.test(e.type)).map((e) => upcast(e)));
  const { requests, documents } = reportableFromEvents(events);
  const ofUnit = <T extends { unitId: string }>(items: T[]) =>
    unitId === 'district' ? items : items.filter((item) => item.unitId === unitId);
  const reported = ofUnit(requests);
  return {
    table2Documents: computeTable2Documents(ofUnit(documents), year),
    table3: computeTable3(reported, year),
    table4: computeTable4(reported, year),
  };
}
