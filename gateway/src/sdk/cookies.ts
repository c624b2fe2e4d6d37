/**
 * First-party `_fbp` / `_fbc` cookies in Meta's format (research/capig-and-capi.md §6.3), shared
 * with the Meta Pixel: whichever script runs first creates them and the other reads them.
 */
import { random31 } from './util';

const KEEP_MS = 90 * 864e5; // Meta's recommended cookie life: 90 days

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Domains to try, widest first: the pixel walks from the eTLD+1 inward because the browser
 * refuses public suffixes (`co.uk`), so the first domain that sticks is the registrable one.
 */
export function domainCandidates(hostname: string): string[] {
  // IP addresses and single-label hosts (localhost) can only hold host-only cookies.
  if (!hostname.includes('.') || /^[\d.]+$|:/.test(hostname)) return [''];
  const labels = hostname.split('.');
  const out: string[] = [];
  for (let i = 2; i <= labels.length; i++) out.push(labels.slice(-i).join('.'));
  return out;
}

/** Meta's subdomainIndex: 'com' = 0, 'example.com' = 1, 'www.example.com' = 2. */
export function subdomainIndex(domain: string): number {
  return domain ? domain.split('.').length - 1 : 0;
}

/**
 * Writes `name=value` on the widest domain the browser accepts and returns that domain's
 * subdomainIndex, or -1 when cookies cannot be written at all (blocked, sandboxed frame).
 */
export function writeCookie(name: string, value: (index: number) => string): number {
  const expires = new Date(Date.now() + KEEP_MS).toUTCString();
  for (const domain of domainCandidates(location.hostname)) {
    const index = subdomainIndex(domain);
    const v = value(index);
    document.cookie =
      `${name}=${v};expires=${expires};path=/;SameSite=Lax` + (domain ? `;domain=${domain}` : '');
    // Another cookie of the same name may exist on a narrower domain: look for ours among all.
    if (document.cookie.split(';').some((p) => p.trim() === `${name}=${v}`)) return index;
  }
  return -1;
}

/** The fbclid carried by an `_fbc` value: its fourth part (a fifth, if any, is an appendix). */
export function fbclidOf(fbc: string): string | undefined {
  return fbc.split('.')[3];
}

/** Whether the landing URL's fbclid must be written as a new `_fbc`. */
export function needsNewFbc(fbclid: string | null, existing: string | undefined): boolean {
  if (!fbclid) return false;
  return !existing || (fbclidOf(existing) !== fbclid && existing.split('.').pop() !== fbclid);
}

export interface Identity {
  fbp?: string;
  fbc?: string;
}

/**
 * Reads or creates both cookies. Called once, synchronously, before any event can be queued,
 * so that the first events of a page all carry the same `_fbp`.
 */
export function ensureCookies(now = Date.now()): Identity {
  const id: Identity = {};
  try {
    id.fbp = readCookie('_fbp');
    if (!id.fbp) {
      const rand = random31();
      let made = '';
      writeCookie('_fbp', (i) => (made = `fb.${i}.${now}.${rand}`));
      // Even if cookies are blocked, one value for the whole page beats none.
      id.fbp = made;
    }
    id.fbc = readCookie('_fbc');
    const fbclid = new URL(location.href).searchParams.get('fbclid');
    if (fbclid && needsNewFbc(fbclid, id.fbc)) {
      let made = '';
      writeCookie('_fbc', (i) => (made = `fb.${i}.${now}.${fbclid}`));
      id.fbc = made;
    }
  } catch {
    // document.cookie throws in sandboxed frames; events still flow without the identifiers.
  }
  return id;
}

/** The identifiers to send now: the cookies win, since the Meta Pixel may have refreshed them. */
export function currentIdentity(fallback: Identity): Identity {
  try {
    return { fbp: readCookie('_fbp') || fallback.fbp, fbc: readCookie('_fbc') || fallback.fbc };
  } catch {
    return fallback;
  }
}
