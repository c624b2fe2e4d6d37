import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/env.js';
import type { SecretBox } from '../security/master-key.js';
import type { Store } from '../store/store.js';

/** How the host settings keep SMTP: the URL (it holds the password) only as ciphertext. */
export interface StoredSmtp {
  url_enc: string;
  from: string;
  host: string;
}

export interface SmtpTarget {
  url: string;
  from: string;
  host: string;
  source: 'settings' | 'environment';
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Email for invitations and password resets. SMTP is optional (as in Meta's gateway): without
 * it, or when sending fails, the caller shows the link to copy. Host settings win over the
 * SMTP_URL environment variable, so a host admin can fix a broken address from the hub.
 */
export class Mailer {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
  ) {}

  async target(): Promise<SmtpTarget | null> {
    const stored = (await this.store.host.get()).settings.smtp as StoredSmtp | undefined;
    if (stored?.url_enc) {
      return {
        url: this.box.decrypt(stored.url_enc),
        from: stored.from,
        host: stored.host,
        source: 'settings',
      };
    }
    const url = this.config.SMTP_URL;
    if (!url) return null;
    return {
      url,
      from: this.config.SMTP_FROM ?? `gateway@${smtpHostOf(url) || 'localhost'}`,
      host: smtpHostOf(url),
      source: 'environment',
    };
  }

  /** True once the SMTP server took the message; false (logged without secrets) otherwise. */
  async send(mail: Mail): Promise<boolean> {
    const target = await this.target();
    if (!target) return false;
    const transport = nodemailer.createTransport({
      url: target.url,
      // A dead SMTP server must not hold an admin's request for nodemailer's 2-minute default.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      await transport.sendMail({ from: target.from, ...mail });
      return true;
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'unknown';
      this.log.warn({ smtp_host: target.host, code }, 'email not sent; the link is shown instead');
      return false;
    } finally {
      transport.close();
    }
  }
}

/** host[:port] of an SMTP URL, without the credentials it may carry. */
export function smtpHostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return '';
  }
}
