import { Layout } from '../../platform/web/layout.tsx';
import type { PageContext } from '../../platform/web/context.ts';
import type { ComplianceFinding, ComplianceFindingKind } from './compliance.ts';
import type { ComplianceReport } from './offer-reporting.service.ts';
import { ExportLinks } from './offer-export.views.tsx';
import { TableRegion } from '../../platform/web/components.tsx';

const KINDS: readonly ComplianceFindingKind[] = ['missing_fields', 'intro_without_duration', 'promotion_without_end', 'missing_policy_links'];

function FindingItem({ ctx, finding }: { ctx: PageContext; finding: ComplianceFinding }) {
  const { t } = ctx;
  return (
    <li>
      <a href={`/offers/${encodeURIComponent(finding.planId)}?lang=${ctx.language}`}>
        <span dir="auto">{finding.planName}</span> (<code dir="ltr">{finding.planId}</code>)
      </a>
      : {t(`offers.compliance.kind.${finding.kind}`)}{' '}
      {finding.columns.map((column, index) => (
        <span key={column}>
          {index > 0 ? ', ' : ''}
          <code dir="ltr">{column}</code>
        </span>
      ))}
      {finding.isStale ? ` · ${t('offers.compliance.staleMark')}` : ''}
    </li>
  );
}

/** The regulator's view of every operator's offers: counts, stale offers and what labels lack, each finding linked to its offer. */
export function CompliancePage({ ctx, report, licence }: { ctx: PageContext; report: ComplianceReport; licence: { name: string; url: string } }) {
  const { t, format } = ctx;
  const count = (findings: readonly ComplianceFinding[], kind: ComplianceFindingKind) => findings.filter((f) => f.kind === kind).length;
  return (
    <Layout ctx={ctx} title={t('offers.compliance.title')}>
      <p class="lead">{t('offers.compliance.intro', { date: format.date(`${report.onDate}T12:00:00Z`), days: report.freshnessDays })}</p>
      <p>
        {t('offers.compliance.mandatory')}{' '}
        {report.mandatoryFields.map((column, index) => (
          <span key={column}>
            {index > 0 ? ', ' : ''}
            <code dir="ltr">{column}</code>
          </span>
        ))}
      </p>
      {report.operatorsWithoutCurrentOffers.length > 0 ? (
        <p class="notice">
          {t('offers.compliance.withoutOffers', { count: report.operatorsWithoutCurrentOffers.length })}{' '}
          {report.operatorsWithoutCurrentOffers.map((o, index) => (
            <span key={o.id}>
              {index > 0 ? ', ' : ''}
              <span dir="auto">{o.name}</span> (<code dir="ltr">{o.id}</code>)
            </span>
          ))}
        </p>
      ) : null}
      <TableRegion><table>
        <caption>{t('offers.compliance.summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('offers.compliance.col.operator')}</th>
            <th scope="col">{t('offers.compliance.col.current')}</th>
            <th scope="col">{t('offers.compliance.col.stale')}</th>
            {KINDS.map((kind) => (
              <th key={kind} scope="col">
                {t(`offers.compliance.col.${kind}`)}
              </th>
            ))}
            <th scope="col">{t('offers.compliance.col.operator_finding')}</th>
          </tr>
        </thead>
        <tbody>
          {report.operators.map((operator) => (
            <tr key={operator.operatorId}>
              <th scope="row">
                <a href={`#operator-${operator.operatorId}`} dir="auto">
                  {operator.operatorName}
                </a>
              </th>
              <td>{format.number(operator.currentOffers)}</td>
              <td>{format.number(operator.staleOffers)}</td>
              {KINDS.map((kind) => (
                <td key={kind}>{format.number(count(operator.findings, kind))}</td>
              ))}
              <td>{operator.operatorFinding ? t(`offers.compliance.operatorShort.${operator.operatorFinding}`) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table></TableRegion>
      {report.operators.map((operator) => (
        <section key={operator.operatorId} aria-labelledby={`operator-${operator.operatorId}`}>
          <h2 id={`operator-${operator.operatorId}`}>
            <span dir="auto">{operator.operatorName}</span> (<code dir="ltr">{operator.operatorId}</code>)
          </h2>
          <p>{t('offers.compliance.counts', { current: operator.currentOffers, stale: operator.staleOffers })}</p>
          {operator.operatorFinding ? (
            <p class="notice">{t(`offers.compliance.operatorKind.${operator.operatorFinding}`, { count: operator.staleOffers, days: report.freshnessDays })}</p>
          ) : null}
          {operator.findings.length > 0 ? (
            <ul>
              {operator.findings.map((finding) => (
                <FindingItem key={`${finding.planId}-${finding.kind}`} ctx={ctx} finding={finding} />
              ))}
            </ul>
          ) : operator.operatorFinding ? null : (
            <p>{t('offers.compliance.noFindings')}</p>
          )}
        </section>
      ))}
      <ExportLinks ctx={ctx} licence={licence} />
    </Layout>
  );
}
