import { eventually } from './infra';

/** A message as Mailpit's API lists it (the fields the tests read). */
export interface MailSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Address: string }[];
}
export interface MailDetail extends Omit<MailSummary, 'Attachments'> {
  Text: string;
  Attachments: { PartID: string; FileName: string; ContentType: string }[];
}

/**
 * The Mailpit started by `tools/test.sh` (tools/local-infra `up.sh mail`): a real SMTP server, and its
 * API to read what arrived. A test that needs it fails loudly when it is missing.
 */
export function mailpit() {
  const smtpUrl = process.env.SMTP_URL;
  const api = process.env.MAILPIT_API;
  if (!smtpUrl || !api) throw new Error('SMTP_URL and MAILPIT_API must be set: run the tests with `npm test`, which starts Mailpit');
  const json = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${api}${path}`);
    if (!res.ok) throw new Error(`Mailpit ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const messagesTo = async (address: string) =>
    (await json<{ messages: MailSummary[] }>(`/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=50`)).messages;
  return {
    smtpUrl,
    messagesTo,
    /** Waits (bounded) until at least `count` messages to `address` have arrived. */
    arrived: (address: string, count: number, what: string) =>
      eventually(
        async () => {
          const list = await messagesTo(address);
          return list.length >= count ? list : undefined;
        },
        60000,
        what,
      ),
    detail: (id: string) => json<MailDetail>(`/message/${id}`),
    headers: (id: string) => json<Record<string, string[]>>(`/message/${id}/headers`),
    /** The bytes of an attachment. */
    part: async (id: string, partId: string) => Buffer.from(await (await fetch(`${api}/message/${id}/part/${partId}`)).arrayBuffer()),
  };
}
