import { BackLink, ErrorSummary, Form, SubmitButton, TextField, type FormState } from '../../../platform/web/components.tsx';
import { SimulatedPhoneFields } from '../simulated-phone.views.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { USSD_SIMULATOR_PATH } from './ussd.paths.ts';
import { SMS_PHONE_PATH } from '../sms/sms-phone.paths.ts';

/** The phone's screen after a send: its lines, whether it ended the session, and the language and direction it is in. */
export interface SimulatorScreen {
  lines: readonly string[];
  isEnd: boolean;
  language: string;
  direction: 'ltr' | 'rtl';
}

/** Props of {@link UssdSimulatorPage}. */
export interface UssdSimulatorPageProps {
  ctx: PageContext;
  form: FormState;
  serviceCodes: readonly string[];
  /** The session on the phone, or null before dialling and after the session ended. */
  sessionId: string | null;
  screen: SimulatorScreen | null;
}

/**
 * The staff's USSD simulator: a number, a service code, a box for what the caller types, and the
 * screen the real callback would show, each send a whole page (no script needed).
 */
export function UssdSimulatorPage({ ctx, form, serviceCodes, sessionId, screen }: UssdSimulatorPageProps) {
  const { t } = ctx;
  const isDialling = sessionId === null;
  return (
    <Layout ctx={ctx} title={t('channels.simulator.title')}>
      <p>{t('channels.simulator.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      {screen ? (
        <section aria-labelledby="ussd-screen-heading" class="notice">
          <h2 id="ussd-screen-heading">{screen.isEnd ? t('channels.simulator.ended') : t('channels.simulator.screen')}</h2>
          <div lang={screen.language} dir={screen.direction} data-ussd-screen={screen.isEnd ? 'end' : 'con'}>
            {screen.lines.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </section>
      ) : null}
      <Form ctx={ctx} action={USSD_SIMULATOR_PATH} label={t('channels.simulator.formLabel')}>
        {sessionId !== null ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
        <SimulatedPhoneFields
          form={form}
          numberLabel={t('channels.simulator.number')}
          numberHint={t('channels.simulator.numberHint')}
          codeName="serviceCode"
          codeLabel={t('channels.simulator.serviceCode')}
          codes={serviceCodes}
        />
        {isDialling ? null : (
          <TextField form={form} name="input" autocomplete="off" label={t('channels.simulator.input')} hint={t('channels.simulator.inputHint')} />
        )}
        <SubmitButton>{isDialling ? t('channels.simulator.dial') : t('channels.simulator.send')}</SubmitButton>
      </Form>
      {isDialling ? null : (
        <p>
          <a href={USSD_SIMULATOR_PATH}>{t('channels.simulator.hangUp')}</a>
        </p>
      )}
      <p>
        <a href={SMS_PHONE_PATH}>{t('channels.sms.phone.fromUssd')}</a>
      </p>
      <BackLink href="/staff" label={t('channels.simulator.back')} />
    </Layout>
  );
}
