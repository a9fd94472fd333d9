import { RelatedGuide } from '../../learn/index.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { Checkbox, ErrorSummary, Form, RadioGroup, SelectField, SubmitButton, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { TECHNOLOGIES, type District } from '../quality.settings.ts';
import type { OperatorChoice } from '../measurements/measurement.service.ts';
import type { SavedResultView } from './speedtest.presenter.ts';
import { SPEEDTEST_PATHS } from './speedtest.paths.ts';

/** The hidden fields the page's script fills in after a test; the server prefers its own figures. */
const HIDDEN_FIELDS = ['downloadTest', 'uploadTest', 'clientDownloadKbps', 'clientUploadKbps', 'lat', 'lon', 'accuracy'] as const;

/** What the save form offers: the operators and the districts of the profile, and the area of the map cell a location is kept as. */
export interface SaveFormChoices {
  operators: readonly OperatorChoice[];
  districts: readonly District[];
  /** The average area of a cell at the module's `h3Resolution`, in km². */
  cellAreaKm2: number;
}

/** An area in km² as the page's language writes it, to two significant digits (0.74). */
const formatArea = (ctx: PageContext, km2: number) => ctx.format.number(km2, { maximumSignificantDigits: 2 });

/**
 * The form that saves a result: operator, technology, place and an explicit consent. The test
 * ids and the location are hidden fields a script fills; everything else works as a plain form.
 */
function SaveForm({ ctx, form, choices }: { ctx: PageContext; form: FormState; choices: SaveFormChoices }) {
  const { t } = ctx;
  const placeChoices = [
    { value: 'none', label: t('quality.save.place.none') },
    { value: 'location', label: t('quality.save.place.location'), hint: t('quality.save.place.locationHint') },
    ...(choices.districts.length > 0 ? [{ value: 'district', label: t('quality.save.place.district') }] : []),
  ];
  return (
    <Form ctx={ctx} action={SPEEDTEST_PATHS.results} label={t('quality.save.formLabel')}>
      <input type="hidden" name="lang" value={ctx.language} />
      {HIDDEN_FIELDS.map((name) => (
        <input key={name} type="hidden" name={name} value={form.values[name] ?? ''} data-field={name} />
      ))}
      <SelectField
        form={form}
        name="operator"
        label={t('quality.save.operator')}
        hint={t('quality.save.operatorHint')}
        placeholder={t('quality.save.operatorUnknown')}
        options={choices.operators.map((o) => ({ value: o.id, label: o.name }))}
      />
      <RadioGroup
        form={form}
        name="technology"
        legend={t('quality.save.technology')}
        choices={TECHNOLOGIES.map((value) => ({ value, label: t(`quality.technology.${value}`) }))}
        isRequired
      />
      <RadioGroup
        form={{ ...form, values: { place: 'none', ...form.values } }}
        name="place"
        legend={t('quality.save.placeLegend')}
        hint={t('quality.save.placeHint', { area: formatArea(ctx, choices.cellAreaKm2) })}
        choices={placeChoices}
      />
      {choices.districts.length > 0 ? (
        <SelectField
          form={form}
          name="district"
          label={t('quality.save.district')}
          placeholder={t('quality.save.districtChoose')}
          options={choices.districts.map((d) => ({ value: d.code, label: d.name }))}
        />
      ) : null}
      <Checkbox form={form} name="consent" label={t('quality.save.consent')} hint={t('quality.save.consentHint')} />
      <SubmitButton>{t('quality.save.submit')}</SubmitButton>
    </Form>
  );
}

