import { isIP } from 'node:net';

// The DNS-rebinding guard Vite's dev and preview servers apply (`server.allowedHosts`): a page
// on evil.example that rebinds its name to this server's address still sends `Host:
// evil.example`, so only IP literals, localhost and the configured names are answered.

/** ALLOWED_HOSTS (comma-separated) plus HOST when it is a name, lower-cased. */
export function allowedHostsFrom(allowedHosts: string | undefined, host: string | undefined): string[] {
  const names = (allowedHosts ?? '').split(',');
  if (host) names.push(host);
  return names.map((name) => name.trim().toLowerCase()).filter(Boolean);
}

/** The host name of a Host header, 'ip' for an IP literal, or null when it cannot be one. */
function hostName(header: string): string | null {
  const host = header.trim();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 && isIP(host.slice(1, end)) === 6 && /^(?::\d*)?$/.test(host.slice(end + 1)) ? 'ip' : null;
  }
  const colon = host.indexOf(':');
  const name = colon === -1 ? host : host.slice(0, colon);
  return isIP(name) === 4 ? 'ip' : name.toLowerCase();
}

/**
 * Whether a request with this Host header may be answered. A request without one (HTTP/1.0) is,
 * as in Vite. A listed name starting with a dot also allows its subdomains (`.example.com`).
 */
export function isHostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === null || name === '') return false;
  if (name === 'ip' || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((entry) => entry === name || (entry.startsWith('.') && (entry.slice(1) === name || name.endsWith(entry))));
}
