import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, FormFault, isFormFaultCode, isKeyedProblem, platformMessage, type CatalogMessage } from './errors.ts';
import { requestProblems } from './request-problems.ts';
import { FALLBACK_LANGUAGE, fallbackHostOf, hasFallback, negotiateLanguage, stripFallback, type Catalogs, type Translate } from '../i18n/index.ts';
import type { Language } from '../jurisdiction.ts';
import { Layout } from '../web/layout.tsx';
import { LANGUAGE_COOKIE, type PageContextFactory } from '../web/page-context.ts';
import { sendPage } from '../web/render.ts';

/** The `type` URI of a problem: stable, documented in docs/api.md. */
export const problemType = (code: string) => `https://kinga.example/problems/${code.toLowerCase().replaceAll('_', '-')}`;

/** Paths that answer machines: errors there are problem+json, never pages. */
export function isMachinePath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz') || url.startsWith('/readyz') || url.startsWith('/metrics');
}

/**
 * Errors Fastify raises on a request's body before any route sees it, by code, with the page that
 * says what went wrong and the detail the API gives, so that nobody reads only "the request could
 * not be understood". The code stays Fastify's, as docs/api.md lists it.
 */
const BODY_FAULTS: Readonly<Record<string, { messageKey: string; detail: CatalogMessage }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { messageKey: 'error.tooLarge', detail: platformMessage('error.tooLarge.detail') },
  FST_ERR_CTP_INVALID_JSON_BODY: { messageKey: 'error.badRequest', detail: platformMessage('error.invalidJson.detail') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { messageKey: 'error.badRequest', detail: platformMessage('error.invalidJson.detail') },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { messageKey: 'error.badRequest', detail: platformMessage('error.unsupportedType.detail') },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { messageKey: 'error.badRequest', detail: platformMessage('error.contentLength.detail') },
  FST_ERR_BAD_URL: { messageKey: 'error.badRequest', detail: platformMessage('error.badUrl.detail') },
  FST_ERR_INVALID_URL: { messageKey: 'error.badRequest', detail: platformMessage('error.badUrl.detail') },
  FST_ERR_MAX_PARAM_LENGTH: { messageKey: 'error.badRequest', detail: platformMessage('error.badUrl.detail') },
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: { messageKey: 'error.badRequest', detail: platformMessage('error.unsupportedType.detail') },
  FST_ERR_ROUTE_MISSING_CONTENT: { messageKey: 'error.badRequest', detail: platformMessage('error.missingBody.detail') },
  // @fastify/multipart's own limits and refusals.
  FST_PARTS_LIMIT: { messageKey: 'error.formMalformed', detail: platformMessage('error.formTooManyParts.detail') },
  FST_FILES_LIMIT: { messageKey: 'error.formMalformed', detail: platformMessage('error.formTooManyParts.detail') },
  FST_FIELDS_LIMIT: { messageKey: 'error.formMalformed', detail: platformMessage('error.formTooManyParts.detail') },
  FST_REQ_FILE_TOO_LARGE: { messageKey: 'error.tooLarge', detail: platformMessage('error.tooLarge.detail') },
  FST_PROTO_VIOLATION: { messageKey: 'error.formMalformed', detail: platformMessage('error.formMalformed.detail') },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { messageKey: 'error.formMalformed', detail: platformMessage('error.formMalformed.detail') },
  FST_INVALID_JSON_FIELD_ERROR: { messageKey: 'error.formMalformed', detail: platformMessage('error.formMalformed.detail') },
  FST_MP_PREMATURE_CLOSE: { messageKey: 'error.formIncomplete', detail: platformMessage('error.formIncomplete.detail') },
};

/** Converts any thrown value into an {@link AppError}; unknown errors become a 500 that shows no internals. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const problems = requestProblems(fe.validation, fe.validationContext ?? 'body');
    return new AppError('INVALID_REQUEST', 400, 'error.invalid', platformMessage('error.request.detail', { count: problems.length }), problems);
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', 429, 'error.rateLimited', platformMessage('error.rateLimited.detail'));
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return new AppError('CSRF_REJECTED', 403, 'error.csrf', platformMessage('error.csrf.detail'));
  }
  // A streamed form's parser error, marked with what it means (multipart-form.ts).
  if (fe.statusCode === 400 && isFormFaultCode(fe.code)) return new FormFault(fe.code);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const fault = fe.code !== undefined && Object.hasOwn(BODY_FAULTS, fe.code) ? BODY_FAULTS[fe.code] : undefined;
    if (fault) return new AppError(fe.code, fe.statusCode, fault.messageKey, fault.detail);
    // Any other refusal of the framework's: its code names it, since its own words are English only.
    return new AppError(
      fe.code ?? 'BAD_REQUEST',
      fe.statusCode,
      'error.badRequest',
      platformMessage('error.badRequest.detail', { code: fe.code ?? 'BAD_REQUEST' }),
    );
  }
  return new AppError('INTERNAL', 500, 'error.internal', platformMessage('error.internal.detail'));
}

/** The language a problem+json answer is worded in, and its translator. */
export interface ProblemLanguage {
  language: Language;
  t: Translate;
}

