import fc from 'fast-check';
import { addCalendarDays, compareLocalDates, isLocalDate, parseLocalDate, toShanghaiDate } from './local-date';

const refusedWith = (code: string) => expect.objectContaining({ kind: 'validation', code });

describe('LocalDate', () => {
  it('accepts real dates written as YYYY-MM-DD', () => {
    expect(parseLocalDate('2026-02-28')).toBe('2026-02-28');
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2000-02-29')).toBe('2000-02-29');
  });

  it.each([
    '2026-02-30',
    '2026-2-3',
    '2025-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '20260203',
    '2026-02-03T00:00:00Z',
    ' 2026-02-03',
    '',
  ])('refuses %j with INVALID_DATE and a zh-CN detail', (value) => {
    expect(() => parseLocalDate(value)).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'INVALID_DATE', detail: expect.stringContaining('日期') }),
    );
    expect(isLocalDate(value)).toBe(false);
  });

  it('is not fooled by non-strings', () => {
    expect(isLocalDate(20260203)).toBe(false);
    expect(isLocalDate(new Date())).toBe(false);
    expect(isLocalDate(undefined)).toBe(false);
  });

  describe('toShanghaiDate', () => {
    it('takes the date in Shanghai, not in UTC', () => {
      // 17:00 UTC on 31 January is 01:00 on 1 February in Shanghai (UTC+8).
      expect(toShanghaiDate('2026-01-31T17:00Z')).toBe('2026-02-01');
      expect(toShanghaiDate(new Date('2026-01-31T17:00:00Z'))).toBe('2026-02-01');
      expect(toShanghaiDate('2026-01-31T15:59:59.999Z')).toBe('2026-01-31');
      expect(toShanghaiDate('2026-01-31T16:00:00.000Z')).toBe('2026-02-01');
      expect(toShanghaiDate('2026-02-01T00:30:00+08:00')).toBe('2026-02-01');
      expect(toShanghaiDate('2026-01-31T23:30:00-05:00')).toBe('2026-02-01');
    });

    it.each(['2026-01-31T17:00', '2026-01-31', 'yesterday', '2026-01-31T25:00Z'])(
      'refuses the ambiguous or malformed timestamp %j',
      (value) => {
        expect(() => toShanghaiDate(value)).toThrow(refusedWith('INVALID_TIMESTAMP'));
      },
    );

    it('refuses an invalid Date', () => {
      expect(() => toShanghaiDate(new Date('nonsense'))).toThrow(refusedWith('INVALID_TIMESTAMP'));
    });
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays(parseLocalDate('2026-01-31'), 1)).toBe('2026-02-01');
    expect(addCalendarDays(parseLocalDate('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addCalendarDays(parseLocalDate('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addCalendarDays(parseLocalDate('2026-03-01'), -1)).toBe('2026-02-28');
    expect(addCalendarDays(parseLocalDate('2026-03-01'), 0)).toBe('2026-03-01');
    expect(() => addCalendarDays(parseLocalDate('2026-03-01'), 1.5)).toThrow(refusedWith('INVALID_DAY_COUNT'));
  });

  it('does calendar arithmetic as Date does, over years 0001 to 9999', () => {
    const epoch = parseLocalDate('1970-01-01');
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (days) => {
        const expected = new Date(days * 86_400_000).toISOString().slice(0, 10);
        expect(addCalendarDays(epoch, days)).toBe(expected);
        expect(addCalendarDays(parseLocalDate(expected), -days)).toBe('1970-01-01');
      }),
      { numRuns: 2000 },
    );
    expect(() => addCalendarDays(parseLocalDate('9999-12-31'), 1)).toThrow(refusedWith('INVALID_DATE'));
    expect(() => addCalendarDays(parseLocalDate('0001-01-01'), -1)).toThrow(refusedWith('INVALID_DATE'));
  });

  it('compares dates', () => {
    const [earlier, later] = [parseLocalDate('2025-12-31'), parseLocalDate('2026-01-01')];
    expect(compareLocalDates(earlier, later)).toBe(-1);
    expect(compareLocalDates(later, earlier)).toBe(1);
    expect(compareLocalDates(later, parseLocalDate('2026-01-01'))).toBe(0);
  });
});
