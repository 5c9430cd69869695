import { deciderSpec } from '@gongkai/platform/decider-spec';
import { frequentDecider, type FrequentCommand, type FrequentEvent } from './frequent';
import { ART_44_PROACTIVE } from './legal-basis';

const spec = deciderSpec(frequentDecider);
const consider = (applicants: number, documentId?: string): FrequentCommand => ({
  type: 'ConsiderProactiveDisclosure',
  unitId: 'TEZ-ZSZ',
  informationKey: 'weifang-2025',
  information: '2025年农村危房改造补助对象名单',
  requestIds: ['r1', 'r2', 'r3'],
  applicants,
  threshold: 3,
  ...(documentId ? { documentId } : {}),
});
const suggested: FrequentEvent = {
  type: 'requests.ProactiveDisclosureSuggested',
  data: {
    unitId: 'TEZ-ZSZ',
    informationKey: 'weifang-2025',
    information: '2025年农村危房改造补助对象名单',
    requestIds: ['r1', 'r2', 'r3'],
    count: 3,
    legalBasis: ART_44_PROACTIVE,
  },
};

describe('frequent requests (Art. 44): suggest proactive disclosure once', () => {
  it('below the threshold of distinct applicants: nothing', () => {
    spec.given().when(consider(2)).thenNothing();
  });

  it('at the threshold: one suggestion citing Art. 44, with the document when known', () => {
    spec.given().when(consider(3)).then([suggested]);
    spec
      .given()
      .when(consider(3, 'DOC-1'))
      .then([{ ...suggested, data: { ...suggested.data, documentId: 'DOC-1' } }]);
  });

  it('once suggested, a further request (or the same event again) suggests nothing more', () => {
    spec.given(suggested).when(consider(4)).thenNothing();
  });
});
