import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { markFallbackInHtml } from './fallback-html.ts';

// The notice the layout renders on every page not in English; it stays only where text fell back.
const FALLBACK_NOTICE = /<p class="fallback-notice" role="note">[^<]*<\/p>/;

/**
 * Renders a page element (a {@link Layout}) as an HTML document and sends it. Text that fell back
 * to English is marked with its language, and the page keeps the layout's notice that says so
 * only when something did fall back.
 */
export function sendPage<P>(reply: FastifyReply, page: VNode<P>, status = 200): FastifyReply {
  return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(page));
}

/** Renders a page element as an HTML document, fallback text marked (see {@link sendPage}). */
function renderPage<P>(page: VNode<P>): string {
  const rendered = `<!doctype html>${renderToString(page)}`;
  const direction = /^<!doctype html><html[^>]* dir="rtl"/.test(rendered) ? 'rtl' : 'ltr';
  const { html, hasFallback } = markFallbackInHtml(rendered, direction);
  return hasFallback ? html : html.replace(FALLBACK_NOTICE, '');
}
