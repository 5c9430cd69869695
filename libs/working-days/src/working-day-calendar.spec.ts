import { isWorkday as chineseDaysIsWorkday } from 'chinese-days';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createWorkingDayCalendar } from './calendar-factory';
import { addCalendarDays, LocalDate, parseLocalDate } from './local-date';
import { PauseInterval } from './working-day-calendar';

const d = parseLocalDate;
const calendar = createWorkingDayCalendar();
const outOfRange = expect.objectContaining({ kind: 'rule', code: 'CALENDAR_OUT_OF_RANGE' });

const datesFrom = (from: string, to: string): LocalDate[] => {
  const dates: LocalDate[] = [];
  for (let date = d(from); date <= to; date = addCalendarDays(date, 1)) dates.push(date);
  return dates;
};

describe('covered range', () => {
  it('is the years chinese-days 1.5.7 has arrangements for, 2004 to 2026, and the provisional 2027', () => {
    expect(calendar.publishedRange()).toEqual({ from: '2004-01-01', to: '2026-12-31' });
    expect(calendar.coveredRange()).toEqual({ from: '2004-01-01', to: '2027-12-31' });
  });

  it('agrees with chinese-days on every covered day', () => {
    const disagreements = datesFrom('2004-01-01', '2026-12-31').filter(
      (date) => calendar.isWorkingDay(date) !== chineseDaysIsWorkday(date),
    );
    expect(disagreements).toEqual([]);
  });
});

// State Council arrangement for 2026 as chinese-days encodes it: Spring Festival off Sun 02-15 to
// Mon 02-23 (nine days), make-up working days Sat 02-14 and Sat 02-28.
describe('2026 Spring Festival (春节)', () => {
  it('knows the days off and the make-up Saturdays', () => {
    const working = datesFrom('2026-02-13', '2026-03-02').filter((date) => calendar.isWorkingDay(date));
    expect(working).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-02',
    ]);
  });

  it('counts a 20-working-day reply period received on the eve of the holiday', () => {
    // Received Fri 02-13. After it: Sat 02-14 (make-up) = 1; 02-15 to 02-23 off; Tue 02-24 = 2,
    // 02-25 = 3, 02-26 = 4, 02-27 = 5, Sat 02-28 (make-up) = 6; 03-02..03-06 = 7..11,
    // 03-09..03-13 = 12..16, Mon 03-16 = 17, 03-17 = 18, 03-18 = 19, Thu 03-19 = 20.
    expect(calendar.addWorkingDays(d('2026-02-13'), 20)).toBe('2026-03-19');
    expect(calendar.workingDaysBetween(d('2026-02-13'), d('2026-03-19'))).toBe(20);
  });

  it('counts a 20-working-day period that starts before the holiday and runs through it', () => {
    // Received Mon 02-02. After it: 02-03..02-06 = 1..4, 02-09..02-13 = 5..9, Sat 02-14 = 10;
    // 02-15 to 02-23 off; 02-24..02-27 = 11..14, Sat 02-28 = 15; 03-02..03-06 = 16..20.
    // Plain Mon–Fri counting would have said Mon 03-02.
    expect(calendar.addWorkingDays(d('2026-02-02'), 20)).toBe('2026-03-06');
  });

  it('extends by 20 more working days from the first due date', () => {
    // From Thu 03-19: Fri 03-20 = 1, 03-23..03-27 = 2..6, 03-30..04-03 = 7..11; Qingming off
    // Sat 04-04 to Mon 04-06; 04-07..04-10 = 12..15, 04-13..04-17 = 16..20.
    expect(calendar.addWorkingDays(d('2026-03-19'), 20)).toBe('2026-04-17');
  });
});

