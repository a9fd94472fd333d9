import { Layout } from '../../../platform/web/layout.tsx';
import { Form, ProblemBox, SubmitButton, TableRegion } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { markFallback } from '../../../platform/i18n/index.ts';
import type { ImportReport } from './offer.service.ts';
import { isFileProblem, sayFileProblem, type FileProblem } from './file-messages.ts';
import { UPLOAD_PATH } from './catalogue.paths.ts';

/** The most problems one page lists; the count says how many there were in all. */
const SHOWN_PROBLEMS = 1000;

/** What the upload page shows. */
export interface UploadPageProps {
  ctx: PageContext;
  /** The operators regulator staff choose from; null for an operator agent, who uploads for their own. */
  operators: { id: string; name: string }[] | null;
  /** The operator an operator agent acts for. */
  ownOperator: string | null;
  values: { operator: string; isLenient: boolean };
  /** Problems of the form itself (no file, no operator chosen). */
  formProblems: FieldProblem[];
  /** Every problem of a rejected file; those with a message key are said in the page's language. */
  fileProblems: readonly (FieldProblem | FileProblem)[];
  report: ImportReport | null;
}

/** The column of a problem: the CSV column, or the last part of a JSON pointer. */
function columnOf(field: string): string {
  return field.startsWith('/') ? (field.split('/').at(-1) ?? field) : field;
}

/**
 * A file problem in the page's language, or in English when the importer gave no key: marked as a
 * message that fell back, so the page marks it as English and says that part of it is.
 */
function ProblemText({ ctx, problem }: { ctx: PageContext; problem: FieldProblem | FileProblem }) {
  if (isFileProblem(problem)) return <>{sayFileProblem(ctx.t, problem.key, problem.values)}</>;
  return <>{ctx.language === 'en' ? problem.message : markFallback(problem.message, ctx.language)}</>;
}

/** The operator portal's upload form, with the report of an accepted file or every problem of a rejected one. */
export function UploadPage(props: UploadPageProps) {
  const { ctx, operators, values, formProblems, fileProblems, report } = props;
  const { t, format } = ctx;
  const problemFor = (field: string) => formProblems.find((p) => p.field === field);
  const fileProblem = problemFor('file');
  const operatorProblem = problemFor('operator');
  return (
    <Layout ctx={ctx} title={t('offers.upload.title')}>
      <p class="lead">{t('offers.upload.intro')}</p>
      {formProblems.length > 0 ? (
        <ProblemBox title={t('form.errorSummaryTitle', { count: formProblems.length })}>
          <ul>
            {formProblems.map((p) => (
              <li key={p.field}>
                <a href={`#field-${p.field}`}>{p.message}</a>
              </li>
            ))}
          </ul>
        </ProblemBox>
      ) : null}
      {fileProblems.length > 0 ? (
        <ProblemBox title={t('offers.upload.rejectedTitle', { count: fileProblems.length })}>
          <p>{t('offers.upload.rejectedIntro')}</p>
          <TableRegion>
            <table>
              <caption class="visually-hidden">{t('offers.upload.problemsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('offers.upload.line')}</th>
                  <th scope="col">{t('offers.upload.column')}</th>
                  <th scope="col">{t('offers.upload.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {fileProblems.slice(0, SHOWN_PROBLEMS).map((p, index) => (
                  <tr key={index}>
                    <td>{p.line === undefined ? '–' : format.number(p.line)}</td>
                    <td>
                      <code dir="ltr">{columnOf(p.field)}</code>
                    </td>
                    <td>
                      <ProblemText ctx={ctx} problem={p} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {fileProblems.length > SHOWN_PROBLEMS ? <p>{t('offers.upload.moreProblems', { count: fileProblems.length - SHOWN_PROBLEMS })}</p> : null}
        </ProblemBox>
      ) : null}
      {report ? <UploadReport ctx={ctx} report={report} /> : null}
      <Form ctx={ctx} action={UPLOAD_PATH} label={t('offers.upload.formLabel')} enctype="multipart/form-data">
        {operators ? (
          <div class={operatorProblem ? 'field field-error' : 'field'}>
            <label for="field-operator">{t('offers.upload.operator')}</label>
            {operatorProblem ? (
              <p class="error-message" id="field-operator-error">
                {operatorProblem.message}
              </p>
            ) : null}
            <select
              id="field-operator"
              name="operator"
              aria-invalid={operatorProblem ? 'true' : undefined}
              aria-describedby={operatorProblem ? 'field-operator-error' : undefined}
            >
              <option value="">{t('offers.upload.operatorChoose')}</option>
              {operators.map((o) => (
                <option key={o.id} value={o.id} selected={values.operator === o.id}>
                  {t('offers.nameWithId', { name: o.name, id: o.id })}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>{t('offers.upload.ownOperator', { operator: props.ownOperator ?? '' })}</p>
        )}
        <div class={fileProblem ? 'field field-error' : 'field'}>
          <label for="field-file">{t('offers.upload.file')}</label>
          <p class="hint" id="field-file-hint">
            {t('offers.upload.fileHint')}
          </p>
          {fileProblem ? (
            <p class="error-message" id="field-file-error">
              {fileProblem.message}
            </p>
          ) : null}
          <input
            id="field-file"
            name="file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-invalid={fileProblem ? 'true' : undefined}
            aria-describedby={fileProblem ? 'field-file-hint field-file-error' : 'field-file-hint'}
          />
        </div>
        <div class="field">
          <input type="checkbox" id="field-lenient" name="lenient" value="1" checked={values.isLenient} aria-describedby="field-lenient-hint" />{' '}
          <label for="field-lenient">{t('offers.upload.lenient')}</label>
          <p class="hint" id="field-lenient-hint">
            {t('offers.upload.lenientHint')}
          </p>
        </div>
        <SubmitButton>{t('offers.upload.submit')}</SubmitButton>
      </Form>
      <p>
        <a href="/staff">{t('offers.upload.back')}</a>
      </p>
    </Layout>
  );
}

function UploadReport({ ctx, report }: { ctx: PageContext; report: ImportReport }) {
  const { t, format } = ctx;
  return (
    <section class="notice" role="status" aria-labelledby="report-title">
      <h2 id="report-title">{t('offers.upload.acceptedTitle')}</h2>
      <dl>
        <dt>{t('offers.upload.rows')}</dt>
        <dd>{format.number(report.rows)}</dd>
        <dt>{t('offers.upload.newPlans')}</dt>
        <dd>{format.number(report.newPlans)}</dd>
        <dt>{t('offers.upload.newVersions')}</dt>
        <dd>{format.number(report.newVersions)}</dd>
        <dt>{t('offers.upload.confirmed')}</dt>
        <dd>{format.number(report.confirmed)}</dd>
        <dt>{t('offers.upload.importId')}</dt>
        <dd>
          <code dir="ltr">{report.importId}</code>
        </dd>
      </dl>
      {report.warnings.length > 0 ? (
        <>
          <h3>{t('offers.upload.warningsTitle', { count: report.warnings.length })}</h3>
          <ul>
            {report.warnings.map((w, index) => (
              <li key={index}>
                {t('offers.upload.warningAt', { line: w.line ?? '–', column: columnOf(w.field) })} <ProblemText ctx={ctx} problem={w} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
