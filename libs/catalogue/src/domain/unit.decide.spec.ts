import { deciderSpec } from '@gongkai/platform/decider-spec';
import type { UnitEvent } from './unit';
import { unitDecider } from './unit.decide';

const spec = deciderSpec(unitDecider);

const registered = {
  type: 'catalogue.UnitRegistered',
  data: { unitId: 'TEZ-JIANNAN', name: '涧头集镇', level: '乡级', kind: 'town' },
} satisfies UnitEvent;

describe('unit decider', () => {
  it('registers a new unit', () => {
    spec.given().when({ type: 'RegisterUnit', unitId: 'TEZ-JIANNAN', name: '涧头集镇', level: '乡级', kind: 'town' }).then([registered]);
  });

  it('refuses to register the same unit code twice', () => {
    spec
      .given(registered)
      .when({ type: 'RegisterUnit', unitId: 'TEZ-JIANNAN', name: '另一镇', level: '乡级', kind: 'town' })
      .thenError('UNIT_ALREADY_REGISTERED', { kind: 'conflict' });
  });

  it('refuses a town at 县级 and names the right level', () => {
    spec
      .given()
      .when({ type: 'RegisterUnit', unitId: 'TEZ-X', name: '某镇', level: '县级', kind: 'town' })
      .thenError('UNIT_LEVEL_MISMATCH', { detail: expect.stringContaining('乡级') });
  });

  it('renames a registered unit with a reason', () => {
    spec
      .given(registered)
      .when({ type: 'RenameUnit', name: '涧头集镇人民政府', reason: '机构改革' })
      .then([{ type: 'catalogue.UnitRenamed', data: { unitId: 'TEZ-JIANNAN', name: '涧头集镇人民政府', reason: '机构改革' } }]);
  });

  it('refuses to rename to the same name', () => {
    spec.given(registered).when({ type: 'RenameUnit', name: '涧头集镇', reason: '无' }).thenError('UNIT_NAME_UNCHANGED');
  });

  it('designates the openness office and officer of a registered unit', () => {
    const designated = {
      type: 'catalogue.UnitOpennessOfficeDesignated',
      data: { unitId: 'TEZ-JIANNAN', office: '党政办公室', officerName: '王芳' },
    } satisfies UnitEvent;
    spec.given(registered).when({ type: 'DesignateOpennessOffice', office: '党政办公室', officerName: '王芳' }).then([designated]);
    expect(spec.given(registered, designated).state).toMatchObject({ opennessOffice: { office: '党政办公室', officerName: '王芳' } });
  });

  it('refuses anything but registration for an unknown unit', () => {
    spec.given().when({ type: 'RenameUnit', name: '某镇', reason: '无' }).thenError('UNIT_NOT_FOUND', { kind: 'not_found' });
    spec.given().when({ type: 'DesignateOpennessOffice', office: '办公室', officerName: '李四' }).thenError('UNIT_NOT_FOUND');
  });
});

describe('unit responsible domains', () => {
  const registered = {
    type: 'catalogue.UnitRegistered',
    data: { unitId: 'TEZ-CIVIL', name: '区民政局', level: '县级', kind: 'department' },
  } satisfies UnitEvent;

  it('assigns responsible domains in the standard order, without duplicates', () => {
    const assigned = {
      type: 'catalogue.UnitResponsibleDomainsAssigned',
      data: { unitId: 'TEZ-CIVIL', domainCodes: ['social-assistance', 'elderly-care'], reason: '三定方案' },
    } satisfies UnitEvent;
    spec
      .given(registered)
      .when({ type: 'AssignResponsibleDomains', domainCodes: ['elderly-care', 'social-assistance', 'elderly-care'], reason: '三定方案' })
      .then([assigned]);
    expect(spec.given(registered, assigned).state).toMatchObject({ responsibleDomains: ['social-assistance', 'elderly-care'] });
  });

  it('refuses an unknown domain code, an unchanged assignment and an unknown unit', () => {
    spec
      .given(registered)
      .when({ type: 'AssignResponsibleDomains', domainCodes: ['astrology' as never] })
      .thenError('UNKNOWN_DOMAIN');
    spec.given(registered).when({ type: 'AssignResponsibleDomains', domainCodes: [] }).thenError('UNIT_DOMAINS_UNCHANGED');
    spec
      .given()
      .when({ type: 'AssignResponsibleDomains', domainCodes: ['budget'] })
      .thenError('UNIT_NOT_FOUND');
  });
});
