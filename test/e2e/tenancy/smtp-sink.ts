import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback that keeps what it receives: the gateway's mailer talks to it
 * exactly as it would to a relay. No TLS (STARTTLS disabled) and authentication optional; when
 * a client authenticates, the username is kept so tests can see the credentials were used.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** Headers and body, quoted-printable soft breaks and escapes undone. */
  text: string;
  username: string | null;
}

export interface SmtpSink {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Resolves with the first mail to `to` whose text contains `containing` (waits up to 5 s). */
  waitFor(to: string, containing?: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          text: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
          username: (session.user as string | undefined) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    async waitFor(to, containing = '') {
      for (let i = 0; i < 100; i++) {
        const found = mails.find((m) => m.to.includes(to) && m.text.includes(containing));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no mail to ${to}; got ${JSON.stringify(mails.map((m) => m.to))}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The hub link (…/hub/#/invite/<token> or …/reset/<token>) a mail carries. */
export function linkIn(mail: ReceivedMail): string {
  const m = mail.text.match(/https?:\/\/\S+\/hub\/#\/(?:invite|reset)\/[A-Za-z0-9_-]+/);
  if (!m) throw new Error(`no link in mail: ${mail.text}`);
  return m[0];
}
