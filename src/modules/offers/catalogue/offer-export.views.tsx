import type { PageContext } from '../../../platform/web/context.ts';
import { EXPORT_PATHS } from './catalogue.paths.ts';

/** Links to the four open data exports, shown on the comparison and compliance pages. */
export function ExportLinks({ ctx, licence }: { ctx: PageContext; licence?: { name: string; url: string } }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">{t('offers.export.title')}</h2>
      <p>
        {t('offers.export.intro')}
        {licence ? (
          <>
            {' '}
            {t('offers.export.licence')}{' '}
            <a href={licence.url} rel="license" dir="auto">
              {licence.name}
            </a>
          </>
        ) : null}
      </p>
      <ul>
        <li>
          {t('offers.export.current')} <a href={EXPORT_PATHS.currentCsv}>{t('offers.export.csv')}</a> ·{' '}
          <a href={EXPORT_PATHS.currentJson}>{t('offers.export.json')}</a>
        </li>
        <li>
          {t('offers.export.history')} <a href={EXPORT_PATHS.historyCsv}>{t('offers.export.csv')}</a> ·{' '}
          <a href={EXPORT_PATHS.historyJson}>{t('offers.export.json')}</a>
        </li>
      </ul>
    </section>
  );
}
