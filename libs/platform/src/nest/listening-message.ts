/**
 * What an app started by a parent Node process (tests, benchmarks) sends over the IPC channel once
 * it listens: the URL, port included, since it may have been picked by the kernel (HTTP_PORT=0).
 */
export const LISTENING_MESSAGE = 'gongkai.listening';

export interface ListeningMessage {
  type: typeof LISTENING_MESSAGE;
  url: string;
  /** The metrics listener's URL when METRICS_PORT is set (`<url>/metrics`). */
  metricsUrl?: string;
}
