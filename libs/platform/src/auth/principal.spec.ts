import { DomainError } from '../errors/domain-error';
import { readScope, type Principal } from './principal';

const principal = (role: Principal['role'], unitId: string | null): Principal => ({ userId: 'u', name: 'u', role, unitId });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'allowed';
};

describe('readScope: reads scoped like writes (issue 16.4)', () => {
  it("unit staff read their own unit, by default or by name, and no other unit's", () => {
    for (const role of ['clerk', 'reviewer', 'office_head'] as const) {
      expect(readScope(principal(role, 'TEZ-EDU'), undefined)).toBe('TEZ-EDU');
      expect(readScope(principal(role, 'TEZ-EDU'), 'TEZ-EDU')).toBe('TEZ-EDU');
      expect(refusal(() => readScope(principal(role, 'TEZ-EDU'), 'TEZ-ZSZ'))).toBe('OTHER_UNIT');
    }
  });

  it('unit staff without a unit read nothing unit-scoped (never every unit)', () => {
    expect(refusal(() => readScope(principal('clerk', null), undefined))).toBe('NO_UNIT');
    expect(refusal(() => readScope(principal('reviewer', null), ''))).toBe('NO_UNIT');
    expect(refusal(() => readScope(principal('clerk', null), 'TEZ-EDU'))).toBe('OTHER_UNIT');
  });

  it('the district office, admins and auditors read any unit, or every unit', () => {
    for (const role of ['district_office', 'admin', 'auditor'] as const) {
      expect(readScope(principal(role, null), undefined)).toBeUndefined();
      expect(readScope(principal(role, 'TEZ-GOV-OFFICE'), 'TEZ-EDU')).toBe('TEZ-EDU');
    }
  });

  it('the public reads no unit', () => {
    expect(refusal(() => readScope(principal('public', null), 'TEZ-EDU'))).toBe('ROLE_NOT_ALLOWED');
  });
});
