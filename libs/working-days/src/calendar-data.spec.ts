import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkingDayCalendar } from './calendar-factory';
import { chineseDaysArrangements, provisionalArrangement, statutoryHolidays } from './calendar-data';
import { addCalendarDays, LocalDate, parseLocalDate } from './local-date';

const d = parseLocalDate;
const root = mkdtempSync(join(tmpdir(), 'working-days-'));
let dirCount = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh directory holding the given files, so each test sees only its own data. */
const dataDir = (files: Record<string, unknown>): string => {
  const dir = join(root, `dir-${(dirCount += 1)}`);
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
};

// FICTITIOUS: not the State Council's 2027 arrangement, which is not yet announced. The dates are
// chosen to be obviously made up: days off on Wed 03-03 and Thu 03-04, made up on Sat 03-06.
const fictitious2027 = {
  year: 2027,
  source: 'FICTITIOUS test data, not an official arrangement',
  holidays: ['2027-03-03', '2027-03-04'],
  workdays: ['2027-03-06'],
};

const invalidData = (...fragments: string[]) =>
  expect.objectContaining({
    kind: 'validation',
    code: 'CALENDAR_DATA_INVALID',
    detail: expect.stringMatching(new RegExp(fragments.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'))),
  });

describe('calendar data files', () => {
  it('extend the covered range with a year and make its dates computable', () => {
    const calendar = createWorkingDayCalendar({ dataDirs: [dataDir({ '2027.json': fictitious2027, 'notes.txt': 'ignored' })] });
    expect(calendar.publishedRange()).toEqual({ from: '2004-01-01', to: '2027-12-31' });
    expect(calendar.coveredRange()).toEqual({ from: '2004-01-01', to: '2028-12-31' });
    expect(calendar.isWorkingDay(d('2027-03-03'))).toBe(false);
    expect(calendar.isWorkingDay(d('2027-03-06'))).toBe(true);
    // Tue 03-02: 03-03 and 03-04 off; Fri 03-05 = 1, Sat 03-06 = 2, Mon 03-08 = 3.
    expect(calendar.addWorkingDays(d('2027-03-02'), 3)).toBe('2027-03-08');
    // A deadline may now cross into 2027: after Tue 2026-12-15 the 12th working day is Thu 12-31,
    // and the fictitious file leaves Fri 2027-01-01 a working day.
    expect(calendar.addWorkingDays(d('2026-12-15'), 13)).toBe('2027-01-01');
    expect(() => calendar.isWorkingDay(d('2029-01-03'))).toThrow(expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }));
  });

  it('replace chinese-days entirely for a year they supply', () => {
    const calendar = createWorkingDayCalendar({ dataDirs: [dataDir({ '2026.json': { year: 2026, holidays: [], workdays: [] } })] });
    expect(calendar.isWorkingDay(d('2026-10-01'))).toBe(true);
    expect(calendar.isWorkingDay(d('2026-10-10'))).toBe(false);
    expect(calendar.isWorkingDay(d('2025-10-01'))).toBe(false);
  });

  it('ship an example that is the real 2026 arrangement in the documented format', () => {
    const dir = dataDir({});
    copyFileSync(join(__dirname, '..', 'data', '2026.json.example'), join(dir, '2026.json'));
    const [fromFile, fromPackage] = [createWorkingDayCalendar({ dataDirs: [dir] }), createWorkingDayCalendar()];
    for (let date = d('2026-01-01'); date <= '2026-12-31'; date = addCalendarDays(date, 1)) {
      expect([date, fromFile.isWorkingDay(date)]).toEqual([date, fromPackage.isWorkingDay(date)]);
    }
  });

  it('are read from the shipped data directory, which holds no year yet', () => {
    const calendar = createWorkingDayCalendar({ dataDirs: [join(__dirname, '..', 'data')] });
    expect(calendar.publishedRange()).toEqual({ from: '2004-01-01', to: '2026-12-31' });
  });

  const malformed: [string, string, unknown, string][] = [
    ['not JSON', '2027.json', '{ "year": 2027, "holidays": [', '不是合法的 JSON'],
    ['not an object', '2027.json', ['2027-01-01'], '内容应为 JSON 对象'],
    ['an unknown field', '2027.json', { ...fictitious2027, holiday: [] }, '不支持的字段「holiday」'],
    ['a year that is not a number', '2027.json', { ...fictitious2027, year: '2027' }, 'year 应为四位整数年份'],
    ['missing workdays', '2027.json', { year: 2027, holidays: [] }, 'workdays 应为日期字符串数组'],
    [
      'an impossible date',
      '2027.json',
      { ...fictitious2027, holidays: ['2027-02-30'] },
      'holidays[0]「2027-02-30」不是 YYYY-MM-DD 格式的有效日期',
    ],
    ['a sloppy date', '2027.json', { ...fictitious2027, holidays: ['2027-3-3'] }, '「2027-3-3」不是 YYYY-MM-DD'],
    ['a date of another year', '2027.json', { ...fictitious2027, workdays: ['2026-12-26'] }, 'workdays[0]「2026-12-26」不在 2027 年内'],
    ['a duplicated date', '2027.json', { ...fictitious2027, holidays: ['2027-03-03', '2027-03-03'] }, 'holidays[1]「2027-03-03」重复'],
    ['a make-up day on a weekday', '2027.json', { ...fictitious2027, workdays: ['2027-03-05'] }, '2027-03-05 不是周六或周日'],
    [
      'a day both off and worked',
      '2027.json',
      { ...fictitious2027, holidays: ['2027-03-06'] },
      '2027-03-06 同时出现在 holidays 和 workdays 中',
    ],
    ['a name that is not its year', '2028.json', fictitious2027, '文件名应为 2027.json'],
    ['a gap before its year', '2028.json', { year: 2028, holidays: [], workdays: [] }, '缺少 2027 年'],
  ];

  it.each(malformed)('are refused, naming the file, when they contain %s', (_, name, content, problem) => {
    const dir = dataDir({ [name]: content });
    expect(() => createWorkingDayCalendar({ dataDirs: [dir] })).toThrow(invalidData(join(dir, name), problem));
  });

  it('are refused when two directories supply the same year', () => {
    const [first, second] = [dataDir({ '2027.json': fictitious2027 }), dataDir({ '2027.json': fictitious2027 })];
    expect(() => createWorkingDayCalendar({ dataDirs: [first, second] })).toThrow(
      invalidData(join(second, '2027.json'), `已由「${join(first, '2027.json')}」提供`),
    );
  });

  it('are refused when their directory does not exist', () => {
    const missing = join(root, 'no-such-dir');
    expect(() => createWorkingDayCalendar({ dataDirs: [missing] })).toThrow(invalidData(missing, '目录不存在'));
  });
});

