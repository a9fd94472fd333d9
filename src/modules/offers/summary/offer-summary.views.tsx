import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { ContractSummary } from './offer-summary.ts';

/** The paths of an offer's contract summary. */
export const summaryPath = (planId: string) => `/offers/${encodeURIComponent(planId)}/summary`;
/** The PDF of an offer's contract summary. */
export const summaryPdfPath = (planId: string) => `/offers/${encodeURIComponent(planId)}/summary.pdf`;

/** The printable contract summary of one offer version. */
export function SummaryPage({ ctx, summary, planId, onDate }: { ctx: PageContext; summary: ContractSummary; planId: string; onDate: string }) {
  const { t } = ctx;
  const query = `on=${onDate}&lang=${ctx.language}`;
  return (
    <Layout ctx={ctx} title={summary.title}>
      {/* A body-ok stylesheet link: the layout's head is shared, and the CSP allows no inline style. */}
      <link rel="stylesheet" href="/assets/offers/offer-summary.css" />
      <p class="lead">{summary.versionLine}</p>
      <p class="hint">{summary.notice}</p>
      <ul class="summary-actions">
        <li>
          <a href={`${summaryPdfPath(planId)}?${query}`} type="application/pdf">
            {t('offers.summary.pdfLink')}
          </a>
        </li>
        <li>
          <a href={`/offers/${encodeURIComponent(planId)}?${query}`}>{t('offers.summary.backToOffer')}</a>
        </li>
      </ul>
      {summary.sections.map((section) => (
        <section key={section.id} class="summary-section" aria-labelledby={`summary-${section.id}`}>
          <h2 id={`summary-${section.id}`}>{section.heading}</h2>
          <p class="hint summary-version">{summary.versionLine}</p>
          <dl class="contract-summary">
            {section.rows.map((row) => (
              <div key={row.label} class="summary-row">
                <dt>{row.label}</dt>
                <dd>
                  {row.url ? (
                    <a href={row.url} dir="ltr">
                      {row.value}
                    </a>
                  ) : row.isOperatorText ? (
                    <span dir="auto">{row.value}</span>
                  ) : (
                    row.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p class="hint">{t('offers.compare.fictional')}</p>
    </Layout>
  );
}
