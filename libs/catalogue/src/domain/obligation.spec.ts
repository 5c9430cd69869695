import type { ItemContent } from '@gongkai/contracts';
import { createWorkingDayCalendar, parseLocalDate } from '@gongkai/working-days';
import { disclosureObligation } from './obligation';

const calendar = createWorkingDayCalendar();
const content = (days: number): ItemContent => ({
  domainCode: 'social-assistance',
  firstLevel: '社会救助',
  secondLevel: '最低生活保障',
  legalBases: [],
  timeLimit: { text: `信息形成或者变更之日起${days}个工作日内`, rule: { kind: 'working_days_after_formation', days } },
  method: '主动',
  channels: [{ channel: '政府网站' }],
  level: '乡级',
});

describe('the embedding obligation marks a provisional due date (预计)', () => {
  it('a due date in the provisional year (2027, before its notice is loaded) is marked, with the note', () => {
    // Formed Mon 2027-01-25: the computed Spring Festival (02-05..02-08) moves the 20th working day to 02-24.
    const obligation = disclosureObligation('ITEM-1', content(20), parseLocalDate('2027-01-25'), calendar);
    expect(obligation).toMatchObject({ dueDate: '2027-02-24', dueDateProvisional: true });
    expect(obligation.note).toContain('预计');
  });

  it('a due date in a published year is not', () => {
    const obligation = disclosureObligation('ITEM-1', content(20), parseLocalDate('2026-03-02'), calendar);
    expect(obligation).toMatchObject({ dueDateProvisional: false, note: null });
  });
});
