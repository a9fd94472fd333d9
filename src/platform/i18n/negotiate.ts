import type { Language } from '../jurisdiction.ts';

/**
 * Chooses the interface language: an explicit choice in the URL wins, then the cookie set by
 * an earlier choice, then the browser's Accept-Language, then the profile's default.
 */
export function negotiateLanguage(
  offered: readonly Language[],
  fallback: Language,
  fromUrl: string | undefined,
  fromCookie: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  const pick = (tag: string | undefined): Language | undefined => {
    if (!tag) return undefined;
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    return offered.find((l) => l === base);
  };
  const explicit = pick(fromUrl) ?? pick(fromCookie);
  if (explicit) return explicit;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? '')) {
    const found = pick(tag);
    if (found) return found;
  }
  return fallback;
}

/** The tags of an Accept-Language header, best first; `q=0` tags are dropped. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}
