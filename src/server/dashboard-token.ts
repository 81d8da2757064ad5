import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// DASHBOARD_TOKEN: a viewer opens the dashboard once with ?token=<value>; the proxy answers
// with a cookie that holds an HMAC keyed by the token (never the token itself), and from then
// on every /api call needs that cookie. The value is stable across restarts, so a wall screen
// stays signed in; changing DASHBOARD_TOKEN signs everybody out.

export const COOKIE_NAME = 'pulseboard_token';
/** A wall screen may run for months: keep the cookie for a year. */
const COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** Constant-time comparison of any two strings: both are hashed to 32 bytes first. */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

export type DashboardGate = {
  tokenMatches(candidate: string): boolean;
  cookieMatches(cookieHeader: string | undefined): boolean;
  setCookie(secure: boolean): string;
};

export function createDashboardGate(token: string): DashboardGate {
  const cookieValue = createHmac('sha256', token).update('pulseboard-dashboard-cookie-v1').digest('base64url');
  return {
    tokenMatches: (candidate) => safeEqual(candidate, token),
    cookieMatches(cookieHeader) {
      if (!cookieHeader) return false;
      let match = false;
      for (const part of cookieHeader.split(';')) {
        const eq = part.indexOf('=');
        if (eq === -1 || part.slice(0, eq).trim() !== COOKIE_NAME) continue;
        // No early exit: every candidate is compared, in constant time each.
        if (safeEqual(part.slice(eq + 1).trim(), cookieValue)) match = true;
      }
      return match;
    },
    setCookie: (secure) =>
      `${COOKIE_NAME}=${cookieValue}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure ? '; Secure' : ''}`,
  };
}

/** The same address without `token`, as a local path: `//evil.example` can never come out. */
export function withoutToken(path: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  const query = params.toString();
  return `/${path.replace(/^[/\\]+/, '')}${query ? `?${query}` : ''}`;
}
