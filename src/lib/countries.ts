// Country codes from Umami (ISO 3166-1 alpha-2, or null when geo lookup failed) → display.
// Umami can also send codes that are not countries ("XX", "EU", "T1"…): those are "Unknown".

export const UNKNOWN_COUNTRY = 'unknown';

const regionNames = new Map<string, Intl.DisplayNames | null>();

function displayNames(lang: string): Intl.DisplayNames | null {
  if (!regionNames.has(lang)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'none' });
    } catch {
      names = null;
    }
    regionNames.set(lang, names);
  }
  return regionNames.get(lang) ?? null;
}

/** Upper-case alpha-2 for a code a person would call a country, else null. */
export function normalizeCountry(code: string | null | undefined): string | null {
  if (!code) return null;
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return null;
  // ZZ/XX/EU/AP/T1 and friends are "unknown", "European Union", "Tor"…, not countries.
  if (['XX', 'ZZ', 'EU', 'AP', 'UN', 'T1', 'A1', 'A2', 'O1'].includes(upper)) return null;
  return upper;
}

// Every feed row and country row asks on every poll, and Intl.DisplayNames#of took about 1 ms
// a poll in a profile of the busy fixture: the answers are remembered (~250 codes a language).
const names = new Map<string, string>();

/** Localised country name ("Germany", "Deutschland"); "Unknown" for codes that are not countries. */
export function countryName(code: string | null | undefined, lang: string): string {
  const normalized = normalizeCountry(code);
  if (!normalized) return 'Unknown';
  const key = `${lang}\u0000${normalized}`;
  let name = names.get(key);
  if (name === undefined) {
    name = displayNames(lang)?.of(normalized) ?? normalized;
    names.set(key, name);
  }
  return name;
}

/** The flag emoji built from the two regional indicator letters; "" for unknown. */
export function countryFlag(code: string | null | undefined): string {
  const normalized = normalizeCountry(code);
  if (!normalized) return '';
  return String.fromCodePoint(...[...normalized].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}
