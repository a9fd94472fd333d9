import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, FileField, Form, RadioGroup, SelectField, SubmitButton, TableRegion, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { DumpCheck, DumpReport } from './dump-checks.ts';
import { isDumpProblem } from './dump-messages.ts';
import type { DumpImportView, ListUploadView } from './operator-dumps.presenter.ts';
import { DEVICE_LISTS } from './list-import.service.ts';
import type { DeviceListName } from './reference-lists.ts';
import { OPERATOR_DATA_PATHS } from './operator-dumps.paths.ts';

/** What the last upload on the page led to. */
export type DumpOutcomeView =
  | { kind: 'imported'; rows: number; kept: number; fileName: string }
  | { kind: 'duplicate'; fileName: string; acceptedAt: string }
  | { kind: 'rejected'; report: DumpReport };

/**
 * The operator portal's dump page: the upload form (an operator agent uploads for their own
 * operator; regulator staff choose one), the outcome of the last upload with each check, and the
 * imports accepted so far.
 */
export function DumpsPage(props: {
  ctx: PageContext;
  form: FormState;
  operators: readonly { id: string; name: string }[] | null;
  imports: readonly DumpImportView[];
  outcome: DumpOutcomeView | null;
}) {
  const { ctx, form, operators, imports, outcome } = props;
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.dumps.title')}>
      <p class="lead">{t('devices.dumps.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      {outcome ? <DumpOutcome ctx={ctx} outcome={outcome} /> : null}
      <Form ctx={ctx} action={OPERATOR_DATA_PATHS.dumps} label={t('devices.dumps.formLabel')} enctype="multipart/form-data">
        {operators ? (
          <SelectField
            form={form}
            name="operator"
            label={t('devices.dumps.operator')}
            options={operators.map((o) => ({ value: o.id, label: t('devices.dumps.operatorOption', { name: o.name, id: o.id }) }))}
            placeholder={t('devices.dumps.operatorChoose')}
            isRequired
          />
        ) : null}
        <FileField form={form} name="file" label={t('devices.dumps.file')} hint={t('devices.dumps.fileHint')} accept=".csv,.zip,text/csv,application/zip" />
        <SubmitButton>{t('devices.dumps.submit')}</SubmitButton>
      </Form>
      <h2>{t('devices.dumps.importsTitle')}</h2>
      {imports.length === 0 ? (
        <p>{t('devices.dumps.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption class="visually-hidden">{t('devices.dumps.importsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('devices.dumps.fileName')}</th>
                <th scope="col">{t('devices.dumps.operator')}</th>
                <th scope="col">{t('devices.dumps.period')}</th>
                <th scope="col">{t('devices.dumps.rows')}</th>
                <th scope="col">{t('devices.dumps.acceptedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td dir="ltr">{i.fileName}</td>
                  <td dir="ltr">{i.operatorId}</td>
                  <td>{t('devices.dumps.periodValue', { start: format.date(`${i.periodStart}T12:00:00Z`), end: format.date(`${i.periodEnd}T12:00:00Z`) })}</td>
                  <td>{format.number(i.rows)}</td>
                  <td>{format.dateTime(i.acceptedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

function DumpOutcome({ ctx, outcome }: { ctx: PageContext; outcome: DumpOutcomeView }) {
  const { t, format } = ctx;
  if (outcome.kind === 'imported') {
    return (
      <div class="notice" role="status">
        <p>{t('devices.dumps.imported', { file: outcome.fileName, rows: outcome.rows, kept: outcome.kept })}</p>
      </div>
    );
  }
  if (outcome.kind === 'duplicate') {
    return (
      <div class="notice" role="status">
        <p>{t('devices.dumps.duplicate', { file: outcome.fileName, date: format.dateTime(outcome.acceptedAt) })}</p>
      </div>
    );
  }
  const { report } = outcome;
  return (
    <section aria-labelledby="dump-report-title">
      <h2 id="dump-report-title">{t('devices.dumps.reportTitle', { file: report.fileName })}</h2>
      <TableRegion>
        <table>
          <caption class="visually-hidden">{t('devices.dumps.reportTitle', { file: report.fileName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('devices.dumps.check')}</th>
              <th scope="col">{t('devices.dumps.measured')}</th>
              <th scope="col">{t('devices.dumps.limit')}</th>
              <th scope="col">{t('devices.dumps.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.checks.map((c) => (
              <tr key={c.code}>
                <td>{t(`devices.dumps.check.${c.code}`)}</td>
                <td>{measureText(ctx, c, c.measured)}</td>
                <td>
                  {c.limit === null
                    ? ''
                    : t(c.code === 'volumeDrop' ? 'devices.dumps.atLeast' : 'devices.dumps.atMost', { value: measureText(ctx, c, c.limit) })}
                </td>
                <td>
                  <strong>{t(c.isPassed ? 'devices.dumps.passed' : 'devices.dumps.failed')}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <LineProblems ctx={ctx} problems={report.problems} />
    </section>
  );
}

/** The lines of a refused file: a translated lead naming line and field, then the detail, said from its key in the reader's language. */
function LineProblems({ ctx, problems }: { ctx: PageContext; problems: readonly FieldProblem[] }) {
  const { t } = ctx;
  if (problems.length === 0) return null;
  return (
    <>
      <h3>{t('devices.dumps.linesTitle')}</h3>
      <ul>
        {problems.map((p, index) => (
          <li key={`${p.line ?? 0}-${index}`}>
            {p.line === undefined ? t('devices.dumps.fileProblem', { field: p.field }) : t('devices.dumps.lineProblem', { line: p.line, field: p.field })}{' '}
            {isDumpProblem(p) ? (
              t(p.key, { ...p.values })
            ) : (
              <span lang="en" dir="ltr">
                {p.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function measureText(ctx: PageContext, check: DumpCheck, value: number | null): string {
  if (value === null) return '';
  if (check.unit === 'rows') return ctx.t('devices.dumps.rowCount', { count: value });
  return ctx.format.number(value, { style: 'percent', maximumFractionDigits: 2 });
}

/** What the last list upload changed. */
export interface ListOutcomeView {
  list: DeviceListName;
  mode: 'full' | 'delta';
  rows: number;
  added: number;
  removed: number;
}

/** The regulator's reference list page: the upload form, the current size of each list and the latest uploads. */
export function ListsPage(props: {
  ctx: PageContext;
  form: FormState;
  counts: ReadonlyMap<DeviceListName, number>;
  uploads: readonly ListUploadView[];
  outcome: ListOutcomeView | null;
  lineProblems: readonly FieldProblem[];
}) {
  const { ctx, form, counts, uploads, outcome, lineProblems } = props;
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.lists.title')}>
      <p class="lead">{t('devices.lists.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      {outcome ? (
        <div class="notice" role="status">
          <p>
            {t('devices.lists.applied', { list: t(`devices.lists.name.${outcome.list}`), rows: outcome.rows, added: outcome.added, removed: outcome.removed })}
          </p>
        </div>
      ) : null}
      <LineProblems ctx={ctx} problems={lineProblems} />
      <Form ctx={ctx} action={OPERATOR_DATA_PATHS.lists} label={t('devices.lists.formLabel')} enctype="multipart/form-data">
        <SelectField
          form={form}
          name="list"
          label={t('devices.lists.list')}
          options={DEVICE_LISTS.map((l) => ({ value: l, label: t(`devices.lists.name.${l}`) }))}
          placeholder={t('devices.lists.listChoose')}
          isRequired
        />
        <RadioGroup
          form={form}
          name="mode"
          legend={t('devices.lists.mode')}
          choices={[
            { value: 'full', label: t('devices.lists.mode.full'), hint: t('devices.lists.mode.fullHint') },
            { value: 'delta', label: t('devices.lists.mode.delta'), hint: t('devices.lists.mode.deltaHint') },
          ]}
          isRequired
        />
        <FileField form={form} name="file" label={t('devices.lists.file')} hint={t('devices.lists.fileHint')} accept=".csv,text/csv" />
        <SubmitButton>{t('devices.lists.submit')}</SubmitButton>
      </Form>
      <h2>{t('devices.lists.currentTitle')}</h2>
      <TableRegion>
        <table>
          <caption class="visually-hidden">{t('devices.lists.currentTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('devices.lists.list')}</th>
              <th scope="col">{t('devices.lists.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {DEVICE_LISTS.map((l) => (
              <tr key={l}>
                <td>{t(`devices.lists.name.${l}`)}</td>
                <td>{format.number(counts.get(l) ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('devices.lists.uploadsTitle')}</h2>
      {uploads.length === 0 ? (
        <p>{t('devices.lists.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption class="visually-hidden">{t('devices.lists.uploadsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('devices.lists.list')}</th>
                <th scope="col">{t('devices.lists.mode')}</th>
                <th scope="col">{t('devices.lists.rows')}</th>
                <th scope="col">{t('devices.lists.added')}</th>
                <th scope="col">{t('devices.lists.removed')}</th>
                <th scope="col">{t('devices.lists.uploadedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {uploads.map((u) => (
                <tr key={u.id}>
                  <td>{t(`devices.lists.name.${u.list}`)}</td>
                  <td>{t(`devices.lists.mode.${u.mode}`)}</td>
                  <td>{format.number(u.rows)}</td>
                  <td>{format.number(u.added)}</td>
                  <td>{format.number(u.removed)}</td>
                  <td>{format.dateTime(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}
