import type { Actor, LetterSettingsUpdated } from '@gongkai/contracts';
import { DomainError, unitActionError, type Decider, type DomainEvent } from '@gongkai/platform/domain';

/**
 * A unit's reply-letter settings (stream `requests.letter-settings-<unitId>`): the name printed on its
 * letters, its reconsideration body (行政复议法 Art. 24: for a district department or a town, the
 * district people's government), a contact line and the 答复书文号 prefix. Each change is a new
 * version, kept as an event.
 */
export type LetterSettingsEvent = DomainEvent<'requests.LetterSettingsUpdated', LetterSettingsUpdated>;

export type LetterSettingsState = { version: 0 } | LetterSettingsUpdated;

export type LetterSettingsCommand = {
  type: 'UpdateLetterSettings';
  unitId: string;
  printedName: string;
  reconsiderationBody: string;
  contact?: string;
  numberPrefix?: string;
  /** Only the unit's own office head edits them. */
  by: Actor;
};

export const letterSettingsStreamId = (unitId: string) => `requests.letter-settings-${unitId}`;

export function decideLetterSettings(command: LetterSettingsCommand, state: LetterSettingsState): LetterSettingsEvent[] | DomainError {
  const { by, type: _t, ...wanted } = command;
  if (by.role !== 'office_head') {
    return DomainError.forbidden('LETTER_SETTINGS_NEED_OFFICE_HEAD', '答复书设置须由本单位政府信息公开工作机构负责人修改。');
  }
  const otherUnit = unitActionError(by, command.unitId);
  if (otherUnit) return otherUnit;
  const current = 'printedName' in state ? state : null;
  const same =
    current &&
    current.printedName === wanted.printedName &&
    current.reconsiderationBody === wanted.reconsiderationBody &&
    current.contact === wanted.contact &&
    current.numberPrefix === wanted.numberPrefix;
  if (same) return [];
  const data: LetterSettingsUpdated = {
    unitId: command.unitId,
    version: state.version + 1,
    printedName: wanted.printedName,
    reconsiderationBody: wanted.reconsiderationBody,
    ...(wanted.contact ? { contact: wanted.contact } : {}),
    ...(wanted.numberPrefix ? { numberPrefix: wanted.numberPrefix } : {}),
  };
  return [{ type: 'requests.LetterSettingsUpdated', data }];
}

export const letterSettingsDecider: Decider<LetterSettingsCommand, LetterSettingsEvent, LetterSettingsState> = {
  initialState: { version: 0 },
  evolve: (_state, event) => event.data,
  decide: decideLetterSettings,
};
