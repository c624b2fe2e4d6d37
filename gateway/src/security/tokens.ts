import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A short, URL-safe random id for configuration objects (accounts, domains, invitations). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

export const newUuid = (): string => randomUUID();

/** A secret handed out once (session token, access key, invitation link): 32 random bytes. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are stored as their SHA-256: a database leak does not hand out live credentials. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
