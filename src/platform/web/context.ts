import type { Catalogs, Formatter, Translate } from '../i18n/index.ts';
import type { Jurisdiction, Language } from '../jurisdiction.ts';

/** A link in the main navigation, contributed by the platform or a module. */
export interface NavItem {
  href: string;
  labelKey: string;
}

/** The signed-in person as pages show them; no more than a page needs. */
export interface Viewer {
  displayName: string;
  roleKey: string;
}

/** What every page needs to render: language, translation, formatting and the shell's data. */
export interface PageContext {
  language: Language;
  direction: 'ltr' | 'rtl';
  t: Translate;
  format: Formatter;
  jurisdiction: Jurisdiction;
  catalogs: Catalogs;
  nav: readonly NavItem[];
  /** Links the modules add to every page's footer (what we keep and why). */
  footerLinks?: readonly NavItem[];
  /** The request path without the query, for the language switcher and the current nav item. */
  path: string;
  /** The query without `lang`, so switching language keeps what the page shows (a search, a result). */
  query: string;
  /** The anti-forgery token for forms on this page. */
  csrfToken: string;
  viewer: Viewer | null;
}
