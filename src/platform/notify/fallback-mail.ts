import { FALLBACK_LANGUAGE, fallbackHostOf, hasFallback, splitFallback, stripFallback, type Catalogs } from '../i18n/index.ts';
import { markFallbackInHtml } from '../web/fallback-html.ts';
import type { MailMessage } from './mailer.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * An e-mail whose text partly fell back to English, as the reader gets it: the notice in the
 * message's language first, the marks removed from the plain text and the subject, an html
 * alternative where the English text carries its own `lang`, and a `Content-Language` that names
 * both languages. A message with nothing in English is returned as it is.
 */
export function presentFallbackMail(message: MailMessage, catalogs: Pick<Catalogs, 'translator' | 'direction'>): MailMessage {
  const parts = [message.subject, message.text, message.html ?? ''];
  const host = parts.map(fallbackHostOf).find((l) => l !== undefined);
  if (!host || !parts.some(hasFallback)) return { ...message, subject: stripFallback(message.subject), text: stripFallback(message.text) };
  const notice = stripFallback(catalogs.translator(host)('layout.fallbackNoticeMail'));
  const direction = catalogs.direction(host);
  const span = direction === 'rtl' ? `<span lang="${FALLBACK_LANGUAGE}" dir="ltr">` : `<span lang="${FALLBACK_LANGUAGE}">`;
  const body = splitFallback(message.text)
    .map((s) => (s.isFallback ? `${span}${escapeHtml(s.text)}</span>` : escapeHtml(s.text)))
    .join('');
  const html =
    message.html === undefined
      ? `<!doctype html><html lang="${host}" dir="${direction}"><head><meta charset="utf-8"><title>${escapeHtml(stripFallback(message.subject))}</title></head>` +
        `<body><p>${escapeHtml(notice)}</p><div style="white-space: pre-wrap">${body}</div></body></html>`
      : markFallbackInHtml(message.html, direction).html.replace(/<body[^>]*>/, (tag) => `${tag}<p>${escapeHtml(notice)}</p>`);
  return {
    to: message.to,
    subject: stripFallback(message.subject),
    text: `${notice}\n\n${stripFallback(message.text)}`,
    html,
    contentLanguage: `${host}, ${FALLBACK_LANGUAGE}`,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
}
