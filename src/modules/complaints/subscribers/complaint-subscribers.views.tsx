import { BackLink, ErrorSummary, Form, SubmitButton, TableRegion, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { STATISTICS_PATH } from '../statistics/statistics.paths.ts';
import type { QuarterGrid } from './complaint-subscribers.service.ts';
import { figureKey } from './complaint-subscribers.ts';
import { SUBSCRIBERS_PATH } from './subscribers.paths.ts';

/** The form field of one operator's service, as the page names it and the error summary links to it. */
export const figureField = (operatorId: string, service: string) => `figures.${operatorId}.${service}`;

/** Props of {@link SubscribersPage}. */
export interface SubscribersPageProps {
  ctx: PageContext;
  /** The quarter chosen, or null when the one asked for is not a quarter. */
  grid: QuarterGrid | null;
  /** The quarter's field and the figures as typed, with their problems. */
  form: FormState;
  isSaved?: boolean;
}

/**
 * Subscriber numbers of a quarter: one whole number per operator and service, blank for "no
 * figure". They are the denominators of the complaint rates the statistics page publishes.
 */
export function SubscribersPage({ ctx, grid, form, isSaved = false }: SubscribersPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaints.subscribers.title')}>
      <p>{t('complaints.subscribers.intro')}</p>
      {isSaved && grid ? (
        <div class="notice" role="status">
          <p>{t('complaints.subscribers.saved', { quarter: grid.quarter })}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form method="get" action={SUBSCRIBERS_PATH} aria-label={t('complaints.subscribers.chooseQuarter')}>
        <input type="hidden" name="lang" value={ctx.language} />
        {/* Left to right also on right-to-left pages, so that 2026-Q3 reads as written. */}
        <TextField
          form={form}
          name="quarter"
          label={t('complaints.subscribers.quarter')}
          hint={t('complaints.subscribers.quarterHint')}
          autocomplete="off"
          dir="ltr"
          isRequired
        />
        <button type="submit" class="button button-secondary">
          {t('complaints.subscribers.show')}
        </button>
      </form>
      {grid ? <FiguresForm ctx={ctx} grid={grid} form={form} /> : null}
      <p>
        <a href={STATISTICS_PATH}>{t('complaints.subscribers.statisticsLink')}</a>
      </p>
      <BackLink href="/staff" label={t('complaints.subscribers.back')} />
    </Layout>
  );
}

function FiguresForm({ ctx, grid, form }: { ctx: PageContext; grid: QuarterGrid; form: FormState }) {
  const { t } = ctx;
  const serviceName = (service: string) => t(`complaints.service.${service}`);
  if (grid.operators.length === 0) return <p>{t('complaints.subscribers.noOperators')}</p>;
  return (
    <Form ctx={ctx} action={SUBSCRIBERS_PATH} label={t('complaints.subscribers.formLabel', { quarter: grid.quarter })}>
      <input type="hidden" name="quarter" value={grid.quarter} />
      <p class="hint">{t('complaints.subscribers.blankHint')}</p>
      <TableRegion>
        <table>
          <caption>{t('complaints.subscribers.caption', { quarter: grid.quarter })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaints.subscribers.operator')}</th>
              {grid.services.map((s) => (
                <th scope="col" key={s}>
                  {serviceName(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.operators.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.name}</th>
                {grid.services.map((s) => {
                  const name = figureField(o.id, s);
                  const id = `field-${name}`;
                  const problem = form.problems.find((p) => p.field === name);
                  const stored = grid.figures.get(figureKey(o.id, s));
                  const value = form.values[name] ?? (stored === undefined ? '' : String(stored));
                  return (
                    <td key={s}>
                      <div class={problem ? 'field field-error' : 'field'}>
                        <label class="visually-hidden" for={id}>
                          {t('complaints.subscribers.cellLabel', { operator: o.name, service: serviceName(s), quarter: grid.quarter })}
                        </label>
                        {problem ? (
                          <p class="error-message" id={`${id}-error`}>
                            {problem.message}
                          </p>
                        ) : null}
                        <input
                          id={id}
                          name={name}
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          size={12}
                          value={value}
                          aria-invalid={problem ? 'true' : undefined}
                          aria-describedby={problem ? `${id}-error` : undefined}
                        />
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <SubmitButton>{t('complaints.subscribers.save', { quarter: grid.quarter })}</SubmitButton>
    </Form>
  );
}
