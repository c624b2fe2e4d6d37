import type { HostRole } from './permissions.js';

/** Who is calling: a signed-in person, or an API account acting with host-admin rights. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      email: string;
      hostRole: HostRole | undefined;
      sessionId: string;
      via: 'cookie' | 'bearer';
      /** Set for cookie sessions: writes must echo it in x-csrf-token. */
      csrfToken: string | null;
    }
  | {
      kind: 'api';
      apiAccountId: string;
      name: string;
      sessionId: string;
      via: 'bearer';
      hostRole: 'admin';
    };

/** Who the audit log names for a change. */
export interface Actor {
  kind: 'user' | 'api' | 'system';
  id: string | null;
  label: string;
}

export function actorOf(p: Principal): Actor & { id: string; kind: 'user' | 'api' } {
  return p.kind === 'user'
    ? { kind: 'user', id: p.userId, label: p.email }
    : { kind: 'api', id: p.apiAccountId, label: `api:${p.name}` };
}
