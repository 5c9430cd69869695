import type { EventEnvelope, OpenDayAnnounced, OpenDayRegistrationAccepted, OpenDaySummaryPublished } from '@gongkai/contracts';
import {
  appliedRevision,
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import '../application/upcasters';
import { openDayStreamId } from '../domain/open-day';

/** An open day as the public sees it: no registrant's name or contact, only how many registered. */
export interface OpenDayView extends OpenDayAnnounced {
  year: number;
  registered: number;
  summary: OpenDaySummaryPublished | null;
}

/** A unit's open days in one year (`_id` = `<unitId>-<year>`, the year the day is held). */
export interface OpenDayYearView {
  unitId: string;
  year: number;
  /** Announced open days held (or to be held) that year. */
  announced: number;
  /** Of those, the ones whose summary (活动总结) was published. */
  summarised: number;
  attendance: number;
  registrations: number;
  openDays: { openDayId: string; title: string; heldOn: string; summarised: boolean }[];
}

export type OpenDayStatus = 'upcoming' | 'held' | 'summarised';

export const openDayYearId = (unitId: string, year: number) => `${unitId}-${year}`;
const yearOf = (date: string) => Number(date.slice(0, 4));

/** The public view, with the status on `today` (registration closes the day before it is held). */
export function publicOpenDay(view: OpenDayView, today: string) {
  const status: OpenDayStatus = view.summary ? 'summarised' : today < view.heldOn ? 'upcoming' : 'held';
  return { ...view, status, remaining: Math.max(0, view.capacity - view.registered) };
}

type OpenDayEnvelope =
  | TypedEnvelope<'interpretation.OpenDayAnnounced', OpenDayAnnounced>
  | TypedEnvelope<'interpretation.OpenDayRegistrationAccepted', OpenDayRegistrationAccepted>
  | TypedEnvelope<'interpretation.OpenDaySummaryPublished', OpenDaySummaryPublished>;

/** Government open days (政府开放日): one document per open day and one per unit and year for the counts. */
export class OpenDaysProjection extends BatchedProjection {
  readonly name = 'interpretation.open-days';
  readonly collections = ['open-days', 'open-day-years'];
  readonly eventTypes = [
    'interpretation.OpenDayAnnounced',
    'interpretation.OpenDayRegistrationAccepted',
    'interpretation.OpenDaySummaryPublished',
  ];

  private get openDays() {
    return this.connection.collection('open-days');
  }
  private get years() {
    return this.connection.collection('open-day-years');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<OpenDayEnvelope>(envelope);
    const openDayId = event.data.openDayId;
    const changes = [
      documentChange<OpenDayView>('open-days', openDayId, (current) => {
        const day = current ? (withoutMeta(current) as OpenDayView) : null;
        switch (event.type) {
          case 'interpretation.OpenDayAnnounced': {
            const announced = event.data;
            return { ...announced, year: yearOf(announced.heldOn), registered: 0, summary: null };
          }
          case 'interpretation.OpenDayRegistrationAccepted':
            // Only the count: the registrant's name and contact stay out of this read model.
            return day && { ...day, registered: day.registered + 1 };
          case 'interpretation.OpenDaySummaryPublished':
            return day && { ...day, summary: event.data };
          default:
            return day;
        }
      }),
    ];
    if (event.type === 'interpretation.OpenDayAnnounced') {
      const { unitId, heldOn, title } = event.data;
      const year = yearOf(heldOn);
      changes.push(
        documentChange<OpenDayYearView>('open-day-years', openDayYearId(unitId, year), (current) => {
          const row = current
            ? (withoutMeta(current) as OpenDayYearView)
            : { unitId, year, announced: 0, summarised: 0, attendance: 0, registrations: 0, openDays: [] };
          if (row.openDays.some((d) => d.openDayId === openDayId)) return row;
          const openDays = [...row.openDays, { openDayId, title, heldOn, summarised: false }].sort(
            (a, b) => a.heldOn.localeCompare(b.heldOn) || a.openDayId.localeCompare(b.openDayId),
          );
          return { ...row, announced: row.announced + 1, openDays };
        }),
      );
    }
    if (event.type === 'interpretation.OpenDaySummaryPublished') {
      const { unitId, year, attendance, registrations } = event.data;
      changes.push(
        documentChange<OpenDayYearView>('open-day-years', openDayYearId(unitId, year), (current) => {
          const row = current ? (withoutMeta(current) as OpenDayYearView) : null;
          if (!row || !row.openDays.some((d) => d.openDayId === openDayId && !d.summarised)) return row;
          return {
            ...row,
            summarised: row.summarised + 1,
            attendance: row.attendance + attendance,
            registrations: row.registrations + registrations,
            openDays: row.openDays.map((d) => (d.openDayId === openDayId ? { ...d, summarised: true } : d)),
          };
        }),
      );
    }
    return changes;
  }

  /** The public list, each open day with its status on `today`. */
  async publicList(filter: { unitId?: string; year?: number }, today: string) {
    return (await this.list(filter)).map((day) => publicOpenDay(day, today));
  }

  /** The open day with the revision of its stream it reflects (see `appliedRevision`). */
  async get(openDayId: string): Promise<(OpenDayView & { revision: number }) | null> {
    const doc = await this.openDays.findOne({ _id: openDayId as never });
    return doc && { ...viewOf<OpenDayView>(doc), revision: appliedRevision(doc, openDayStreamId(openDayId)) };
  }

  async year(unitId: string, year: number): Promise<OpenDayYearView | null> {
    const doc = await this.years.findOne({ _id: openDayYearId(unitId, year) as never });
    if (!doc) return null;
    return viewOf<OpenDayYearView>(doc);
  }

  /**
   * Open days, latest first. With a unit and a year, read by `_id` (the unit-year document, then each
   * day); otherwise a scan of the open days, which stay few (about two per unit a year, DOMAIN.md §4).
   */
  async list(filter: { unitId?: string; year?: number } = {}): Promise<OpenDayView[]> {
    let days: OpenDayView[];
    if (filter.unitId && filter.year) {
      const row = await this.year(filter.unitId, filter.year);
      const docs = await Promise.all((row?.openDays ?? []).map((d) => this.openDays.findOne({ _id: d.openDayId as never })));
      days = docs.filter((doc) => doc !== null).map((doc) => viewOf<OpenDayView>(doc));
    } else {
      const query: Record<string, unknown> = {};
      if (filter.unitId) query.unitId = filter.unitId;
      if (filter.year) query.year = filter.year;
      days = (await this.openDays.find(query).toArray()).map((doc) => viewOf<OpenDayView>(doc));
    }
    return days.sort((a, b) => b.heldOn.localeCompare(a.heldOn) || a.openDayId.localeCompare(b.openDayId));
  }

  /** Counts per unit and year: one document by `_id` when both are given, else the (small) collection. */
  async counts(filter: { unitId?: string; year?: number } = {}): Promise<OpenDayYearView[]> {
    if (filter.unitId && filter.year) {
      const row = await this.year(filter.unitId, filter.year);
      return row ? [row] : [];
    }
    const query: Record<string, unknown> = {};
    if (filter.unitId) query.unitId = filter.unitId;
    if (filter.year) query.year = filter.year;
    const rows = (await this.years.find(query).toArray()).map((doc) => viewOf<OpenDayYearView>(doc));
    return rows.sort((a, b) => b.year - a.year || a.unitId.localeCompare(b.unitId));
  }
}
