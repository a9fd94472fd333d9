import type { FastifyReply, FastifyRequest } from 'fastify';
import { createFormatter, negotiateLanguage, type Catalogs, type Formatter, type Translate } from '../i18n/index.ts';
import type { Jurisdiction, Language } from '../jurisdiction.ts';
import type { NavItem, PageContext } from './context.ts';
import { isolateInterpolations } from './bidi.ts';
import '../auth/principal.ts';

/** The cookie that remembers an explicit language choice. */
export const LANGUAGE_COOKIE = 'kinga_lang';

/** Builds the context pages render with: the negotiated language, its translator and the shell's data. */
export function createPageContextFactory(
  catalogs: Catalogs,
  jurisdiction: Jurisdiction,
  nav: readonly NavItem[],
  isCookieSecure: boolean,
  footerLinks: readonly NavItem[] = [],
) {
  const offered = jurisdiction.languages.filter((l) => catalogs.languages.includes(l));
  const fallback = offered.includes(jurisdiction.defaultLanguage) ? jurisdiction.defaultLanguage : 'en';
  // Only right-to-left pages need isolates around interpolated text; left-to-right pages keep plain strings.
  const translators = new Map<Language, Translate>(
    offered.map((l) => [l, catalogs.direction(l) === 'rtl' ? isolateInterpolations(catalogs.translator(l), catalogs, l) : catalogs.translator(l)]),
  );
  // Intl formatters are costly to build (about a tenth of a page's CPU), so one per language.
  const formatters = new Map<Language, Formatter>();
  const formatterOf = (language: Language): Formatter => {
    let formatter = formatters.get(language);
    if (!formatter) {
      formatter = createFormatter(language, jurisdiction.timeZone);
      formatters.set(language, formatter);
    }
    return formatter;
  };
  return function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
    const query = request.query as Record<string, unknown> | undefined;
    const fromUrl = typeof query?.['lang'] === 'string' ? query['lang'] : undefined;
    const language = negotiateLanguage(offered, fallback, fromUrl, request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
    if (fromUrl && language === fromUrl && request.cookies[LANGUAGE_COOKIE] !== language) {
      reply.setCookie(LANGUAGE_COOKIE, language, { path: '/', sameSite: 'lax', httpOnly: true, secure: isCookieSecure, maxAge: 365 * 24 * 3600 });
    }
    const principal = request.principal;
    let csrfToken: string | undefined;
    const direction = catalogs.direction(language);
    const t = translators.get(language) ?? catalogs.translator(language);
    return {
      language,
      direction,
      t,
      format: formatterOf(language),
      jurisdiction,
      catalogs,
      nav,
      footerLinks,
      path: request.url.split('?')[0] ?? '/',
      query: queryWithoutLanguage(request.url),
      // Generated on first use, so pages without forms set no anti-forgery cookie.
      get csrfToken() {
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      },
      viewer: principal?.kind === 'user' && principal.isMfaVerified ? { displayName: principal.displayName, roleKey: `role.${principal.role}` } : null,
    };
  };
}

/** Builds a page context for a request. */
export type PageContextFactory = ReturnType<typeof createPageContextFactory>;

/** The query string of a URL without its `lang` parameter, encoded, without the leading `?`. */
export function queryWithoutLanguage(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const params = new URLSearchParams(url.slice(at + 1));
  params.delete('lang');
  return params.toString();
}
