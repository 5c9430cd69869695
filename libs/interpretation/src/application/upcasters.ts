import { registerUpcaster } from '@gongkai/platform';
import {
  upcastCommentSubmittedV1,
  upcastCommentSubmittedV2,
  upcastOpenDayRegistrationAcceptedV1,
  upcastOpenDayRegistrationAcceptedV2,
} from '../domain/upcasts';

export { upcastCommentSubmittedV1, upcastCommentSubmittedV2, upcastOpenDayRegistrationAcceptedV1, upcastOpenDayRegistrationAcceptedV2 };

/** Idempotent (the registry is a map keyed by type and version). */
export function registerInterpretationUpcasters(): void {
  registerUpcaster('interpretation.CommentSubmitted', 1, upcastCommentSubmittedV1);
  registerUpcaster('interpretation.OpenDayRegistrationAccepted', 1, upcastOpenDayRegistrationAcceptedV1);
  registerUpcaster('interpretation.CommentSubmitted', 2, upcastCommentSubmittedV2);
  registerUpcaster('interpretation.OpenDayRegistrationAccepted', 2, upcastOpenDayRegistrationAcceptedV2);
}

registerInterpretationUpcasters();
