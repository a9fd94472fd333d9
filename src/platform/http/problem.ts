import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, type FieldProblem } from './errors.ts';
import { FALLBACK_LANGUAGE, fallbackHostOf, stripFallback } from '../i18n/index.ts';
import { Layout } from '../web/layout.tsx';
import { sendPage } from '../web/render.ts';
import type { PageContextFactory } from '../web/page-context.ts';

/** The `type` URI of a problem: stable, documented in docs/api.md. */
export const problemType = (code: string) => `https://kinga.example/problems/${code.toLowerCase().replaceAll('_', '-')}`;

/** Paths that answer machines: errors there are problem+json, never pages. */
export function isMachinePath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz') || url.startsWith('/readyz') || url.startsWith('/metrics');
}

/** Converts any thrown value into an {@link AppError}; unknown errors become a 500 that shows no internals. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const problems: FieldProblem[] = fe.validation.map((v) => {
      const missing = v.keyword === 'required' ? String((v.params as { missingProperty?: string }).missingProperty ?? '') : '';
      const path = `${v.instancePath}${missing ? `/${missing}` : ''}` || '/';
      return { field: `${fe.validationContext ?? 'body'}${path}`, message: `${path.replace(/^\//, '') || fe.validationContext || 'request'} ${v.message ?? 'is invalid'}` };
    });
    return new AppError('INVALID_REQUEST', 400, 'error.invalid', `The request is not valid: ${problems.map((p) => p.message).join('; ')}.`, problems);
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', 429, 'error.rateLimited', 'Too many requests. Wait and try again.');
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return new AppError('CSRF_REJECTED', 403, 'error.csrf', 'The form had expired or did not come from this site. Reload the page and try again.');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.code ?? 'BAD_REQUEST', fe.statusCode, 'error.badRequest', fe.message);
  }
  return new AppError('INTERNAL', 500, 'error.internal', 'Something went wrong on our side. The error was logged; please try again later.');
}

/**
 * Sends an error as application/problem+json (RFC 9457), with each bad field when there are any.
 * The API words its problems in English; `Content-Language` says so, and names the language of a
 * message worded with a page's translator too, whose English stand-ins lose their marks here.
 */
export function sendProblem(error: AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if ('retryAfterSeconds' in error) reply.header('retry-after', String(error.retryAfterSeconds));
  const words = [error.message, ...error.problems.map((p) => p.message)];
  const host = words.map(fallbackHostOf).find((l) => l !== undefined);
  return reply
    .status(error.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', host ? `${host}, ${FALLBACK_LANGUAGE}` : FALLBACK_LANGUAGE)
    .send(
      JSON.stringify({
        type: problemType(error.code),
        title: error.code,
        status: error.status,
        detail: stripFallback(error.message),
        instance: request.id,
        ...(error.problems.length > 0 ? { errors: error.problems.map((p) => ({ ...p, message: stripFallback(p.message) })) } : {}),
        // A refused upload lists its first problems only; the count says how many there are in all.
        ...('problemCount' in error && typeof error.problemCount === 'number' ? { errorCount: error.problemCount } : {}),
      }),
    );
}

/** Sends an error as problem+json on machine paths and as an accessible page elsewhere. */
export function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply, pageContext: PageContextFactory): FastifyReply {
  if (isMachinePath(request.url) || !request.headers.accept?.includes('text/html')) return sendProblem(error, request, reply);
  if ('retryAfterSeconds' in error) reply.header('retry-after', String(error.retryAfterSeconds));
  const ctx = pageContext(request, reply);
  const page = h(Layout, { ctx, title: ctx.t(`${error.messageKey}.title`) }, [
    h('p', null, ctx.t(`${error.messageKey}.body`)),
    h('p', null, h('a', { href: '/' }, ctx.t('error.backHome'))),
    h('p', { class: 'hint' }, ctx.t('error.reference', { id: request.id })),
  ]);
  return sendPage(reply, page, error.status);
}