describe('defaultWorkingDayCalendar', () => {
  const saved = process.env['GONGKAI_CALENDAR_DIR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['GONGKAI_CALENDAR_DIR'];
    else process.env['GONGKAI_CALENDAR_DIR'] = saved;
  });

  const freshDefault = async () => {
    let calendar: { publishedRange(): { to: LocalDate } } | undefined;
    let again: unknown;
    await jest.isolateModulesAsync(async () => {
      const { defaultWorkingDayCalendar } = await import('./calendar-factory');
      calendar = defaultWorkingDayCalendar();
      again = defaultWorkingDayCalendar();
    });
    expect(again).toBe(calendar);
    return calendar!;
  };

  it('reads the extra directory named by GONGKAI_CALENDAR_DIR', async () => {
    process.env['GONGKAI_CALENDAR_DIR'] = dataDir({ '2027.json': fictitious2027 });
    expect((await freshDefault()).publishedRange().to).toBe('2027-12-31');
  });

  it('uses the shipped data alone without it', async () => {
    delete process.env['GONGKAI_CALENDAR_DIR'];
    expect((await freshDefault()).publishedRange().to).toBe('2026-12-31');
  });
});

describe('statutoryHolidays: the holidays of a year computable before the State Council notice', () => {
  it('2027: the fixed ones, and 春节 (除夕 to 初三), 清明, 端午, 中秋 from the lunar calendar', () => {
    expect(statutoryHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });

  it('agrees with the published 2026 notice on every statutory day (the notice adds bridges and make-up days)', () => {
    const published = chineseDaysArrangements().find((a) => a.year === 2026)!;
    const computed = statutoryHolidays(2026);
    expect(computed).toHaveLength(13);
    expect(computed.filter((date) => !published.holidays.includes(date))).toEqual([]);
  });

  it('the provisional year carries them and no make-up days', () => {
    expect(provisionalArrangement(2027)).toEqual({ year: 2027, holidays: statutoryHolidays(2027), workdays: [], origin: 'provisional' });
  });
});
