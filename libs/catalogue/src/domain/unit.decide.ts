import { DOMAIN_CODES, UNIT_KIND_LABELS, type DomainCode, type UnitKind, type UnitLevel } from '@gongkai/contracts';
import { DomainError, type Decider } from '@gongkai/platform/domain';
import { evolveUnit, initialUnitState, type UnitEvent, type UnitState } from './unit';

export type UnitCommand =
  | { type: 'RegisterUnit'; unitId: string; name: string; level: UnitLevel; kind: UnitKind; basis?: string }
  | { type: 'RenameUnit'; name: string; reason: string }
  | { type: 'DesignateOpennessOffice'; office: string; officerName: string; officerPhone?: string }
  | { type: 'AssignResponsibleDomains'; domainCodes: DomainCode[]; reason?: string };

/** Towns and the sub-district work at 乡级; departments and the district office at 县级. */
const LEVEL_OF_KIND: Record<UnitKind, UnitLevel> = {
  town: '乡级',
  subdistrict: '乡级',
  department: '县级',
  district_office: '县级',
};

const notFound = () => DomainError.notFound('UNIT_NOT_FOUND', '该单位不存在，请先由区政府办公室登记。');

export function decideUnit(command: UnitCommand, state: UnitState): UnitEvent[] | DomainError {
  switch (command.type) {
    case 'RegisterUnit': {
      if (state.status === 'registered') {
        return DomainError.conflict('UNIT_ALREADY_REGISTERED', `单位编码 ${command.unitId} 已登记为“${state.name}”，不能重复登记。`);
      }
      const expected = LEVEL_OF_KIND[command.kind];
      if (command.level !== expected) {
        return DomainError.rule(
          'UNIT_LEVEL_MISMATCH',
          `${UNIT_KIND_LABELS[command.kind]}的公开层级应为“${expected}”，不能登记为“${command.level}”。`,
        );
      }
      const { type: _command, ...data } = command;
      return [{ type: 'catalogue.UnitRegistered', data }];
    }
    case 'RenameUnit': {
      if (state.status !== 'registered') return notFound();
      if (command.name === state.name) return DomainError.rule('UNIT_NAME_UNCHANGED', '新名称与现名称相同。');
      return [{ type: 'catalogue.UnitRenamed', data: { unitId: state.unitId, name: command.name, reason: command.reason } }];
    }
    case 'DesignateOpennessOffice': {
      if (state.status !== 'registered') return notFound();
      const { type: _command, ...designation } = command;
      return [{ type: 'catalogue.UnitOpennessOfficeDesignated', data: { unitId: state.unitId, ...designation } }];
    }
    case 'AssignResponsibleDomains': {
      if (state.status !== 'registered') return notFound();
      const unknown = command.domainCodes.filter((code) => !(DOMAIN_CODES as readonly string[]).includes(code));
      if (unknown.length > 0) return DomainError.validation('UNKNOWN_DOMAIN', `未知的试点领域编码：${unknown.join('、')}。`);
      // Kept in the standard order of the 26 domains, without duplicates.
      const domainCodes = DOMAIN_CODES.filter((code) => command.domainCodes.includes(code));
      if (domainCodes.join() === state.responsibleDomains.join()) return DomainError.rule('UNIT_DOMAINS_UNCHANGED', '负责领域没有变化。');
      return [
        {
          type: 'catalogue.UnitResponsibleDomainsAssigned',
          data: { unitId: state.unitId, domainCodes, ...(command.reason ? { reason: command.reason } : {}) },
        },
      ];
    }
  }
}

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState> = {
  initialState: initialUnitState,
  evolve: evolveUnit,
  decide: decideUnit,
};
