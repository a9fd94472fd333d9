import { Layout } from '../../../platform/web/layout.tsx';
import {
  ErrorSummary,
  Form,
  LinkButtonForm,
  SelectField,
  StatusNotice,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { KindView, ProcessingRegister } from './retention.presenter.ts';
import type { LegalHold, RetentionRunReport } from './retention.service.ts';
import { RETENTION_PATHS } from './retention.paths.ts';

const list = (items: readonly string[], ctx: PageContext) => new Intl.ListFormat(ctx.language, { type: 'conjunction' }).format(items);

/** The public "what we keep and why": each kind of record, its purpose, who sees it, how long, and people's rights. */
export function WhatWeKeepPage({ ctx, bodyHtml }: { ctx: PageContext; bodyHtml: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('privacy.retention.public.title')}>
      <div class="what-we-keep" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
    </Layout>
  );
}

/**
 * The body of "what we keep and why": every kind with its rule in words, and people's rights. It
 * depends on the language alone (the kinds and the schedule are fixed at start), so the route
 * renders it once per language.
 */
export function WhatWeKeepBody({ ctx, kinds, dpo }: { ctx: PageContext; kinds: readonly KindView[]; dpo: { name: string; email: string } | null }) {
  const { t } = ctx;
  return (
    <>
      <p class="lead">{t('privacy.retention.public.intro', { authority: ctx.jurisdiction.authority.name })}</p>
      {kinds.length === 0 ? (
        <p>{t('privacy.retention.public.none')}</p>
      ) : (
        <nav aria-labelledby="kinds-title">
          <h2 id="kinds-title">{t('privacy.retention.public.contents')}</h2>
          <ul>
            {kinds.map((k) => (
              <li key={k.name}>
                <a href={`#${k.name.replace('.', '-')}`}>{k.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {kinds.map((k) => (
        <section key={k.name} aria-labelledby={k.name.replace('.', '-')}>
          <h2 id={k.name.replace('.', '-')}>{k.label}</h2>
          <dl>
            <dt>{t('privacy.retention.public.purpose')}</dt>
            <dd>{k.purpose}</dd>
            <dt>{t('privacy.retention.public.data')}</dt>
            <dd>{list(k.data, ctx)}</dd>
            <dt>{t('privacy.retention.public.subjects')}</dt>
            <dd>{list(k.subjects, ctx)}</dd>
            <dt>{t('privacy.retention.public.recipients')}</dt>
            <dd>{k.recipients.length === 0 ? t('privacy.retention.public.noRecipients') : list(k.recipients, ctx)}</dd>
            <dt>{t('privacy.retention.public.howLong')}</dt>
            <dd>{k.howLong}</dd>
            <dt>{t('privacy.retention.public.then')}</dt>
            <dd>{k.then}</dd>
            <dt>{t('privacy.retention.public.basis')}</dt>
            <dd>{k.basis}</dd>
            {k.reference ? (
              <>
                <dt>{t('privacy.retention.public.reference')}</dt>
                <dd dir="auto">{k.reference}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ))}
      <p>{t('privacy.retention.public.held')}</p>
      <section aria-labelledby="rights-title">
        <h2 id="rights-title">{t('privacy.retention.public.rightsTitle')}</h2>
        <p>{t('privacy.retention.public.rights')}</p>
        <p>
          <a href={RETENTION_PATHS.requests}>{t('privacy.retention.public.rightsLink')}</a>
        </p>
        {dpo ? <p>{t('privacy.retention.public.dpo', { name: dpo.name, email: dpo.email })}</p> : null}
      </section>
    </>
  );
}

const askedBy = (run: RetentionRunReport, ctx: PageContext) =>
  run.requestedBy === 'schedule'
    ? ctx.t('privacy.retention.staff.bySchedule')
    : run.requestedBy === 'command'
      ? ctx.t('privacy.retention.staff.byCommand')
      : ctx.t('privacy.retention.staff.byStaff');

/** What the staff retention page shows. */
export interface RetentionPageModel {
  kinds: readonly KindView[];
  runs: readonly RetentionRunReport[];
  holds: readonly LegalHold[];
  status: string | null;
}

/** The staff retention page: the schedule in force, the last runs, a dry run on demand, the legal holds. */
export function RetentionStaffPage({ ctx, model, form }: { ctx: PageContext; model: RetentionPageModel; form: FormState }) {
  const { t, format } = ctx;
  const labelOf = new Map(model.kinds.map((k) => [k.name, k.label]));
  return (
    <Layout ctx={ctx} title={t('privacy.retention.staff.title')}>
      <StatusNotice message={model.status} />
      <ErrorSummary ctx={ctx} form={form} />
      <p>
        <a href={RETENTION_PATHS.register}>{t('privacy.retention.staff.registerLink')}</a>
      </p>
      <TableRegion>
        <table>
          <caption>{t('privacy.retention.staff.schedule')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('privacy.retention.staff.kind')}</th>
              <th scope="col">{t('privacy.retention.staff.howLong')}</th>
              <th scope="col">{t('privacy.retention.staff.action')}</th>
              <th scope="col">{t('privacy.retention.staff.basis')}</th>
              <th scope="col">{t('privacy.retention.staff.source')}</th>
            </tr>
          </thead>
          <tbody>
            {model.kinds.map((k) => (
              <tr key={k.name}>
                <th scope="row">
                  {k.label} <code dir="ltr">{k.name}</code>
                </th>
                <td>{k.howLong}</td>
                <td>{k.then}</td>
                <td>
                  {k.basis}
                  {k.reference ? (
                    <>
                      <br />
                      <span dir="auto">{k.reference}</span>
                    </>
                  ) : null}
                </td>
                <td>{k.isDefault ? t('privacy.retention.staff.fromDefault') : t('privacy.retention.staff.fromProfile')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('privacy.retention.staff.runs')}</h2>
      <Form ctx={ctx} action={RETENTION_PATHS.dryRun} label={t('privacy.retention.staff.dryRunNow')}>
        <p>{t('privacy.retention.staff.dryRunHint')}</p>
        <SubmitButton>{t('privacy.retention.staff.dryRunNow')}</SubmitButton>
      </Form>
      {model.runs.length === 0 ? (
        <p>{t('privacy.retention.staff.noRuns')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('privacy.retention.staff.runs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.retention.staff.runDate')}</th>
                <th scope="col">{t('privacy.retention.staff.runType')}</th>
                <th scope="col">{t('privacy.retention.staff.askedBy')}</th>
                <th scope="col">{t('privacy.retention.staff.counts')}</th>
              </tr>
            </thead>
            <tbody>
              {model.runs.map((run) => (
                <tr key={run.id}>
                  <td>
                    <a href={`${RETENTION_PATHS.runs}/${run.id}`}>{format.date(`${run.runDate}T12:00:00Z`)}</a>
                  </td>
                  <td>{run.isDryRun ? t('privacy.retention.staff.dry') : t('privacy.retention.staff.real')}</td>
                  <td>{askedBy(run, ctx)}</td>
                  <td>
                    {run.finishedAt === null ? (
                      t('privacy.retention.staff.pending')
                    ) : (
                      <ul class="plain-list">
                        {run.kinds.map((k) => (
                          <li key={k.kind}>
                            {k.error === null
                              ? t('privacy.retention.staff.count', { kind: labelOf.get(k.kind) ?? k.kind, count: k.count ?? 0 })
                              : t('privacy.retention.staff.failedKind', { kind: labelOf.get(k.kind) ?? k.kind })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>{t('privacy.retention.holds.title')}</h2>
      {model.holds.length === 0 ? (
        <p>{t('privacy.retention.holds.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('privacy.retention.holds.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.retention.staff.kind')}</th>
                <th scope="col">{t('privacy.retention.holds.recordId')}</th>
                <th scope="col">{t('privacy.retention.holds.caseReference')}</th>
                <th scope="col">{t('privacy.retention.holds.reason')}</th>
                <th scope="col">{t('privacy.retention.holds.placedAt')}</th>
                <th scope="col">{t('privacy.retention.holds.release')}</th>
              </tr>
            </thead>
            <tbody>
              {model.holds.map((h) => (
                <tr key={h.id}>
                  <td>{labelOf.get(h.kind) ?? h.kind}</td>
                  <td dir="ltr">{h.recordId}</td>
                  <td dir="auto">{h.caseReference}</td>
                  <td dir="auto" class="pre-wrap">
                    {h.reason}
                  </td>
                  <td>{format.dateTime(h.placedAt)}</td>
                  <td>
                    <LinkButtonForm
                      ctx={ctx}
                      action={`${RETENTION_PATHS.holds}/${h.id}/release`}
                      label={`${t('privacy.retention.holds.release')}: ${h.recordId}`}
                    >
                      {t('privacy.retention.holds.release')}
                    </LinkButtonForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>{t('privacy.retention.holds.place')}</h2>
      <p>{t('privacy.retention.holds.placeHint')}</p>
      <Form ctx={ctx} action={RETENTION_PATHS.holds} label={t('privacy.retention.holds.place')}>
        <SelectField
          form={form}
          name="kind"
          label={t('privacy.retention.staff.kind')}
          options={model.kinds.map((k) => ({ value: k.name, label: k.label }))}
          placeholder=""
          isRequired
        />
        <TextField
          form={form}
          name="recordId"
          dir="ltr"
          label={t('privacy.retention.holds.recordId')}
          hint={t('privacy.retention.holds.recordIdHint')}
          isRequired
        />
        <TextField
          form={form}
          name="caseReference"
          label={t('privacy.retention.holds.caseReference')}
          hint={t('privacy.retention.holds.caseReferenceHint')}
          isRequired
        />
        <TextArea
          form={form}
          name="reason"
          label={t('privacy.retention.holds.reason')}
          hint={t('privacy.retention.holds.reasonHint')}
          maxLength={1000}
          rows={3}
          isRequired
        />
        <SubmitButton>{t('privacy.retention.holds.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** One run's report, or a note that it waits for the job worker. */
export function RetentionRunPage({ ctx, run, labels }: { ctx: PageContext; run: RetentionRunReport; labels: ReadonlyMap<string, string> }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.retention.run.title', { date: format.date(`${run.runDate}T12:00:00Z`) })}>
      <p>
        {run.isDryRun ? t('privacy.retention.staff.dry') : t('privacy.retention.staff.real')} · {askedBy(run, ctx)}
      </p>
      {run.finishedAt === null ? (
        <p role="status">{t('privacy.retention.run.waiting')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('privacy.retention.staff.counts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.retention.staff.kind')}</th>
                <th scope="col">{t('privacy.retention.run.cutoff')}</th>
                <th scope="col">{t('privacy.retention.run.count')}</th>
              </tr>
            </thead>
            <tbody>
              {run.kinds.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">{labels.get(k.kind) ?? k.kind}</th>
                  <td>{format.dateTime(k.cutoff)}</td>
                  <td>{k.error === null ? format.number(k.count ?? 0) : t('privacy.retention.run.error', { error: k.error })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <p>
        <a href={RETENTION_PATHS.staff}>{t('privacy.retention.run.back')}</a>
      </p>
    </Layout>
  );
}

/** The register of processing (GDPR Art. 30), with its downloads. */
export function RegisterPage({ ctx, register }: { ctx: PageContext; register: ProcessingRegister }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('privacy.retention.register.title')}>
      <p>{t('privacy.retention.register.intro')}</p>
      <p>
        {t('privacy.retention.register.downloads')} <a href={RETENTION_PATHS.registerJson}>JSON</a> · <a href={RETENTION_PATHS.registerCsv}>CSV</a>
      </p>
      <dl>
        <dt>{t('privacy.retention.register.controller')}</dt>
        <dd>
          {register.controller.name} · <span dir="ltr">{register.controller.email}</span> · <span dir="ltr">{register.controller.phone}</span>
          {register.controller.address ? ` · ${register.controller.address}` : null}
        </dd>
        <dt>{t('privacy.retention.register.dpo')}</dt>
        <dd>
          {register.dpo ? (
            <>
              {register.dpo.name} · <span dir="ltr">{register.dpo.email}</span>
            </>
          ) : (
            t('privacy.retention.register.noDpo')
          )}
        </dd>
        <dt>{t('privacy.retention.register.transfers')}</dt>
        <dd>{register.transfers.length === 0 ? t('privacy.retention.register.noTransfers') : register.transfers.join('; ')}</dd>
        <dt>{t('privacy.retention.register.security')}</dt>
        <dd>{register.security}</dd>
      </dl>
      <h2>{t('privacy.retention.register.activities')}</h2>
      {register.activities.map((a) => (
        <section key={a.kind} aria-labelledby={`activity-${a.kind.replace('.', '-')}`}>
          <h3 id={`activity-${a.kind.replace('.', '-')}`}>
            {a.name} <code dir="ltr">{a.kind}</code>
          </h3>
          <dl>
            <dt>{t('privacy.retention.register.purposes')}</dt>
            <dd>{a.purposes}</dd>
            <dt>{t('privacy.retention.public.basis')}</dt>
            <dd>
              {a.legalBasis}
              {a.rule.reference ? ` (${a.rule.reference})` : null}
            </dd>
            <dt>{t('privacy.retention.register.subjects')}</dt>
            <dd>{list(a.subjects, ctx)}</dd>
            <dt>{t('privacy.retention.register.data')}</dt>
            <dd>{list(a.data, ctx)}</dd>
            <dt>{t('privacy.retention.register.recipients')}</dt>
            <dd>{list(a.recipients, ctx)}</dd>
            <dt>{t('privacy.retention.register.timeLimit')}</dt>
            <dd>{a.timeLimit}</dd>
          </dl>
        </section>
      ))}
      <p>
        <a href={RETENTION_PATHS.staff}>{t('privacy.retention.register.back')}</a>
      </p>
    </Layout>
  );
}
