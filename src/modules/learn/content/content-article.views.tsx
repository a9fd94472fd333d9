import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/web/layout.tsx';
import { textDirection } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { OUTSIDE_LINK_NOTE_ID, cleanStoredHtml } from './markdown.ts';
import type { PublishedText, TextVariant } from './content.service.ts';
import { languageNameIn } from '../shared/language-names.ts';

/** The style sheet of every page that shows content (outside-link marks, aligned cells, the fallback notice). */
export const CONTENT_STYLESHEET = '/assets/learn/content.css';

/** The `lang` and `dir` of a published text, for the page's `h1` (see `Layout`'s `titleLanguage`). */
export function titleLanguageOf(text: Pick<PublishedText, 'language'>): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: text.language, dir: textDirection(text.language) };
}

/** A date written `YYYY-MM-DD`, in the reader's language; read at noon so that no time zone moves it to another day. */
function formatDay(ctx: PageContext, day: string): string {
  return ctx.format.date(`${day}T12:00:00Z`);
}

/** Props of {@link ContentArticle}. */
export interface ContentArticleProps {
  ctx: PageContext;
  text: PublishedText;
  /** The site's address (`config.publicUrl`): the body is cleaned again against it. */
  siteUrl: string;
  /** Where the other variant of this text opens, when the page offers it. */
  variantHref?: (variant: TextVariant) => string;
}

/**
 * A published text as every public page shows it (below the page's `h1`, which is its title):
 * a notice when it is in another language than the reader's, its summary, body and facts in its
 * own language and direction, a link to the easy-read version (or back), and the hidden note that
 * outside links point to.
 */
export function ContentArticle({ ctx, text, siteUrl, variantHref }: ContentArticleProps) {
  const { t } = ctx;
  const lang = titleLanguageOf(text);
  const other: TextVariant = text.variant === 'easy' ? 'standard' : 'easy';
  const hasOther = variantHref !== undefined && text.variants.includes(other);
  return (
    <>
      <link rel="stylesheet" href={CONTENT_STYLESHEET} />
      {text.isFallback ? (
        <p class="notice content-language-notice" role="note">
          {t('learn.content.article.fallback', {
            requested: languageNameIn(ctx.language, text.requestedLanguage),
            shown: languageNameIn(ctx.language, text.language),
          })}
        </p>
      ) : null}
      {hasOther ? (
        <p class="content-variant-link">
          <a href={variantHref(other)}>{t(other === 'easy' ? 'learn.content.article.easyLink' : 'learn.content.article.standardLink')}</a>
        </p>
      ) : null}
      <article class="content-article" lang={lang.lang} dir={lang.dir}>
        {text.summary === '' ? null : <p class="lead">{text.summary}</p>}
        {/* Cleaned when published and again here, so a row altered in the database still cannot carry script. */}
        <div class="content-body" dangerouslySetInnerHTML={{ __html: cleanStoredHtml(text.html, { siteUrl }) }} />
      </article>
      <dl class="content-facts">
        {text.lastReviewed ? (
          <>
            <dt>{t('learn.content.article.lastReviewed')}</dt>
            <dd>
              <time dateTime={text.lastReviewed}>{formatDay(ctx, text.lastReviewed)}</time>
            </dd>
          </>
        ) : null}
        {text.legalBasis === '' ? null : (
          <>
            <dt>{t('learn.content.article.legalBasis')}</dt>
            <dd lang={lang.lang} dir={lang.dir}>
              {text.legalBasis}
            </dd>
          </>
        )}
      </dl>
      <p id={OUTSIDE_LINK_NOTE_ID} hidden>
        {t('learn.content.article.outsideLink')}
      </p>
    </>
  );
}

/** A whole public page of one published text: the layout with the text's title as its `h1`, the article, then `children`. */
export function ContentArticlePage(props: ContentArticleProps & { children?: ComponentChildren }) {
  return (
    <Layout ctx={props.ctx} title={props.text.title} titleLanguage={props.text.language === props.ctx.language ? undefined : titleLanguageOf(props.text)}>
      <ContentArticle ctx={props.ctx} text={props.text} siteUrl={props.siteUrl} variantHref={props.variantHref} />
      {props.children}
    </Layout>
  );
}
