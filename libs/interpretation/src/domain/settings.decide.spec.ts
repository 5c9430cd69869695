import { deciderSpec } from '@gongkai/platform/decider-spec';
import { settingsDecider } from './settings.decide';

const spec = deciderSpec(settingsDecider);

describe('settings decider', () => {
  it('configures limits over the defaults and refuses inconsistent ones', () => {
    expect(
      spec.given().when({ type: 'ConfigureLimits', limits: { interpretationWorkingDays: 5 }, reason: '区政府常务会议决定' }).decision,
    ).toMatchObject([{ data: { interpretationWorkingDays: 5, openDayNoticeDays: 15, reason: '区政府常务会议决定' } }]);
    spec
      .given()
      .when({ type: 'ConfigureLimits', limits: { majorEmergencyInformationHours: 30 }, reason: 'x' })
      .thenError('LIMITS_INCONSISTENT');
  });
});
