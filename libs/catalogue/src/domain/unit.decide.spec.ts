import { DomainError, fold } from '@gongkai/platform/domain';
import type { UnitEvent } from './unit';
import { unitDecider, type UnitCommand } from './unit.decide';

const given = (...events: UnitEvent[]) => fold(unitDecider, events);
const when = (state: ReturnType<typeof given>, command: UnitCommand) => unitDecider.decide(command, state);

const registered: UnitEvent = {
  type: 'catalogue.UnitRegistered',
  data: { unitId: 'TEZ-JIANNAN', name: '涧头集镇', level: '乡级', kind: 'town' },
};

describe('unit decider', () => {
  it('registers a new unit', () => {
    expect(when(given(), { type: 'RegisterUnit', unitId: 'TEZ-JIANNAN', name: '涧头集镇', level: '乡级', kind: 'town' })).toEqual([
      registered,
    ]);
  });

  it('refuses to register the same unit code twice', () => {
    const result = when(given(registered), { type: 'RegisterUnit', unitId: 'TEZ-JIANNAN', name: '另一镇', level: '乡级', kind: 'town' });
    expect(result).toBeInstanceOf(DomainError);
    expect(result).toMatchObject({ kind: 'conflict', code: 'UNIT_ALREADY_REGISTERED' });
  });

  it('refuses a town at 县级 and names the right level', () => {
    const result = when(given(), { type: 'RegisterUnit', unitId: 'TEZ-X', name: '某镇', level: '县级', kind: 'town' });
    expect(result).toMatchObject({ code: 'UNIT_LEVEL_MISMATCH', detail: expect.stringContaining('乡级') });
  });

  it('renames a registered unit with a reason', () => {
    expect(when(given(registered), { type: 'RenameUnit', name: '涧头集镇人民政府', reason: '机构改革' })).toEqual([
      { type: 'catalogue.UnitRenamed', data: { unitId: 'TEZ-JIANNAN', name: '涧头集镇人民政府', reason: '机构改革' } },
    ]);
  });

  it('refuses to rename to the same name', () => {
    expect(when(given(registered), { type: 'RenameUnit', name: '涧头集镇', reason: '无' })).toMatchObject({ code: 'UNIT_NAME_UNCHANGED' });
  });

  it('designates the openness office and officer of a registered unit', () => {
    const events = when(given(registered), { type: 'DesignateOpennessOffice', office: '党政办公室', officerName: '王芳' });
    expect(events).toEqual([
      { type: 'catalogue.UnitOpennessOfficeDesignated', data: { unitId: 'TEZ-JIANNAN', office: '党政办公室', officerName: '王芳' } },
    ]);
    expect(fold(unitDecider, [registered, ...(events as UnitEvent[])])).toMatchObject({
      opennessOffice: { office: '党政办公室', officerName: '王芳' },
    });
  });

  it('refuses anything but registration for an unknown unit', () => {
    expect(when(given(), { type: 'RenameUnit', name: '某镇', reason: '无' })).toMatchObject({ kind: 'not_found', code: 'UNIT_NOT_FOUND' });
    expect(when(given(), { type: 'DesignateOpennessOffice', office: '办公室', officerName: '李四' })).toMatchObject({
      code: 'UNIT_NOT_FOUND',
    });
  });
});

describe('unit responsible domains', () => {
  const registered: UnitEvent = {
    type: 'catalogue.UnitRegistered',
    data: { unitId: 'TEZ-CIVIL', name: '区民政局', level: '县级', kind: 'department' },
  };

  it('assigns responsible domains in the standard order, without duplicates', () => {
    const events = unitDecider.decide(
      { type: 'AssignResponsibleDomains', domainCodes: ['elderly-care', 'social-assistance', 'elderly-care'], reason: '三定方案' },
      fold(unitDecider, [registered]),
    );
    expect(events).toEqual([
      {
        type: 'catalogue.UnitResponsibleDomainsAssigned',
        data: { unitId: 'TEZ-CIVIL', domainCodes: ['social-assistance', 'elderly-care'], reason: '三定方案' },
      },
    ]);
    expect(fold(unitDecider, [registered, ...(events as UnitEvent[])])).toMatchObject({
      responsibleDomains: ['social-assistance', 'elderly-care'],
    });
  });

  it('refuses an unknown domain code, an unchanged assignment and an unknown unit', () => {
    const state = fold(unitDecider, [registered]);
    expect(unitDecider.decide({ type: 'AssignResponsibleDomains', domainCodes: ['astrology' as never] }, state)).toMatchObject({
      code: 'UNKNOWN_DOMAIN',
    });
    expect(unitDecider.decide({ type: 'AssignResponsibleDomains', domainCodes: [] }, state)).toMatchObject({
      code: 'UNIT_DOMAINS_UNCHANGED',
    });
    expect(unitDecider.decide({ type: 'AssignResponsibleDomains', domainCodes: ['budget'] }, fold(unitDecider, []))).toMatchObject({
      code: 'UNIT_NOT_FOUND',
    });
  });
});
