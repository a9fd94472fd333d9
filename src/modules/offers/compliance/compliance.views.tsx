import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { ComplianceFinding, ComplianceFindingKind } from './compliance.ts';
import type { ComplianceReport } from './compliance.service.ts';
import { ExportLinks } from '../catalogue/offer-export.views.tsx';
import { TableRegion } from '../../../platform/web/components.tsx';
import { ElementList, RichMessage } from '../shared/rich-message.tsx';

const KINDS: readonly ComplianceFindingKind[] = ['missing_fields', 'intro_without_duration', 'promotion_without_end', 'missing_policy_links'];

/** A name with its id, "Name (ID)", in the page's language's punctuation. */
function NameWithId({ ctx, name, id }: { ctx: PageContext; name: string; id: string }) {
  return <RichMessage ctx={ctx} id="offers.nameWithId" elements={{ name: <span dir="auto">{name}</span>, id: <code dir="ltr">{id}</code> }} />;
}

/** Column names of the offer file, as a list of the page's language. */
function ColumnList({ ctx, columns }: { ctx: PageContext; columns: readonly string[] }) {
  return (
    <ElementList
      language={ctx.language}
      items={columns.map((column) => (
        <code dir="ltr">{column}</code>
      ))}
    />
  );
}

function FindingItem({ ctx, finding }: { ctx: PageContext; finding: ComplianceFinding }) {
  const { t } = ctx;
  const plan = (
    <a href={`/offers/${encodeURIComponent(finding.planId)}?lang=${ctx.language}`}>
      <NameWithId ctx={ctx} name={finding.planName} id={finding.planId} />
    </a>
  );
  return (
    <li>
      <RichMessage ctx={ctx} id={`offers.compliance.kind.${finding.kind}`} elements={{ plan, columns: <ColumnList ctx={ctx} columns={finding.columns} /> }} />
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
        <RichMessage ctx={ctx} id="offers.compliance.mandatory" elements={{ fields: <ColumnList ctx={ctx} columns={report.mandatoryFields} /> }} />
      </p>
      {report.operatorsWithoutCurrentOffers.length > 0 ? (
        <p class="notice">
          <RichMessage
            ctx={ctx}
            id="offers.compliance.withoutOffers"
            values={{ count: report.operatorsWithoutCurrentOffers.length }}
            elements={{
              operators: (
                <ElementList
                  language={ctx.language}
                  items={report.operatorsWithoutCurrentOffers.map((o) => (
                    <NameWithId ctx={ctx} name={o.name} id={o.id} />
                  ))}
                />
              ),
            }}
          />
        </p>
      ) : null}
      <TableRegion>
        <table>
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
        </table>
      </TableRegion>
      {report.operators.map((operator) => (
        <section key={operator.operatorId} aria-labelledby={`operator-${operator.operatorId}`}>
          <h2 id={`operator-${operator.operatorId}`}>
            <NameWithId ctx={ctx} name={operator.operatorName} id={operator.operatorId} />
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
