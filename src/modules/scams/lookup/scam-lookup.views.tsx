import { RelatedGuide } from '../../learn/index.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, Form, SubmitButton, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { LookupAnswer } from './scam-lookup.service.ts';
import { LOOKUP_PATHS } from './scam-lookup.paths.ts';

/** The appeal's first page, linked from a confirmed number. */
const APPEAL_PATH = '/scams/appeal';

/**
 * "Is this number or link a scam?": a form posted (so that the value never enters an address the
 * page builds) and, once sent, the one status in plain words with the count of reports.
 */
export function LookupPage({ ctx, form, answer }: { ctx: PageContext; form: FormState; answer: LookupAnswer | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.lookup.title')}>
      <p class="lead">{t('scams.lookup.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={LOOKUP_PATHS.page} label={t('scams.lookup.formLabel')}>
        <TextField form={form} name="value" label={t('scams.lookup.label')} hint={t('scams.lookup.hint')} autocomplete="off" dir="ltr" isRequired />
        <SubmitButton>{t('scams.lookup.submit')}</SubmitButton>
      </Form>
      <p class="hint">{t('scams.lookup.privacy')}</p>
      {answer ? <LookupResult ctx={ctx} answer={answer} /> : null}
      <RelatedGuide ctx={ctx} topic="scams" />
    </Layout>
  );
}

function LookupResult({ ctx, answer }: { ctx: PageContext; answer: LookupAnswer }) {
  const { t, format } = ctx;
  const date = answer.since ? format.date(new Date(answer.since)) : '';
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{t('scams.lookup.resultTitle')}</h2>
      <p>
        {t(`scams.kind.${answer.kind}`)}: <strong dir="ltr">{answer.shown}</strong>
      </p>
      <div class="notice" role="status">
        <h3>{t(`scams.lookup.status.${answer.status}.title`, { date })}</h3>
        <p>{t(`scams.lookup.status.${answer.status}.body`, { date })}</p>
      </div>
      {answer.status === 'noReports' ? null : (
        <p>
          {answer.reports === null
            ? t('scams.lookup.reportsFewer', { count: answer.fewerThan ?? 0 })
            : t('scams.lookup.reportsCount', { count: answer.reports })}
        </p>
      )}
      <p>{t('scams.lookup.advice')}</p>
      {answer.kind === 'number' && answer.status === 'confirmed' ? (
        <p>
          {t('scams.lookup.appealIntro')} <a href={APPEAL_PATH}>{t('scams.lookup.appealLink')}</a>
        </p>
      ) : null}
    </section>
  );
}
