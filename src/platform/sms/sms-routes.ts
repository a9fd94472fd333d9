/**
 * Which operator's SMS centre a text leaves through: the route whose number prefix is the longest
 * match, unless the number was ported to another operator (a porting table, keyed by the number's
 * keyed hash so that the table holds no number in clear).
 */

/** A route of the profile: its name and the E.164 prefixes (country code included, no `+`) it serves. */
export interface SmsRoute {
  name: string;
  prefixes: readonly string[];
}

/** The route for `e164`: the ported route when the number is in the porting table, else the longest prefix; `undefined` when none serves it. */
export function chooseRoute<R extends SmsRoute>(e164: string, routes: readonly R[], portedTo?: string): R | undefined {
  if (portedTo !== undefined) {
    const ported = routes.find((r) => r.name === portedTo);
    if (ported) return ported;
  }
  const digits = e164.replace(/^\+/, '');
  let best: { route: R; length: number } | undefined;
  for (const route of routes)
    for (const prefix of route.prefixes)
      if (digits.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = { route, length: prefix.length };
  return best?.route;
}

/** The parts of an `smpp://system_id:password@host:port` address. */
export interface SmppAddress {
  systemId: string;
  password: string;
  host: string;
  port: number;
}

/** Reads an SMPP address; throws a sentence naming what is wrong (the password is never repeated in it). */
export function parseSmppUrl(text: string): SmppAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('is not an address of the form smpp://system_id:password@host:port');
  }
  if (url.protocol !== 'smpp:') throw new Error(`must start with smpp:// (not ${url.protocol}//)`);
  if (url.username === '') throw new Error('names no system_id (smpp://system_id:password@host:port)');
  const port = url.port === '' ? 2775 : Number(url.port);
  return { systemId: decodeURIComponent(url.username), password: decodeURIComponent(url.password), host: url.hostname, port };
}
