/**
 * Checks of values read from JSON (jurisdiction profile blocks, uploaded JSON files) before they
 * are trusted: one copy for every module's settings and file readers.
 */

/** A JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A web address people can open: `https:` or `http:`, with a host name that has a dot (an offer's
 * page, a licence's text), so `localhost` or a bare word is refused.
 */
export function isWebAddress(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
