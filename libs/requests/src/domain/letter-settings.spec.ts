import type { Actor, Role } from '@gongkai/contracts';
import { deciderSpec } from '@gongkai/platform/decider-spec';
import { letterSettingsDecider, type LetterSettingsCommand, type LetterSettingsEvent } from './letter-settings';

const spec = deciderSpec(letterSettingsDecider);
const by = (role: Role, unitId = 'TEZ-ZSZ'): Actor => ({ userId: `${role}-${unitId}`, unitId, role });
const update = (extra: Partial<LetterSettingsCommand> = {}): LetterSettingsCommand => ({
  type: 'UpdateLetterSettings',
  unitId: 'TEZ-ZSZ',
  printedName: '台儿庄区张山子镇人民政府',
  reconsiderationBody: '台儿庄区人民政府',
  contact: '0632-6611234',
  numberPrefix: '张政信复',
  by: by('office_head'),
  ...extra,
});
const v1: LetterSettingsEvent = {
  type: 'requests.LetterSettingsUpdated',
  data: {
    unitId: 'TEZ-ZSZ',
    version: 1,
    printedName: '台儿庄区张山子镇人民政府',
    reconsiderationBody: '台儿庄区人民政府',
    contact: '0632-6611234',
    numberPrefix: '张政信复',
  },
};

describe('letter settings decider', () => {
  it('the office head of the unit sets them; each change is a new version; the same settings record nothing', () => {
    spec.given().when(update()).then([v1]);
    spec.given(v1).when(update()).thenNothing();
    spec
      .given(v1)
      .when(update({ contact: undefined, printedName: '张山子镇人民政府' }))
      .then([
        {
          type: 'requests.LetterSettingsUpdated',
          data: {
            unitId: 'TEZ-ZSZ',
            version: 2,
            printedName: '张山子镇人民政府',
            reconsiderationBody: '台儿庄区人民政府',
            numberPrefix: '张政信复',
          },
        },
      ]);
  });

  it('refuses a clerk and another unit’s office head', () => {
    spec
      .given()
      .when(update({ by: by('clerk') }))
      .thenError('LETTER_SETTINGS_NEED_OFFICE_HEAD', { kind: 'forbidden' });
    spec
      .given()
      .when(update({ by: by('office_head', 'TEZ-EDU') }))
      .thenError('OTHER_UNIT', { kind: 'forbidden' });
  });
});