/** Chooses the language of each problem+json answer. */
export type ProblemLanguageOf = (request: FastifyRequest) => ProblemLanguage;

/**
 * Problem+json answers speak the language the request asks for, among the profile's: on the API,
 * from `Accept-Language` alone (the API ignores cookies and has no `lang` parameter); on a page's
 * address, as the page would (`?lang=`, the language cookie, then `Accept-Language`). English when
 * nothing offered is asked for, as the API always spoke.
 */
export function createProblemLanguage(catalogs: Catalogs, languages: readonly Language[]): ProblemLanguageOf {
  const offered = languages.filter((l) => catalogs.languages.includes(l));
  const translators = new Map<Language, Translate>();
  const translatorOf = (language: Language): Translate => {
    let t = translators.get(language);
    if (!t) {
      t = catalogs.translator(language);
      translators.set(language, t);
    }
    return t;
  };
  return (request) => {
    const isMachine = isMachinePath(request.url);
    const query = request.query as Record<string, unknown> | undefined;
    const fromUrl = !isMachine && typeof query?.['lang'] === 'string' ? query['lang'] : undefined;
    const fromCookie = isMachine ? undefined : request.cookies?.[LANGUAGE_COOKIE];
    const language = negotiateLanguage(offered, FALLBACK_LANGUAGE, fromUrl, fromCookie, request.headers['accept-language']);
    return { language, t: translatorOf(language) };
  };
}

/** The languages of one piece of an answer, asked in `language`: English too where it fell back, or English alone where nothing was keyed. */
function languagesOf(text: string, language: Language, isKeyed: boolean): Language[] {
  if (isKeyed) return hasFallback(text) ? [language, FALLBACK_LANGUAGE] : [language];
  // Words a module gave: a page's translator marks what it could not say; unmarked words are English.
  const host = fallbackHostOf(text);
  return host ? [host, FALLBACK_LANGUAGE] : [FALLBACK_LANGUAGE];
}

/**
 * Sends an error as application/problem+json (RFC 9457), with each bad field when there are any.
 * `title` is the stable code; `detail` and each problem's `message` are said in the request's
 * language wherever they carry a message key, and stay as they were worded otherwise.
 * `Content-Language` names every language the answer holds, the one asked for first.
 */
export function sendProblem(error: AppError, request: FastifyRequest, reply: FastifyReply, languageOf: ProblemLanguageOf): FastifyReply {
  if ('retryAfterSeconds' in error) reply.header('retry-after', String(error.retryAfterSeconds));
  const { language, t } = languageOf(request);
  const detail = error.detailIn(t);
  const worded = error.problemsIn(t);
  const spoken = new Set<Language>(languagesOf(detail, language, error.detailMessage !== undefined));
  for (const p of worded) for (const l of languagesOf(p.message, language, isKeyedProblem(p))) spoken.add(l);
  // The language asked for first, English (what could not be said in another) last.
  const rank = (l: Language) => (l === FALLBACK_LANGUAGE ? 2 : l === language ? 0 : 1);
  const contentLanguage = [...spoken].sort((a, b) => rank(a) - rank(b));
  return reply
    .status(error.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', contentLanguage.join(', '))
    .send(
      JSON.stringify({
        type: problemType(error.code),
        title: error.code,
        status: error.status,
        detail: stripFallback(detail),
        instance: request.id,
        // Field, line and words only: the keys and values stay inside Kinga.
        ...(worded.length > 0
          ? { errors: worded.map((p) => ({ field: p.field, ...(p.line === undefined ? {} : { line: p.line }), message: stripFallback(p.message) })) }
          : {}),
        // A refused upload lists its first problems only; the count says how many there are in all.
        ...('problemCount' in error && typeof error.problemCount === 'number' ? { errorCount: error.problemCount } : {}),
      }),
    );
}

/** Sends an error as problem+json on machine paths and as an accessible page elsewhere. */
export function sendError(
  error: AppError,
  request: FastifyRequest,
  reply: FastifyReply,
  pageContext: PageContextFactory,
  languageOf: ProblemLanguageOf,
): FastifyReply {
  if (isMachinePath(request.url) || !request.headers.accept?.includes('text/html')) return sendProblem(error, request, reply, languageOf);
  if ('retryAfterSeconds' in error) reply.header('retry-after', String(error.retryAfterSeconds));
  const ctx = pageContext(request, reply);
  // A module's own detail says why (the case is closed, the report was decided); the platform's
  // details repeat for machines what the page's body says to people.
  const own = error.detailMessage !== undefined && !error.detailMessage.key.startsWith('error.') ? error.detailIn(ctx.t) : undefined;
  const page = h(Layout, { ctx, title: ctx.t(`${error.messageKey}.title`) }, [
    h('p', null, own ?? ctx.t(`${error.messageKey}.body`)),
    h('p', null, h('a', { href: '/' }, ctx.t('error.backHome'))),
    h('p', { class: 'hint' }, ctx.t('error.reference', { id: request.id })),
  ]);
  return sendPage(reply, page, error.status);
}
