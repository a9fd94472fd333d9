import { Layout } from '../../../platform/web/layout.tsx';
import {
  CodeField,
  Checkbox,
  ErrorSummary,
  Form,
  PhoneNumberField,
  QueryForm,
  RadioGroup,
  ReferenceField,
  SelectField,
  StatusNotice,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import { REFUSAL_CODES, REQUEST_STATES, REQUEST_TYPES, STAFF_CHANNELS, noonOf, type NotifyBy, type RequestType } from './request-rules.ts';
import type { FollowedRequest, RequestDetail } from './request.service.ts';
import type { RequestListItem } from './request.presenter.ts';
import { REQUEST_PATHS } from './request.paths.ts';

const localDate = (ctx: PageContext, date: string) => ctx.format.date(noonOf(date));

/** Step 1: the right to exercise, explained in plain words, and the address or number used with Kinga. */
export function RequestStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.requests.start.title')}>
      <p class="lead">{t('privacy.requests.start.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={REQUEST_PATHS.start} label={t('privacy.requests.start.title')}>
        <RadioGroup
          form={form}
          name="type"
          legend={t('privacy.requests.start.type')}
          isRequired
          choices={REQUEST_TYPES.map((type) => ({ value: type, label: t(`privacy.requests.type.${type}`), hint: t(`privacy.requests.type.${type}Hint`) }))}
        />
        <h2>{t('privacy.requests.start.contact')}</h2>
        <p class="hint">{t('privacy.requests.start.contactHint')}</p>
        <TextField form={form} name="email" type="email" autocomplete="email" label={t('privacy.requests.start.email')} />
        <PhoneNumberField form={form} name="phone" label={t('privacy.requests.start.phone')} hint="" />
        <RadioGroup
          form={form}
          name="notifyBy"
          legend={t('privacy.requests.start.notifyBy')}
          hint={t('privacy.requests.start.notifyByHint')}
          choices={[
            { value: 'email', label: t('privacy.requests.start.notifyByEmail') },
            { value: 'sms', label: t('privacy.requests.start.notifyBySms') },
          ]}
        />
        <SubmitButton>{t('privacy.requests.start.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={REQUEST_PATHS.follow}>{t('privacy.requests.start.follow')}</a>
      </p>
    </Layout>
  );
}

/** Step 2 (and the follow page's): the one-time code, said to come by e-mail or by text to the masked address or number. */
export function RequestCodePage({
  ctx,
  form,
  contact,
  action,
  restartHref,
}: {
  ctx: PageContext;
  form: FormState;
  contact: { notifyBy: NotifyBy; masked: string; purpose: string };
  action: string;
  restartHref: string;
}) {
  const { t } = ctx;
  const intro =
    contact.purpose === 'follow'
      ? t('privacy.requests.code.introFollow')
      : contact.notifyBy === 'sms'
        ? t('privacy.requests.code.introSms', { number: `\u2066${contact.masked}\u2069` })
        : t('privacy.requests.code.introEmail', { address: `\u2066${contact.masked}\u2069` });
  return (
    <Layout ctx={ctx} title={t('privacy.requests.code.title')}>
      <p>{intro}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={action} label={t('privacy.requests.code.title')}>
        <CodeField form={form} label={t('privacy.requests.code.label')} />
        <SubmitButton>{t('privacy.requests.code.submit')}</SubmitButton>
      </Form>
      <p>
        <a href={restartHref}>{t('privacy.requests.code.restart')}</a>
      </p>
    </Layout>
  );
}

/** Step 3: what the person asks, in their words. */
export function RequestDetailsPage({ ctx, form, type }: { ctx: PageContext; form: FormState; type: RequestType }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.requests.details.title')}>
      <p>{t('privacy.requests.details.intro', { type: t(`privacy.requests.type.${type}`) })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={REQUEST_PATHS.details} label={t('privacy.requests.details.title')}>
        <TextArea
          form={form}
          name="details"
          label={t('privacy.requests.details.details')}
          hint={t('privacy.requests.details.detailsHint')}
          rows={8}
          maxLength={5000}
          isRequired
        />
        <SubmitButton>{t('privacy.requests.details.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The confirmation, with the reference and the due date, also sent to the person. */
export function RequestDonePage({ ctx, reference, dueOn, notifyBy }: { ctx: PageContext; reference: string; dueOn: string; notifyBy: NotifyBy }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.requests.done.title')}>
      <div class="notice" role="status">
        <p>
          {t('privacy.requests.done.reference')} <strong dir="ltr">{reference}</strong>
        </p>
        <p>{t('privacy.requests.done.due', { due: localDate(ctx, dueOn) })}</p>
      </div>
      <p>{t(notifyBy === 'sms' ? 'privacy.requests.done.sentSms' : 'privacy.requests.done.sentEmail')}</p>
      <p>
        {t('privacy.requests.done.follow')} <a href={REQUEST_PATHS.follow}>{t('privacy.requests.follow.title')}</a>
      </p>
    </Layout>
  );
}

/** The follow page's first step: the reference. */
export function FollowStartPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.requests.follow.title')}>
      <p>{t('privacy.requests.follow.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={REQUEST_PATHS.follow} label={t('privacy.requests.follow.title')}>
        <ReferenceField form={form} name="reference" label={t('privacy.requests.follow.reference')} hint={t('privacy.requests.follow.referenceHint')} />
        <SubmitButton>{t('privacy.requests.follow.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** A request as its person follows it: state, dates, the answer's archive, and what an erasure did. */
export function FollowResultPage({ ctx, request }: { ctx: PageContext; request: FollowedRequest }) {
  const { t } = ctx;
  const kept = request.erasure ? [...new Set(request.erasure.kinds.flatMap((k) => k.kept.map((r) => r.reason)))] : [];
  const sum = (pick: (k: NonNullable<FollowedRequest['erasure']>['kinds'][number]) => number) =>
    request.erasure ? request.erasure.kinds.reduce((n, k) => n + pick(k), 0) : 0;
  return (
    <Layout ctx={ctx} title={t('privacy.requests.follow.resultTitle', { reference: `\u2066${request.reference}\u2069` })}>
      <dl>
        <dt>{t('privacy.requests.follow.type')}</dt>
        <dd>{t(`privacy.requests.type.${request.type}`)}</dd>
        <dt>{t('privacy.requests.follow.state')}</dt>
        <dd>{t(`privacy.requests.state.${request.state}`)}</dd>
        <dt>{t('privacy.requests.follow.received')}</dt>
        <dd>{localDate(ctx, request.receivedOn)}</dd>
        <dt>{t('privacy.requests.follow.due')}</dt>
        <dd>{localDate(ctx, request.dueOn)}</dd>
      </dl>
      {request.isExtended ? <p>{t('privacy.requests.follow.extended')}</p> : null}
      {request.hasArchive ? (
        <Form ctx={ctx} action={REQUEST_PATHS.followArchive} label={t('privacy.requests.follow.archive')}>
          <p class="hint">{t('privacy.requests.follow.archiveHint')}</p>
          <SubmitButton>{t('privacy.requests.follow.archive')}</SubmitButton>
        </Form>
      ) : null}
      {request.refusalCode ? (
        <>
          <h2>{t('privacy.requests.follow.refusal')}</h2>
          <p>{t(`privacy.requests.refusalCode.${request.refusalCode}`)}</p>
        </>
      ) : null}
      {request.erasure ? (
        <>
          <h2>{t('privacy.requests.follow.erasure')}</h2>
          <p>
            {t('privacy.requests.follow.erasureCounts', {
              erased: sum((k) => k.erased),
              anonymised: sum((k) => k.anonymised),
              kept: sum((k) => k.kept.length),
            })}
          </p>
          {kept.length > 0 ? (
            <>
              <h3>{t('privacy.requests.follow.keptTitle')}</h3>
              <ul>
                {kept.map((reason) => (
                  <li key={reason}>{t(`privacy.requests.kept.${reason}`)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {request.state === 'answered' || request.state === 'refused' ? <p>{t('privacy.requests.follow.complain')}</p> : null}
      <Form ctx={ctx} action={REQUEST_PATHS.followEnd} label={t('privacy.requests.follow.signOut')}>
        <button type="submit" class="button button-secondary">
          {t('privacy.requests.follow.signOut')}
        </button>
      </Form>
    </Layout>
  );
}

/** The staff list: by due date, filtered by state and type, overdue said in words. */
export function StaffRequestsPage({
  ctx,
  requests,
  filter,
}: {
  ctx: PageContext;
  requests: readonly RequestListItem[];
  filter: { state: string; type: string };
}) {
  const { t } = ctx;
  const all = { value: '', label: t('privacy.requests.staff.filterAll') };
  const form: FormState = { values: filter, problems: [] };
  return (
    <Layout ctx={ctx} title={t('privacy.requests.staff.title')}>
      <p>
        <a href={REQUEST_PATHS.staffNew}>{t('privacy.requests.staff.new')}</a>
      </p>
      <QueryForm ctx={ctx} action={REQUEST_PATHS.staffList} label={t('privacy.requests.staff.filter')}>
        <SelectField
          form={form}
          name="state"
          label={t('privacy.requests.staff.filterState')}
          options={[all, ...REQUEST_STATES.map((s) => ({ value: s, label: t(`privacy.requests.state.${s}`) }))]}
        />
        <SelectField
          form={form}
          name="type"
          label={t('privacy.requests.staff.filterType')}
          options={[all, ...REQUEST_TYPES.map((s) => ({ value: s, label: t(`privacy.requests.type.${s}`) }))]}
        />
        <SubmitButton>{t('privacy.requests.staff.filterSubmit')}</SubmitButton>
      </QueryForm>
      {requests.length === 0 ? (
        <p>{t('privacy.requests.staff.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('privacy.requests.staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.requests.staff.reference')}</th>
                <th scope="col">{t('privacy.requests.staff.type')}</th>
                <th scope="col">{t('privacy.requests.staff.channel')}</th>
                <th scope="col">{t('privacy.requests.staff.state')}</th>
                <th scope="col">{t('privacy.requests.staff.receivedOn')}</th>
                <th scope="col">{t('privacy.requests.staff.dueOn')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`${REQUEST_PATHS.staffList}/${r.id}`} dir="ltr">
                      {r.reference}
                    </a>
                  </td>
                  <td>{t(`privacy.requests.type.${r.type}`)}</td>
                  <td>{t(`privacy.requests.channel.${r.channel}`)}</td>
                  <td>
                    {t(`privacy.requests.state.${r.state}`)}
                    {r.isPaused ? ` (${t('privacy.requests.staff.paused')})` : null}
                  </td>
                  <td>{localDate(ctx, r.receivedOn)}</td>
                  <td>
                    {localDate(ctx, r.dueOn)}
                    {r.isOverdue ? <strong class="warning-text"> {t('privacy.requests.staff.overdue')}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** The form staff enter a request received on paper, by phone, in person or by e-mail with. */
export function StaffNewRequestPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.requests.staff.newTitle')}>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={REQUEST_PATHS.staffNew} label={t('privacy.requests.staff.newTitle')}>
        <RadioGroup
          form={form}
          name="type"
          legend={t('privacy.requests.start.type')}
          isRequired
          choices={REQUEST_TYPES.map((type) => ({ value: type, label: t(`privacy.requests.type.${type}`) }))}
        />
        <RadioGroup
          form={form}
          name="channel"
          legend={t('privacy.requests.staff.newChannel')}
          isRequired
          choices={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`privacy.requests.channel.${c}`) }))}
        />
        <TextField
          form={form}
          name="receivedOn"
          label={t('privacy.requests.staff.newReceivedOn')}
          hint={t('privacy.requests.staff.newReceivedOnHint')}
          dir="ltr"
          isRequired
        />
        <TextArea form={form} name="emails" label={t('privacy.requests.staff.newEmails')} hint={t('privacy.requests.staff.newIdentityHint')} rows={2} />
        <TextArea form={form} name="phones" label={t('privacy.requests.staff.newPhones')} hint={t('privacy.requests.staff.newIdentityHint')} rows={2} />
        <TextArea form={form} name="deviceIds" label={t('privacy.requests.staff.newDeviceIds')} hint={t('privacy.requests.staff.newDeviceIdsHint')} rows={2} />
        <TextArea form={form} name="details" label={t('privacy.requests.staff.newDetails')} rows={6} maxLength={5000} isRequired />
        <SelectField
          form={form}
          name="language"
          label={t('privacy.requests.staff.newLanguage')}
          options={ctx.jurisdiction.languages.map((language) => ({ value: language, label: ctx.catalogs.translator(language)('meta.languageName') }))}
        />
        <RadioGroup
          form={form}
          name="notifyBy"
          legend={t('privacy.requests.staff.newNotifyBy')}
          isRequired
          choices={[
            { value: 'email', label: t('privacy.requests.start.notifyByEmail') },
            { value: 'sms', label: t('privacy.requests.start.notifyBySms') },
          ]}
        />
        <Checkbox
          form={form}
          name="isIdentityChecked"
          label={t('privacy.requests.staff.newIdentityChecked')}
          hint={t('privacy.requests.staff.newIdentityCheckedHint')}
        />
        <SubmitButton>{t('privacy.requests.staff.newSubmit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** One request as staff handle it: identity, what is asked, dates, the answer, the events, and the actions allowed now. */
export function StaffRequestPage({ ctx, detail, form, status }: { ctx: PageContext; detail: RequestDetail; form: FormState; status: string | null }) {
  const { t, format } = ctx;
  const { request } = detail;
  const base = `${REQUEST_PATHS.staffList}/${request.id}`;
  const needsNote = new Set(['pause', 'extend', 'recordAnswer']);
  return (
    <Layout ctx={ctx} title={t('privacy.requests.staff.detailTitle', { reference: `\u2066${request.reference}\u2069` })}>
      <StatusNotice message={status} />
      <ErrorSummary ctx={ctx} form={form} />
      <dl>
        <dt>{t('privacy.requests.staff.type')}</dt>
        <dd>{t(`privacy.requests.type.${request.type}`)}</dd>
        <dt>{t('privacy.requests.staff.state')}</dt>
        <dd>
          {t(`privacy.requests.state.${request.state}`)}
          {detail.isOverdue ? <strong class="warning-text"> {t('privacy.requests.staff.overdue')}</strong> : null}
        </dd>
        <dt>{t('privacy.requests.staff.channel')}</dt>
        <dd>{t(`privacy.requests.channel.${request.channel}`)}</dd>
        <dt>{t('privacy.requests.staff.receivedOn')}</dt>
        <dd>{localDate(ctx, request.received_on)}</dd>
        <dt>{t('privacy.requests.staff.dueOn')}</dt>
        <dd>{localDate(ctx, request.current_due_on)}</dd>
        {request.extended_due_on && !request.is_extended ? (
          <>
            <dt>{t('privacy.requests.staff.extendedDue')}</dt>
            <dd>{localDate(ctx, request.extended_due_on)}</dd>
          </>
        ) : null}
        {request.acknowledge_by ? (
          <>
            <dt>{t('privacy.requests.staff.acknowledgeBy')}</dt>
            <dd>{localDate(ctx, request.acknowledge_by)}</dd>
          </>
        ) : null}
        {request.paused_days > 0 ? <dd>{t('privacy.requests.staff.pausedDays', { count: request.paused_days })}</dd> : null}
        <dt>{t('privacy.requests.staff.identity')}</dt>
        {/* One a line, left to right in every language; a list's markers would stick out of a right-to-left page. */}
        <dd class="pre-line" dir="ltr">
          {[...detail.identity.emails, ...detail.identity.phones, ...detail.identity.deviceIds].join('\n')}
        </dd>
        <dt>{t('privacy.requests.staff.contact')}</dt>
        <dd dir="ltr">{detail.contact}</dd>
        <dt>{t('privacy.requests.staff.language')}</dt>
        <dd>{ctx.catalogs.translator(request.language as Language)('meta.languageName')}</dd>
        <dt>{t('privacy.requests.staff.details')}</dt>
        <dd dir="auto" class="pre-line">
          {detail.details}
        </dd>
        {detail.answer ? (
          <>
            <dt>{t('privacy.requests.staff.answer')}</dt>
            <dd dir="auto">{detail.answer}</dd>
          </>
        ) : null}
        {request.refusal_code ? (
          <>
            <dt>{t('privacy.requests.follow.refusal')}</dt>
            <dd>{t(`privacy.requests.refusalCode.${request.refusal_code}`)}</dd>
          </>
        ) : null}
      </dl>
      {detail.archive ? (
        <>
          <h2>{t('privacy.requests.staff.archive')}</h2>
          <p dir="ltr">{detail.archive.fileName}</p>
          <ul>
            {detail.archive.places.map((p) => (
              <li key={p.kind}>{t('privacy.requests.staff.archivePlaces', { records: p.records, kind: p.kind })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.erasure ? (
        <>
          <h2>{t('privacy.requests.staff.erasure')}</h2>
          <ul>
            {detail.erasure.kinds.map((k) => (
              <li key={k.kind}>
                {t('privacy.requests.staff.erasureKind', { kind: k.kind, erased: k.erased, anonymised: k.anonymised, kept: k.kept.length })}
                {k.kept.length > 0 ? (
                  <ul>
                    {[...new Set(k.kept.map((r) => r.reason))].map((reason) => (
                      <li key={reason}>{t(`privacy.requests.kept.${reason}`)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          <p>{t('privacy.requests.staff.operatorsTold', { count: detail.erasure.operatorIds.length })}</p>
          {request.is_erasure_pending ? <p>{t('privacy.requests.staff.erasurePending')}</p> : null}
        </>
      ) : null}
      {detail.actions.length > 0 ? (
        <>
          <h2>{t('privacy.requests.staff.actions')}</h2>
          {detail.actions.map((action) => (
            <Form key={action} ctx={ctx} action={`${base}/${action}`} label={t(`privacy.requests.action.${action}`)}>
              {action === 'refuse' ? (
                <RadioGroup
                  form={form}
                  name="refusalCode"
                  legend={t('privacy.requests.staff.refusalCode')}
                  choices={REFUSAL_CODES.map((c) => ({ value: c, label: t(`privacy.requests.refusalCode.${c}`) }))}
                />
              ) : null}
              {needsNote.has(action) || action === 'refuse' ? (
                <TextArea
                  form={{ values: {}, problems: form.problems }}
                  name={`note-${action}`}
                  label={t('privacy.requests.staff.note')}
                  rows={2}
                  maxLength={2000}
                />
              ) : null}
              <SubmitButton>{t(`privacy.requests.action.${action}`)}</SubmitButton>
            </Form>
          ))}
        </>
      ) : null}
      <h2>{t('privacy.requests.staff.events')}</h2>
      <TableRegion>
        <table>
          <caption>{t('privacy.requests.staff.events')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('privacy.requests.staff.eventAt')}</th>
              <th scope="col">{t('privacy.requests.staff.eventKind')}</th>
              <th scope="col">{t('privacy.requests.staff.eventNote')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.events.map((e) => (
              <tr key={e.id}>
                <td>{format.dateTime(e.at)}</td>
                <td>{t(`privacy.requests.event.${e.kind}`)}</td>
                <td dir="auto">{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>
        <a href={REQUEST_PATHS.staffList}>{t('privacy.requests.staff.back')}</a>
      </p>
    </Layout>
  );
}
