import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.ts';
import { LinkButtonForm } from './components.tsx';
import { FALLBACK_LANGUAGE } from '../i18n/index.ts';
import { formatOpeningHours } from '../i18n/opening-hours.ts';

/**
 * One element a page adds to the head: machine-readable metadata (`<meta name>`) or a link
 * (`<link rel>`). Data rather than markup, so no page can put a script or a style in every head.
 */
export type HeadElement =
  { kind: 'meta'; name: string; content: string; lang?: string } | { kind: 'link'; rel: string; href: string; hrefLang?: string; type?: string };

/** Props of {@link Layout}. */
export interface LayoutProps {
  ctx: PageContext;
  /** The page's own title; it is also its only `<h1>`. */
  title: string;
  /** The language and direction of the title when it is not the page's: a text shown in another language. */
  titleLanguage?: { lang: string; dir: 'ltr' | 'rtl' };
  /** Metadata for machines (Dublin Core, alternates), written after the shell's own head elements. */
  head?: readonly HeadElement[];
  children?: ComponentChildren;
}

/**
 * The one frame of every page: language and direction, skip link, site name, navigation,
 * language switcher, one `<main>` with one `<h1>`, and the help contacts in the footer.
 */
export function Layout({ ctx, title, titleLanguage, head, children }: LayoutProps) {
  const { t, jurisdiction } = ctx;
  const siteName = t('layout.siteName', { authority: jurisdiction.authority.shortName });
  return (
    <html lang={ctx.language} dir={ctx.direction}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${siteName}`}</title>
        <link rel="stylesheet" href="/assets/kinga.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {head?.map((element) =>
          element.kind === 'meta' ? (
            <meta name={element.name} content={element.content} lang={element.lang} />
          ) : (
            <link rel={element.rel} href={element.href} hrefLang={element.hrefLang} type={element.type} />
          ),
        )}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          {/* Inside the banner landmark, so screen-reader users moving by landmarks do not miss it. */}
          {jurisdiction.isDemo ? (
            <p class="demo-banner" role="note">
              {t('layout.demoNotice')}
            </p>
          ) : null}
          <div class="wrap header-row">
            {/* dir="auto": the name is Latin in most languages, so an Arabic page must not flip "Kinga · DCA". */}
            <a class="site-name" href="/" dir="auto">
              {siteName}
            </a>
            <LanguageSwitcher ctx={ctx} />
          </div>
          <nav class="wrap site-nav" aria-label={t('layout.mainNavigation')}>
            <ul>
              {ctx.nav.map((item) => {
                const isCurrent = item.href === '/' ? ctx.path === '/' : ctx.path.startsWith(item.href);
                return (
                  <li key={item.href}>
                    <a href={item.href} aria-current={isCurrent ? 'page' : undefined}>
                      {t(item.labelKey)}
                    </a>
                  </li>
                );
              })}
              {ctx.viewer ? (
                <li class="nav-account">
                  <LinkButtonForm ctx={ctx} action="/staff/sign-out">
                    {t('nav.signOut', { name: ctx.viewer.displayName })}
                  </LinkButtonForm>
                </li>
              ) : (
                <li class="nav-account">
                  <a href="/staff/sign-in" aria-current={ctx.path.startsWith('/staff/sign-in') ? 'page' : undefined}>
                    {t('nav.staffSignIn')}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          <h1 lang={titleLanguage?.lang} dir={titleLanguage?.dir}>
            {title}
          </h1>
          {/* Kept by sendPage only when some text of the page fell back to English. */}
          {ctx.language === FALLBACK_LANGUAGE ? null : (
            <p class="fallback-notice" role="note">
              {t('layout.fallbackNotice')}
            </p>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <h2 class="footer-title">{t('layout.helpTitle')}</h2>
            <ul class="contacts">
              <li>
                {t('layout.helpPhone')}{' '}
                <a href={`tel:${jurisdiction.contacts.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">
                  {jurisdiction.contacts.phone}
                </a>
              </li>
              {jurisdiction.contacts.tollFree ? (
                <li>
                  {t('layout.helpTollFree')}{' '}
                  <a href={`tel:${jurisdiction.contacts.tollFree.replace(/[^+0-9]/g, '')}`} dir="ltr">
                    {jurisdiction.contacts.tollFree}
                  </a>
                </li>
              ) : null}
              <li>
                {t('layout.helpEmail')}{' '}
                <a href={`mailto:${jurisdiction.contacts.email}`} dir="ltr">
                  {jurisdiction.contacts.email}
                </a>
              </li>
              {jurisdiction.contacts.openingHours ? (
                <li>{t('layout.helpHours', { hours: formatOpeningHours(jurisdiction.contacts.openingHours, ctx.language) })}</li>
              ) : null}
            </ul>
            <p class="footer-meta">
              {t('layout.footerAuthority', { authority: jurisdiction.authority.name })} · <a href="/api/docs">{t('layout.apiDocs')}</a>
              {(ctx.footerLinks ?? []).map((link) => (
                <span key={link.href}>
                  {' · '}
                  <a href={link.href}>{t(link.labelKey)}</a>
                </span>
              ))}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Links to the same page in every offered language; each sets the language cookie. */
function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <nav class="language-switcher" aria-label={t('lang.choose')}>
      <ul>
        {ctx.jurisdiction.languages
          .filter((l) => ctx.catalogs.languages.includes(l))
          .map((language) => {
            const name = ctx.catalogs.translator(language)('meta.languageName');
            return (
              <li key={language}>
                <a
                  href={`${ctx.path}?${ctx.query ? `${ctx.query}&` : ''}lang=${language}`}
                  lang={language}
                  hrefLang={language}
                  dir={ctx.catalogs.direction(language)}
                  aria-current={language === ctx.language ? 'true' : undefined}
                >
                  {name}
                </a>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