// National Day off Thu 10-01 to Wed 10-07, make-up Sun 09-20 and Sat 10-10; Mid-Autumn (中秋)
// off Fri 09-25 to Sun 09-27.
describe('2026 National Day (国庆节)', () => {
  it('knows the days off and the make-up weekend days', () => {
    const working = datesFrom('2026-09-18', '2026-10-12').filter((date) => calendar.isWorkingDay(date));
    expect(working).toEqual([
      '2026-09-18',
      '2026-09-20',
      '2026-09-21',
      '2026-09-22',
      '2026-09-23',
      '2026-09-24',
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
  });

  it('counts a 20-working-day reply period across Mid-Autumn and National Day', () => {
    // Received Fri 09-18. After it: Sun 09-20 (make-up) = 1, 09-21..09-24 = 2..5; 09-25 to 09-27
    // off; 09-28..09-30 = 6..8; 10-01 to 10-07 off; Thu 10-08 = 9, Fri 10-09 = 10,
    // Sat 10-10 (make-up) = 11; 10-12..10-16 = 12..16, 10-19..10-22 = 17..20.
    expect(calendar.addWorkingDays(d('2026-09-18'), 20)).toBe('2026-10-22');
  });

  it('counts a 7-working-day correction period received just before the holiday', () => {
    // Received Wed 09-30. After it: 10-01 to 10-07 off; Thu 10-08 = 1, Fri 10-09 = 2,
    // Sat 10-10 = 3, 10-12..10-15 = 4..7.
    expect(calendar.addWorkingDays(d('2026-09-30'), 7)).toBe('2026-10-15');
  });

  it('counts a make-up Saturday or Sunday as a working day', () => {
    expect(calendar.isWorkingDay(d('2026-10-10'))).toBe(true);
    expect(calendar.addWorkingDays(d('2026-10-09'), 1)).toBe('2026-10-10');
    expect(calendar.addWorkingDays(d('2026-09-19'), 1)).toBe('2026-09-20');
    // Fri 10-09 to Mon 10-12: Sat 10-10 and Mon 10-12.
    expect(calendar.workingDaysBetween(d('2026-10-09'), d('2026-10-12'))).toBe(2);
    // An ordinary Saturday is not.
    expect(calendar.isWorkingDay(d('2026-10-17'))).toBe(false);
  });
});

describe('counting convention', () => {
  it('does not count the start day and returns the start for n = 0, even on a rest day', () => {
    expect(calendar.addWorkingDays(d('2026-03-02'), 1)).toBe('2026-03-03');
    expect(calendar.addWorkingDays(d('2026-02-15'), 0)).toBe('2026-02-15');
    expect(calendar.workingDaysBetween(d('2026-03-02'), d('2026-03-02'))).toBe(0);
  });

  it('goes negative once the due date has passed', () => {
    // Due Thu 03-19; on Mon 03-23 the working days Fri 03-20 and Mon 03-23 are overdue.
    expect(calendar.workingDaysBetween(d('2026-03-23'), d('2026-03-19'))).toBe(-2);
    // On the Saturday after, nothing is overdue in working days yet.
    expect(calendar.workingDaysBetween(d('2026-03-21'), d('2026-03-20'))).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p working days', (n) => {
    expect(() => calendar.addWorkingDays(d('2026-03-02'), n)).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'INVALID_WORKING_DAY_COUNT' }),
    );
  });

  it('refuses an unchecked date string', () => {
    expect(() => calendar.isWorkingDay('2026-02-30' as LocalDate)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});

describe('pauses', () => {
  // Received Mon 03-02; plain due date: 03-03..03-06 = 1..4, 03-09..03-13 = 5..9,
  // 03-16..03-20 = 10..14, 03-23..03-27 = 15..19, Mon 03-30 = 20.
  const received = d('2026-03-02');
  // A 15-working-day third-party consultation: Tue 03-10..03-13 (4), 03-16..03-20 (9),
  // 03-23..03-27 (14), Mon 03-30 (15).
  const consultation: PauseInterval = { from: d('2026-03-10'), to: d('2026-03-30') };

  it('shifts the due date by exactly the paused working days', () => {
    expect(calendar.addWorkingDays(received, 20)).toBe('2026-03-30');
    expect(calendar.workingDaysBetween(consultation.from, consultation.to) + 1).toBe(15);
    // 5 working days counted before the pause (03-03..03-06, 03-09), 15 after it: 03-31..04-03 = 6..9;
    // Qingming off 04-04 to 04-06; 04-07..04-10 = 10..13, 04-13..04-17 = 14..18, 04-20 = 19, 04-21 = 20.
    const due = calendar.addWorkingDays(received, 20, { pauses: [consultation] });
    expect(due).toBe('2026-04-21');
    expect(due).toBe(calendar.addWorkingDays(d('2026-03-30'), 15));
    expect(calendar.workingDaysBetween(received, due, { pauses: [consultation] })).toBe(20);
  });

  it('keeps the remaining working days still while paused', () => {
    const pauses = [consultation];
    const due = calendar.addWorkingDays(received, 20, { pauses });
    const remaining = datesFrom('2026-03-09', '2026-03-30').map((today) => calendar.workingDaysBetween(today, due, { pauses }));
    expect(new Set(remaining)).toEqual(new Set([15]));
  });

  it('counts overlapping pauses once', () => {
    const overlapping = [
      { from: d('2026-03-16'), to: d('2026-03-30') },
      { from: d('2026-03-10'), to: d('2026-03-20') },
      { from: d('2026-03-12'), to: d('2026-03-12') },
    ];
    expect(calendar.addWorkingDays(received, 20, { pauses: overlapping })).toBe('2026-04-21');
  });

  it('ignores pauses outside the period and pauses holding no working day', () => {
    const pauses = [
      { from: d('2026-01-05'), to: d('2026-03-02') }, // ends on the day of receipt, which is not counted anyway
      { from: d('2026-03-07'), to: d('2026-03-08') }, // a weekend
      { from: d('2026-12-01'), to: d('2027-06-30') }, // after the due date, even past the covered range
    ];
    expect(calendar.addWorkingDays(received, 20, { pauses })).toBe('2026-03-30');
    expect(calendar.workingDaysBetween(received, d('2026-03-30'), { pauses })).toBe(20);
  });

  it('refuses a pause that ends before it starts', () => {
    const pauses = [{ from: d('2026-03-20'), to: d('2026-03-10') }];
    expect(() => calendar.addWorkingDays(received, 20, { pauses })).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'INVALID_PAUSE' }),
    );
  });
});

