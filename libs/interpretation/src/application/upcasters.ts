import { registerUpcaster } from '@gongkai/platform';
import { upcastCommentSubmittedV1, upcastOpenDayRegistrationAcceptedV1 } from '../domain/upcasts';

export { upcastCommentSubmittedV1, upcastOpenDayRegistrationAcceptedV1 };

/** Idempotent (the registry is a map keyed by type and version). */
export function registerInterpretationUpcasters(): void {
  registerUpcaster('interpretation.CommentSubmitted', 1, upcastCommentSubmittedV1);
  registerUpcaster('interpretation.OpenDayRegistrationAccepted', 1, upcastOpenDayRegistrationAcceptedV1);
}

registerInterpretationUpcasters();