/** The messages the script shows, in the page's language, carried by data attributes. */
function scriptTexts(ctx: PageContext, cellAreaKm2: number): Record<string, string> {
  const { t } = ctx;
  const keys = ['starting', 'download', 'upload', 'done', 'error', 'mbps', 'ms', 'located', 'locating', 'locationDenied', 'saveNow'] as const;
  const area = formatArea(ctx, cellAreaKm2);
  return Object.fromEntries(
    keys.map((k) => [`data-text-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, t(`quality.script.${k}`, { value: '{value}', area })]),
  );
}

/**
 * The speed test page. Without JavaScript it explains what the test needs and how else to report
 * poor quality; with it, a small script of Kinga's own loads M-Lab's ndt7 client (only when the
 * test starts) and runs it against this server.
 */
export function SpeedtestPage({ ctx, choices }: { ctx: PageContext; choices: SaveFormChoices }) {
  const { t } = ctx;
  const assets = SPEEDTEST_PATHS.assets;
  return (
    <Layout ctx={ctx} title={t('quality.speedtest.title')}>
      <p class="lead">{t('quality.speedtest.intro')}</p>
      <div id="speedtest-nojs" class="notice">
        <h2>{t('quality.speedtest.noJsTitle')}</h2>
        <p>{t('quality.speedtest.noJsBody')}</p>
        <p>
          <a href={SPEEDTEST_PATHS.complaints}>{t('quality.speedtest.complainLink')}</a>
        </p>
      </div>
      <section
        id="speedtest-app"
        hidden
        aria-labelledby="speedtest-run-title"
        data-client={`${assets}/ndt7.js`}
        data-download-worker={`${assets}/ndt7-download-worker.js`}
        data-upload-worker={`${assets}/ndt7-upload-worker.js`}
        {...scriptTexts(ctx, choices.cellAreaKm2)}
      >
        <h2 id="speedtest-run-title">{t('quality.speedtest.runTitle')}</h2>
        <p>{t('quality.speedtest.dataWarning')}</p>
        <button type="button" class="button" id="speedtest-start">
          {t('quality.speedtest.start')}
        </button>
        <p id="speedtest-status" role="status" aria-live="polite" aria-atomic="true"></p>
        <dl id="speedtest-figures">
          <dt>{t('quality.figure.download')}</dt>
          <dd id="speedtest-download">–</dd>
          <dt>{t('quality.figure.upload')}</dt>
          <dd id="speedtest-upload">–</dd>
          <dt>{t('quality.figure.latency')}</dt>
          <dd id="speedtest-latency">–</dd>
        </dl>
        <p class="hint">{t('quality.speedtest.figuresHint')}</p>
        <div id="speedtest-save" aria-labelledby="speedtest-save-title" role="region" hidden>
          <h2 id="speedtest-save-title" tabIndex={-1}>
            {t('quality.save.title')}
          </h2>
          <p>{t('quality.save.intro')}</p>
        </div>
      </section>
      {/* Inert until the test ends: the script copies the form into the page then. */}
      <template id="speedtest-save-form">
        <SaveForm ctx={ctx} form={{ values: {}, problems: [] }} choices={choices} />
      </template>
      <h2>{t('quality.speedtest.aboutTitle')}</h2>
      <p>{t('quality.speedtest.aboutBody')}</p>
      <ul>
        <li>
          <a href={SPEEDTEST_PATHS.methodology}>{t('quality.speedtest.methodologyLink')}</a>
        </li>
        <li>
          <a href={SPEEDTEST_PATHS.complaints}>{t('quality.speedtest.complainLink')}</a>
        </li>
      </ul>
      <script src={`${assets}/speedtest.js`} defer></script>
      <RelatedGuide ctx={ctx} topic="quality" />
    </Layout>
  );
}

/** The save form again, with its errors, after a result could not be saved. */
export function SaveResultPage({ ctx, form, choices }: { ctx: PageContext; form: FormState; choices: SaveFormChoices }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('quality.save.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('quality.save.intro')}</p>
      <SaveForm ctx={ctx} form={form} choices={choices} />
      <p>
        <a href={SPEEDTEST_PATHS.page}>{t('quality.save.again')}</a>
      </p>
      <script src={`${SPEEDTEST_PATHS.assets}/speedtest.js`} defer></script>
    </Layout>
  );
}

/** The page after a result was saved: the figures stored, and what happens to them. */
export function SavedResultPage({ ctx, result }: { ctx: PageContext; result: SavedResultView }) {
  const { t, format } = ctx;
  const mbps = (kbps: number | null) =>
    kbps === null ? t('quality.figure.none') : t('quality.figure.mbps', { value: format.number(Math.round(kbps / 100) / 10) });
  return (
    <Layout ctx={ctx} title={t('quality.saved.title')}>
      <div class="notice" role="status">
        <p>{t('quality.saved.body')}</p>
      </div>
      <dl>
        <dt>{t('quality.figure.download')}</dt>
        <dd>{mbps(result.downloadKbps)}</dd>
        <dt>{t('quality.figure.upload')}</dt>
        <dd>{mbps(result.uploadKbps)}</dd>
        <dt>{t('quality.figure.latency')}</dt>
        <dd>{result.latencyMs === null ? t('quality.figure.none') : t('quality.figure.ms', { value: format.number(result.latencyMs) })}</dd>
        <dt>{t('quality.figure.source')}</dt>
        <dd>{t(result.isServerMeasured ? 'quality.saved.serverMeasured' : 'quality.saved.clientReported')}</dd>
      </dl>
      {result.isValid ? null : <p>{t('quality.saved.flagged')}</p>}
      <p>
        <a href={SPEEDTEST_PATHS.complaints}>{t('quality.speedtest.complainLink')}</a>
      </p>
      <p>
        <a href={SPEEDTEST_PATHS.page}>{t('quality.save.again')}</a>
      </p>
    </Layout>
  );
}

/** How the speed test measures, what it does not, and what is stored. */
export function MethodologyPage({ ctx, cellAreaKm2 }: { ctx: PageContext; cellAreaKm2: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('quality.method.title')}>
      <p class="lead">{t('quality.method.intro')}</p>
      <h2>{t('quality.method.measuredTitle')}</h2>
      <ul>
        <li>{t('quality.method.download')}</li>
        <li>{t('quality.method.upload')}</li>
        <li>{t('quality.method.latency')}</li>
      </ul>
      <h2>{t('quality.method.limitsTitle')}</h2>
      <p>{t('quality.method.limits')}</p>
      <h2>{t('quality.method.privacyTitle')}</h2>
      <p>{t('quality.method.privacy', { area: formatArea(ctx, cellAreaKm2) })}</p>
      <h2>{t('quality.method.validityTitle')}</h2>
      <p>{t('quality.method.validity')}</p>
      <p>
        <a href={SPEEDTEST_PATHS.page}>{t('quality.method.back')}</a>
      </p>
    </Layout>
  );
}
