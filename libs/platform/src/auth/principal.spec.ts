import { DomainError } from '../errors/domain-error';
import { actorOf, PUBLIC_PRINCIPAL, readScope, recordedActorOf, type Principal } from './principal';

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

describe('the actor recorded on events (issue 14.3)', () => {
  it('carries the official’s display name beside the provider’s subject', () => {
    expect(recordedActorOf({ userId: '5f0c-subject', name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' })).toEqual({
      userId: '5f0c-subject',
      name: '王芳',
      role: 'clerk',
      unitId: 'TEZ-ZSZ',
    });
    // The command's actor (deciders, separation of duties) stays the identity alone.
    expect(actorOf({ userId: '5f0c-subject', name: '王芳', role: 'clerk', unitId: 'TEZ-ZSZ' })).toEqual({
      userId: '5f0c-subject',
      role: 'clerk',
      unitId: 'TEZ-ZSZ',
    });
  });

  it('records no name for the public, nor when the token had none (the subject repeated)', () => {
    expect(recordedActorOf(PUBLIC_PRINCIPAL)).toEqual({ userId: 'anonymous', role: 'public', unitId: null });
    expect(recordedActorOf({ userId: 'clerk-1', name: 'clerk-1', role: 'clerk', unitId: 'TEZ-ZSZ' })).toEqual({
      userId: 'clerk-1',
      role: 'clerk',
      unitId: 'TEZ-ZSZ',
    });
  });
});