describe('the provisional year after the published ones (2027 until its notice is loaded)', () => {
  it('counts Monday to Friday, minus the statutory holidays: those the law fixes by date and the lunar ones computed now', () => {
    const notWorking = datesFrom('2027-01-01', '2027-12-31').filter(
      (date) => !calendar.isWorkingDay(date) && ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
    );
    // 元旦 Fri 01-01; 春节 除夕 Fri 02-05 to 初三 Mon 02-08; 清明 Mon 04-05; 劳动节 Sat 05-01 and Sun 05-02
    // fall on a weekend; 端午 Wed 06-09; 中秋 Wed 09-15; 国庆节 Fri 10-01 (Sat, Sun).
    expect(notWorking).toEqual(['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']);
    expect(datesFrom('2027-02-05', '2027-02-08').some((date) => calendar.isWorkingDay(date))).toBe(false);
    expect(datesFrom('2027-01-02', '2027-01-03').some((date) => calendar.isWorkingDay(date))).toBe(false);
  });

  it('gives a December request its January due date and says that it is provisional', () => {
    // After Tue 2026-12-15: 12-16..12-31 = 12; 2027-01-01 off; 01-04..01-08 = 13..17, 01-11..01-13 = 18..20.
    const due = calendar.addWorkingDays(d('2026-12-15'), 20);
    expect(due).toBe('2027-01-13');
    expect(calendar.isProvisional(due)).toBe(true);
    expect(calendar.isProvisional(d('2026-12-31'))).toBe(false);
  });

  it('a request received on Mon 2027-01-25 is due after the computed Spring Festival days, marked provisional', () => {
    // After Mon 01-25: 01-26..01-29 = 1..4, 02-01..02-04 = 5..8; 春节 02-05 (除夕) to 02-08 (初三) off;
    // 02-09..02-12 = 9..12, 02-15..02-19 = 13..17, 02-22..02-24 = 18..20. (Fixed holidays only: 02-22.)
    const due = calendar.addWorkingDays(d('2027-01-25'), 20);
    expect(due).toBe('2027-02-24');
    expect(calendar.isProvisional(due)).toBe(true);
  });

  it('is replaced by the real arrangement once its file is loaded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    // Hypothetical notice: 2027-01-01 to 01-03 off, no make-up day, and Mon 01-04 off as well.
    writeFileSync(
      join(dir, '2027.json'),
      JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workdays: [] }),
    );
    const withNotice = createWorkingDayCalendar({ dataDirs: [dir] });
    expect(withNotice.publishedRange().to).toBe('2027-12-31');
    expect(withNotice.coveredRange().to).toBe('2028-12-31');
    expect(withNotice.addWorkingDays(d('2026-12-15'), 20)).toBe('2027-01-14');
    expect(withNotice.isProvisional(d('2027-01-14'))).toBe(false);
  });
});

