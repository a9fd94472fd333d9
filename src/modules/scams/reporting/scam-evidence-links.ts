import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { isInternationalisedHost } from './scam-evidence.ts';

/** A link found in a report's text: the whole link as written, its registrable domain in ASCII, and whether its host is internationalised. */
export interface FoundLink {
  url: string;
  domain: string;
  isInternationalised: boolean;
}

// A scheme's link, a `www.` address, or a bare host with a path (`bit.ly/x`, `pay-kra.com/login`); trailing punctuation is not part of it.
const LINK_PATTERN = /(?:\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+|(?<![@\p{L}\p{N}.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\/[^\s<>"']*)/giu;

/**
 * The links of a text with a registrable domain of the public suffix list (tldts), at most `max`
 * of them and each domain once: the first link of a domain is kept as its evidence.
 */
export function findLinks(text: string, max = 10): FoundLink[] {
  const found: FoundLink[] = [];
  for (const match of text.normalize('NFKC').matchAll(LINK_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]}'"]+$/u, '').slice(0, 2048);
    const parsed = parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
    if (!parsed.domain || parsed.isIp || !parsed.hostname) continue;
    const domain = domainToASCII(parsed.domain.toLowerCase());
    if (domain === '' || found.some((f) => f.domain === domain)) continue;
    found.push({ url, domain, isInternationalised: isInternationalisedHost(parsed.hostname) });
    if (found.length >= max) break;
  }
  return found;
}

/** A screenshot type Kinga keeps, read from the image's first bytes. */
export type ScreenshotType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The type of a screenshot by its signature (PNG, JPEG, WebP), or null for anything else, whatever its name or declared type says. */
export function sniffScreenshot(content: Buffer): ScreenshotType | null {
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.length >= 12 && content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}
