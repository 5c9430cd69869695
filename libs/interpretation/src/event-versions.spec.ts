import { currentSchemaVersion } from '@gongkai/platform';

/**
 * The domain specs check the events their deciders decide against these contract versions (they
 * do not load the platform to ask): these are the versions the command handler appends today.
 */
describe('current versions of the events the domain specs check against their contracts', () => {
  it.each([
    ['interpretation.CommentSubmitted', 3],
    ['interpretation.OpenDayRegistrationAccepted', 3],
    ['interpretation.PersonalDataErased', 1],
  ])('%s is at v%i', (type, version) => {
    expect(currentSchemaVersion(type)).toBe(version);
  });
});