describe('dates outside the covered range', () => {
  it.each(['2003-12-31', '2028-01-01', '1999-10-01'])('refuses %s rather than guess', (date) => {
    // chinese-days itself would call e.g. 2003-10-01, National Day, a working day.
    expect(() => calendar.isWorkingDay(d(date))).toThrow(outOfRange);
    expect(() => calendar.isWorkingDay(d(date))).toThrow(
      expect.objectContaining({
        detail: expect.stringContaining(
          `${date} 超出工作日历的覆盖范围（2004-01-01 至 2027-12-31），无法判断是否为工作日；已公布的节假日安排截至 2026-12-31`,
        ),
      }),
    );
  });

  it('refuses a deadline that would run past the covered range', () => {
    // After Wed 2027-12-15: 12-16..12-17 = 1..2, 12-20..12-24 = 3..7, 12-27..12-31 = 8..12.
    expect(calendar.addWorkingDays(d('2027-12-15'), 12)).toBe('2027-12-31');
    expect(() => calendar.addWorkingDays(d('2027-12-15'), 13)).toThrow(outOfRange);
    expect(() => calendar.addWorkingDays(d('2027-12-10'), 20)).toThrow(
      expect.objectContaining({
        code: 'CALENDAR_OUT_OF_RANGE',
        detail: expect.stringContaining('自 2027-12-10 起第 20 个工作日'),
      }),
    );
  });

  it('refuses a deadline that a pause pushes past the covered range', () => {
    const pauses = [{ from: d('2027-11-03'), to: d('2028-01-31') }];
    expect(() => calendar.addWorkingDays(d('2027-11-02'), 5, { pauses })).toThrow(outOfRange);
  });

  it('refuses to count working days up to an uncovered date', () => {
    expect(() => calendar.workingDaysBetween(d('2027-12-01'), d('2028-01-10'))).toThrow(outOfRange);
    expect(() => calendar.workingDaysBetween(d('2003-12-20'), d('2004-01-10'))).toThrow(outOfRange);
  });

  it('refuses a start before the range even when nothing would be counted', () => {
    expect(() => calendar.addWorkingDays(d('2003-12-31'), 0)).toThrow(outOfRange);
  });
});

describe('properties', () => {
  // Late enough to exercise most years, early enough that 250 working days and the pauses fit.
  const startDate = fc
    .date({ min: new Date('2004-01-01T00:00:00Z'), max: new Date('2025-06-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => d(date.toISOString().slice(0, 10)));
  const count = fc.integer({ min: 0, max: 250 });
  const pausesNear = (start: LocalDate) =>
    fc.array(
      fc.tuple(fc.integer({ min: -30, max: 300 }), fc.integer({ min: 0, max: 60 })).map(([offset, length]) => ({
        from: addCalendarDays(start, offset),
        to: addCalendarDays(start, offset + length),
      })),
      { maxLength: 3 },
    );
  const withPauses = fc.tuple(startDate, count).chain(([start, n]) => fc.tuple(fc.constant(start), fc.constant(n), pausesNear(start)));

  const isPaused = (date: LocalDate, pauses: readonly PauseInterval[]) => pauses.some((pause) => pause.from <= date && date <= pause.to);

  // Day by day, as a person with a wall calendar would count.
  const countByHand = (start: LocalDate, n: number, pauses: readonly PauseInterval[]): LocalDate => {
    let [date, counted] = [start, 0];
    while (counted < n) {
      date = addCalendarDays(date, 1);
      if (calendar.isWorkingDay(date) && !isPaused(date, pauses)) counted += 1;
    }
    return date;
  };

  it('workingDaysBetween(s, addWorkingDays(s, n)) === n', () => {
    fc.assert(
      fc.property(startDate, count, (start, n) => {
        expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
      }),
    );
  });

  it('agrees with counting by hand, pauses included, and inverts with the same pauses', () => {
    fc.assert(
      fc.property(withPauses, ([start, n, pauses]) => {
        const due = calendar.addWorkingDays(start, n, { pauses });
        expect(due).toBe(countByHand(start, n, pauses));
        expect(calendar.workingDaysBetween(start, due, { pauses })).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the start date and strictly monotonic in n', () => {
    fc.assert(
      fc.property(startDate, startDate, count, count, (s1, s2, n1, n2) => {
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(calendar.addWorkingDays(early, n1) <= calendar.addWorkingDays(late, n1)).toBe(true);
        if (n1 < n2) expect(calendar.addWorkingDays(early, n1) < calendar.addWorkingDays(early, n2)).toBe(true);
      }),
    );
  });

  it('counts the other way with the opposite sign', () => {
    fc.assert(
      fc.property(startDate, startDate, (a, b) => {
        expect(calendar.workingDaysBetween(a, b)).toBe(0 - calendar.workingDaysBetween(b, a));
      }),
    );
  });
});
