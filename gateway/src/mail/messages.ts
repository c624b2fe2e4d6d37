import type { Mail } from './mailer.js';

// The words of the two emails the gateway sends. Plain text: links survive every mail client,
// and nothing here needs markup.

const ROLE_WORDS = { admin: 'an admin', manager: 'a manager', viewer: 'a viewer' } as const;

export function invitationMail(p: {
  to: string;
  hostName: string;
  accountName: string | null;
  role: keyof typeof ROLE_WORDS;
  link: string;
  expiresAt: number;
}): Mail {
  const place = p.accountName ? `the account "${p.accountName}"` : `the host "${p.hostName}"`;
  return {
    to: p.to,
    subject: `Invitation to ${p.accountName ?? p.hostName}`,
    text: [
      `You are invited to join ${place} on the Conversions API Gateway as ${ROLE_WORDS[p.role]}.`,
      '',
      `Open this link to accept and choose your password:`,
      p.link,
      '',
      `The link works once and expires ${new Date(p.expiresAt).toUTCString()}.`,
      `If you did not expect this invitation, ignore this email.`,
    ].join('\n'),
  };
}

export function resetMail(p: {
  to: string;
  hostName: string;
  link: string;
  expiresAt: number;
}): Mail {
  return {
    to: p.to,
    subject: `Reset your password for ${p.hostName}`,
    text: [
      `Someone asked to reset the password of ${p.to} on ${p.hostName}.`,
      '',
      `Open this link to choose a new password:`,
      p.link,
      '',
      `The link works once and expires ${new Date(p.expiresAt).toUTCString()}.`,
      `If you did not ask for this, ignore this email: your password stays as it is.`,
    ].join('\n'),
  };
}
