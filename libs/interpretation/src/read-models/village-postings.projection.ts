import type {
  EventEnvelope,
  InterpretationLimits,
  VillageCommitteeRegistered,
  VillagePostingCategory,
  VillagePostingRecorded,
} from '@gongkai/contracts';
import {
  asTyped,
  BatchedProjection,
  documentChange,
  type DocumentChange,
  withoutMeta,
  type TypedEnvelope,
  viewOf,
} from '@gongkai/platform';
import { toShanghaiDate } from '@gongkai/working-days';
import { committeeScheduleAsOf, type CommitteeSchedule } from '../domain/village-schedule';

export interface VillagePostingView {
  postingId: string;
  category: VillagePostingCategory;
  title: string;
  period: string;
  postedOn: string;
  dueOn: string;
  late: boolean;
  daysLate: number;
}

/** The most recent postings kept per committee in the town document (all of them stay in the event store). */
export const RECENT_POSTINGS_KEPT = 40;

export interface CommitteeView {
  committeeId: string;
  name: string;
  kind: 'village' | 'community';
  financesMonthly: boolean;
  registeredOn: string;
  /** Every period posted per periodic category: what the schedule is checked against. */
  postedPeriods: { ordinary: string[]; finances: string[] };
  lastPosting: Record<VillagePostingCategory, VillagePostingView | null>;
  postingCount: number;
  latePostingCount: number;
  recentPostings: VillagePostingView[];
}

/** One document per town (`_id` = town unit id): its village and community committees and their postings. */
export interface TownVillagePostingsView {
  townUnitId: string;
  committees: CommitteeView[];
}

export type CommitteeReport = Omit<CommitteeView, 'postedPeriods'> & { schedule: CommitteeSchedule };
export interface TownVillagePostingsReport {
  townUnitId: string;
  asOf: string;
  committees: CommitteeReport[];
  totals: { committees: number; committeesWithOverdue: number; overduePeriods: number; pendingPeriods: number; latePostings: number };
}

const byPostedOn = (a: VillagePostingView, b: VillagePostingView) =>
  a.postedOn.localeCompare(b.postedOn) || a.postingId.localeCompare(b.postingId);

type VillageEnvelope =
  | TypedEnvelope<'interpretation.VillageCommitteeRegistered', VillageCommitteeRegistered>
  | TypedEnvelope<'interpretation.VillagePostingRecorded', VillagePostingRecorded>;

/** 村(居)务公开 per town: the committees linked to the town, their postings and, as of a date, what is overdue. */
export class VillagePostingsProjection extends BatchedProjection {
  readonly name = 'interpretation.village-postings';
  readonly collections = ['village-postings'];
  readonly eventTypes = ['interpretation.VillageCommitteeRegistered', 'interpretation.VillagePostingRecorded'];

  private get towns() {
    return this.connection.collection('village-postings');
  }

  changesOf(envelope: EventEnvelope): DocumentChange[] {
    const event = asTyped<VillageEnvelope>(envelope);
    return [
      documentChange<TownVillagePostingsView>('village-postings', event.data.townUnitId, (current) => {
        const town: TownVillagePostingsView = current
          ? (withoutMeta(current) as TownVillagePostingsView)
          : { townUnitId: event.data.townUnitId, committees: [] };
        if (event.type === 'interpretation.VillageCommitteeRegistered') {
          const { committeeId, name, kind, financesMonthly } = event.data;
          if (town.committees.some((c) => c.committeeId === committeeId)) return town;
          const committee: CommitteeView = {
            committeeId,
            name,
            kind,
            financesMonthly,
            registeredOn: toShanghaiDate(event.occurredAt),
            postedPeriods: { ordinary: [], finances: [] },
            lastPosting: { ordinary: null, finances: null, major: null },
            postingCount: 0,
            latePostingCount: 0,
            recentPostings: [],
          };
          return { ...town, committees: [...town.committees, committee].sort((a, b) => a.committeeId.localeCompare(b.committeeId)) };
        }
        if (event.type === 'interpretation.VillagePostingRecorded') {
          const { committeeId, townUnitId: _t, ...posting } = event.data;
          return {
            ...town,
            committees: town.committees.map((c) => {
              if (c.committeeId !== committeeId) return c;
              const postedPeriods =
                posting.category === 'major' || c.postedPeriods[posting.category].includes(posting.period)
                  ? c.postedPeriods
                  : { ...c.postedPeriods, [posting.category]: [...c.postedPeriods[posting.category], posting.period].sort() };
              const last = c.lastPosting[posting.category];
              return {
                ...c,
                postedPeriods,
                lastPosting: { ...c.lastPosting, [posting.category]: !last || byPostedOn(last, posting) <= 0 ? posting : last },
                postingCount: c.postingCount + 1,
                latePostingCount: c.latePostingCount + (posting.late ? 1 : 0),
                recentPostings: [...c.recentPostings, posting].sort(byPostedOn).slice(-RECENT_POSTINGS_KEPT),
              };
            }),
          };
        }
        return town;
      }),
    ];
  }

  async get(townUnitId: string): Promise<TownVillagePostingsView | null> {
    const doc = await this.towns.findOne({ _id: townUnitId as never });
    if (!doc) return null;
    return viewOf<TownVillagePostingsView>(doc);
  }

  /** The town's report as of a date (the schedule is computed on reading, so `asOf` may be any date). */
  async report(
    townUnitId: string,
    asOf: string,
    limits: Pick<InterpretationLimits, 'villagePeriodGraceDays' | 'villageMajorMatterDays'>,
  ): Promise<TownVillagePostingsReport> {
    return townReport((await this.get(townUnitId)) ?? { townUnitId, committees: [] }, asOf, limits);
  }
}

/** Pure: the town document plus each committee's schedule as of `asOf`, committees with overdue periods first. */
export function townReport(
  town: TownVillagePostingsView,
  asOf: string,
  limits: Pick<InterpretationLimits, 'villagePeriodGraceDays' | 'villageMajorMatterDays'>,
): TownVillagePostingsReport {
  const committees = town.committees
    .map(({ postedPeriods, ...committee }) => ({
      ...committee,
      schedule: committeeScheduleAsOf(
        { financesMonthly: committee.financesMonthly, registeredOn: committee.registeredOn, postedPeriods },
        asOf,
        limits,
      ),
    }))
    .sort((a, b) => b.schedule.overdueCount - a.schedule.overdueCount || a.committeeId.localeCompare(b.committeeId));
  return {
    townUnitId: town.townUnitId,
    asOf,
    committees,
    totals: {
      committees: committees.length,
      committeesWithOverdue: committees.filter((c) => c.schedule.overdueCount > 0).length,
      overduePeriods: committees.reduce((n, c) => n + c.schedule.overdueCount, 0),
      pendingPeriods: committees.reduce((n, c) => n + c.schedule.ordinary.pending.length + c.schedule.finances.pending.length, 0),
      latePostings: committees.reduce((n, c) => n + c.latePostingCount, 0),
    },
  };
}
