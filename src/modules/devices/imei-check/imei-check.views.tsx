import { RelatedGuide } from '../../learn/index.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, QueryForm, SubmitButton, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { listValue, sayValue, type Translate } from '../../../platform/i18n/index.ts';
import type { ImeiCheckResult } from './imei-check.schemas.ts';
import { CHECK_PATH } from './imei-check.paths.ts';

type Verdict = ImeiCheckResult['verdicts']['syntax'];

/**
 * The public IMEI check: a GET form that works without JavaScript and, once an IMEI is typed,
 * the status in plain words, the device the TAC database names and each verdict on its own.
 */
export function CheckPage({ ctx, form, result }: { ctx: PageContext; form: FormState; result: ImeiCheckResult | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devices.check.title')}>
      <p class="lead">{t('devices.check.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <QueryForm ctx={ctx} action={CHECK_PATH} label={t('devices.check.formLabel')}>
        <TextField form={form} name="imei" label={t('devices.check.label')} hint={t('devices.check.hint')} inputMode="numeric" autocomplete="off" isRequired />
        <SubmitButton>{t('devices.check.submit')}</SubmitButton>
      </QueryForm>
      <p class="hint">{t('devices.check.privacy')}</p>
      <p>
        <a href="/devices/report">{t('devices.check.reportLink')}</a>
      </p>
      {result ? <CheckResult ctx={ctx} result={result} /> : null}
      <RelatedGuide ctx={ctx} topic="stolenPhones" />
    </Layout>
  );
}

function CheckResult({ ctx, result }: { ctx: PageContext; result: ImeiCheckResult }) {
  const { t, format } = ctx;
  const since = result.statusSince ? format.date(new Date(`${result.statusSince.slice(0, 10)}T12:00:00Z`)) : '';
  const device = result.device;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{t('devices.check.resultTitle')}</h2>
      <p>
        {t('devices.check.checkedNumber')} <strong dir="ltr">{result.digits ?? result.input}</strong>
      </p>
      <div class="notice" role="status">
        <h3>{t(`devices.status.${result.status}.title`, { date: since })}</h3>
        <p>{t(`devices.status.${result.status}.body`, { date: since })}</p>
      </div>
      <h3>{t('devices.check.deviceTitle')}</h3>
      {device ? (
        <dl>
          <dt>{t('devices.device.brand')}</dt>
          <dd dir="auto">{device.brand}</dd>
          <dt>{t('devices.device.model')}</dt>
          <dd dir="auto">
            {device.marketingName ? t('devices.device.modelNamed', { name: isolated(device.marketingName), model: isolated(device.model) }) : device.model}
          </dd>
          <dt>{t('devices.device.type')}</dt>
          <dd>{t(`devices.deviceClass.${device.deviceClass}`)}</dd>
          <dt>{t('devices.device.networks')}</dt>
          <dd>{networksOf(ctx, device.radio)}</dd>
          {device.allocationDate ? (
            <>
              <dt>{t('devices.device.allocated')}</dt>
              <dd>{format.date(new Date(`${device.allocationDate}T12:00:00Z`))}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t('devices.check.noDevice')}</p>
      )}
      <h3>{t('devices.check.verdictsTitle')}</h3>
      <ul>
        {(['syntax', 'checkDigit', 'pattern', 'testTac', 'tac'] as const).map((name) => {
          const text = verdictText(t, name, result.verdicts[name]);
          return text ? (
            <li key={name}>
              <strong>{t(`devices.severity.${result.verdicts[name].severity}`)}</strong> {text}
            </li>
          ) : null;
        })}
      </ul>
      <p>{t(`devices.advice.${result.status}`)}</p>
    </section>
  );
}

/** The radio generations a model works on, listed as the page's language lists them ("2G、3G和4G"). */
function networksOf(ctx: PageContext, radio: { has2g: boolean; has3g: boolean; has4g: boolean; has5g: boolean }): string {
  const generations = [radio.has2g ? '2G' : '', radio.has3g ? '3G' : '', radio.has4g ? '4G' : '', radio.has5g ? '5G' : ''].filter(Boolean);
  return generations.length > 0 ? sayValue(listValue(generations), ctx.language) : ctx.t('devices.device.networksUnknown');
}

/** A name inside a sentence of another script, isolated so that its direction cannot spill over (U+2068 … U+2069). */
function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}

/** The plain-language sentence for one verdict, or null when it has nothing to say. */
export function verdictText(t: Translate, name: keyof ImeiCheckResult['verdicts'], verdict: Verdict): string | null {
  if (verdict.code === 'notChecked') return null;
  return t(`devices.verdict.${name}.${verdict.code}`, {
    given: verdict.given ?? '',
    expected: verdict.expected ?? '',
    digit: verdict.digit ?? '',
    length: verdict.length ?? 0,
    characters: verdict.characters ?? '',
    days: verdict.allocationLagDays ?? 0,
    hasDays: verdict.allocationLagDays === null || verdict.allocationLagDays === undefined ? 'no' : 'yes',
  });
}
