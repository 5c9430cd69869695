import { anchorIntervalSeconds, parseAsOf } from './audit.service';

describe('AuditService settings', () => {
  it('reads AUDIT_ANCHOR_INTERVAL_S: one hour by default, 0 turns it off, nonsense stops the start', () => {
    expect(anchorIntervalSeconds({})).toBe(3600);
    expect(anchorIntervalSeconds({ AUDIT_ANCHOR_INTERVAL_S: '0' })).toBe(0);
    expect(anchorIntervalSeconds({ AUDIT_ANCHOR_INTERVAL_S: '600' })).toBe(600);
    expect(() => anchorIntervalSeconds({ AUDIT_ANCHOR_INTERVAL_S: 'hourly' })).toThrow(/AUDIT_ANCHOR_INTERVAL_S/);
  });

  it('reads as-of dates: a day means its end in China Standard Time', () => {
    expect(parseAsOf('2026-03-02').toISOString()).toBe('2026-03-02T15:59:59.999Z');
    expect(parseAsOf('2026-03-02T08:00:00+08:00').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(() => parseAsOf('yesterday')).toThrow(/日期/);
  });
});
