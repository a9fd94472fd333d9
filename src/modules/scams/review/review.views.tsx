import { Layout } from '../../../platform/web/layout.tsx';
import {
  ErrorSummary,
  Form,
  Pager,
  ProblemBox,
  QueryForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  EMPTY_FORM,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { IDENTIFIER_KINDS } from '../scams.settings.ts';
import { REVIEW_PATHS, reviewPath } from './review.paths.ts';
import { QUEUE_STATES, REASON_MAX_LENGTH, type CampaignView, type EvidenceView, type QueueView } from './review.service.ts';

/** The forms of the evidence page, each with its answers and problems after a refused post. */
export interface EvidenceForms {
  open?: FormState;
  decide?: FormState;
  clear?: FormState;
  /** Another reviewer acted first: the page shows the identifier as it now is. */
  isConflict?: boolean;
}

function Marks({
  ctx,
  isProtected,
  isInternationalised,
  holder,
}: {
  ctx: PageContext;
  isProtected: boolean;
  isInternationalised: boolean;
  holder?: string | null;
}) {
  const { t } = ctx;
  return (
    <>
      {isProtected ? <strong>{holder ? t('scams.review.mark.spoofedBy', { holder: `\u2068${holder}\u2069` }) : t('scams.review.mark.spoofed')}</strong> : null}
      {isProtected && isInternationalised ? ' ' : null}
      {isInternationalised ? <strong>{t('scams.review.mark.internationalised')}</strong> : null}
    </>
  );
}

function queueHref(view: QueueView, page: number, language: string): string {
  const query = new URLSearchParams({ lang: language });
  if (view.filter.state) query.set('state', view.filter.state);
  if (view.filter.kind) query.set('kind', view.filter.kind);
  query.set('page', String(page));
  return `${REVIEW_PATHS.queue}?${query.toString()}`;
}

/** The review queue: identifiers waiting for reviewers, being reviewed or appealed, oldest first. */
export function ReviewQueuePage({ ctx, view }: { ctx: PageContext; view: QueueView }) {
  const { t, format } = ctx;
  const filterForm: FormState = { values: { state: view.filter.state ?? '', kind: view.filter.kind ?? '' }, problems: [] };
  return (
    <Layout ctx={ctx} title={t('scams.review.queue.title')}>
      <p class="lead">{t('scams.review.queue.intro')}</p>
      <h2>{t('scams.review.queue.countsTitle')}</h2>
      <ul>
        {QUEUE_STATES.map((state) => (
          <li key={state}>{t('scams.review.queue.countOf', { state: t(`scams.state.${state}`), count: view.counts[state] ?? 0 })}</li>
        ))}
      </ul>
      <QueryForm ctx={ctx} action={REVIEW_PATHS.queue} label={t('scams.review.queue.filterTitle')}>
        <SelectField
          form={filterForm}
          name="state"
          label={t('scams.review.queue.stateFilter')}
          placeholder={t('scams.review.queue.allStates')}
          options={QUEUE_STATES.map((s) => ({ value: s, label: t(`scams.state.${s}`) }))}
        />
        <SelectField
          form={filterForm}
          name="kind"
          label={t('scams.review.queue.kindFilter')}
          placeholder={t('scams.review.queue.allKinds')}
          options={IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`scams.kind.${k}`) }))}
        />
        <SubmitButton>{t('scams.review.queue.filter')}</SubmitButton>
      </QueryForm>
      {view.items.length === 0 ? (
        <p>{t('scams.review.queue.empty')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('scams.review.queue.tableCaption', { count: view.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scams.review.identifier')}</th>
                <th scope="col">{t('scams.review.kind')}</th>
                <th scope="col">{t('scams.review.state')}</th>
                <th scope="col">{t('scams.review.since')}</th>
                <th scope="col">{t('scams.review.reporters')}</th>
                <th scope="col">{t('scams.review.reports')}</th>
                <th scope="col">{t('scams.review.lateReports')}</th>
                <th scope="col">{t('scams.review.campaignColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <a href={reviewPath(REVIEW_PATHS.identifier, item.id)} dir="ltr">
                      {item.shown}
                    </a>{' '}
                    <Marks ctx={ctx} isProtected={item.isProtected} isInternationalised={item.isInternationalised} />
                  </td>
                  <td>{t(`scams.kind.${item.kind}`)}</td>
                  <td>{t(`scams.state.${item.state}`)}</td>
                  <td>{format.dateTime(item.since)}</td>
                  <td>{format.number(item.reporters)}</td>
                  <td>{format.number(item.reports)}</td>
                  <td>{format.number(item.lateReports)}</td>
                  <td>
                    {item.campaignId === null ? (
                      t('scams.review.noCampaign')
                    ) : (
                      <a href={reviewPath(REVIEW_PATHS.campaign, item.campaignId)}>{t('scams.review.campaignLink')}</a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pager
        page={view.page}
        pages={view.pages}
        hrefOf={(page) => queueHref(view, page, ctx.language)}
        labels={{
          nav: t('scams.review.queue.pages'),
          previous: t('scams.review.queue.previous'),
          next: t('scams.review.queue.next'),
          pageOf: t('scams.review.queue.pageOf', { page: view.page, pages: view.pages }),
        }}
      />
    </Layout>
  );
}

/** The evidence on one identifier, its history, the round under way and the reviewer's actions. */
export function EvidencePage({ ctx, view, forms = {} }: { ctx: PageContext; view: EvidenceView; forms?: EvidenceForms }) {
  const { t, format } = ctx;
  const { identifier, round } = view;
  const refused = forms.decide ?? forms.clear ?? forms.open ?? EMPTY_FORM;
  return (
    <Layout ctx={ctx} title={t('scams.review.evidence.title', { value: `\u2068${identifier.shown}\u2069` })}>
      {forms.isConflict ? (
        <ProblemBox title={t('scams.review.conflict.title')}>
          <p>{t('scams.review.conflict.text')}</p>
        </ProblemBox>
      ) : (
        <ErrorSummary ctx={ctx} form={refused} />
      )}
      <p>
        <a href={REVIEW_PATHS.queue}>{t('scams.review.backToQueue')}</a>
      </p>
      {identifier.isProtected || identifier.isInternationalised ? (
        <p class="notice">
          <Marks ctx={ctx} isProtected={identifier.isProtected} isInternationalised={identifier.isInternationalised} holder={identifier.holder} />
        </p>
      ) : null}
      <dl class="summary-list summary-list-plain">
        <dt>{t('scams.review.identifier')}</dt>
        <dd dir="ltr">{identifier.shown}</dd>
        <dt>{t('scams.review.kind')}</dt>
        <dd>{t(`scams.kind.${identifier.kind}`)}</dd>
        <dt>{t('scams.review.state')}</dt>
        <dd>{t(`scams.state.${identifier.state}`)}</dd>
        <dt>{t('scams.review.since')}</dt>
        <dd>{format.dateTime(identifier.stateChangedAt)}</dd>
        <dt>{t('scams.review.firstReported')}</dt>
        <dd>{format.dateTime(identifier.firstReportedAt)}</dd>
        <dt>{t('scams.review.lastReported')}</dt>
        <dd>{format.dateTime(identifier.lastReportedAt)}</dd>
        <dt>{t('scams.review.reporters')}</dt>
        <dd>{format.number(view.counts.reporters)}</dd>
        <dt>{t('scams.review.reports')}</dt>
        <dd>{format.number(view.counts.reports)}</dd>
        <dt>{t('scams.review.lateReports')}</dt>
        <dd>{format.number(view.counts.lateReports)}</dd>
      </dl>

      {view.can.open ? (
        <section aria-labelledby="open-title">
          <h2 id="open-title">{t('scams.review.open.title')}</h2>
          <Form ctx={ctx} action={reviewPath(REVIEW_PATHS.open, identifier.id)} label={t('scams.review.open.title')}>
            <input type="hidden" name="seenState" value={identifier.state} />
            <TextArea
              form={forms.open ?? EMPTY_FORM}
              name="note"
              label={t('scams.review.open.note')}
              hint={t('scams.review.reasonHint', { max: REASON_MAX_LENGTH })}
              rows={3}
            />
            <SubmitButton>{t('scams.review.open.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {round ? (
        <section aria-labelledby="round-title">
          <h2 id="round-title">{t('scams.review.round.title')}</h2>
          <p>
            {round.outcome.decided === null
              ? t(`scams.review.round.needs.${round.outcome.needs}`, { count: round.reviewersToDecide })
              : t(`scams.state.${round.outcome.decided}`)}
          </p>
          {round.reviews.length > 0 ? (
            <ul>
              {round.reviews.map((r) => (
                <li key={r.reviewerId}>
                  {t(r.isSenior ? 'scams.review.round.seniorDecision' : 'scams.review.round.decision', {
                    who: `\u2068${r.who ?? t('scams.review.history.staff')}\u2069`,
                    decision: t(`scams.review.decision.${r.decision}`),
                    at: format.dateTime(r.at),
                  })}{' '}
                  <q dir="auto">{r.reason}</q>
                </li>
              ))}
            </ul>
          ) : null}
          <Form ctx={ctx} action={reviewPath(REVIEW_PATHS.decide, identifier.id)} label={t('scams.review.decide.title')}>
            <input type="hidden" name="version" value={String(identifier.version)} />
            <RadioGroup
              form={forms.decide ?? EMPTY_FORM}
              name="decision"
              legend={t('scams.review.decide.title')}
              hint={identifier.isProtected ? t('scams.review.decide.protectedHint') : undefined}
              choices={[
                { value: 'confirm', label: t('scams.review.decision.confirm') },
                { value: 'reject', label: t('scams.review.decision.reject') },
              ]}
              isRequired
            />
            <TextArea
              form={forms.decide ?? EMPTY_FORM}
              name="reason"
              label={t('scams.review.decide.reason')}
              hint={t('scams.review.reasonHint', { max: REASON_MAX_LENGTH })}
              rows={4}
              isRequired
            />
            <SubmitButton>{t('scams.review.decide.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {view.can.clear ? (
        <section aria-labelledby="clear-title">
          <h2 id="clear-title">{t('scams.review.clear.title')}</h2>
          <p>{t('scams.review.clear.intro')}</p>
          <Form ctx={ctx} action={reviewPath(REVIEW_PATHS.clear, identifier.id)} label={t('scams.review.clear.title')}>
            <TextArea
              form={forms.clear ?? EMPTY_FORM}
              name="clearReason"
              label={t('scams.review.clear.reason')}
              hint={t('scams.review.reasonHint', { max: REASON_MAX_LENGTH })}
              rows={3}
              isRequired
            />
            <button type="submit" class="button button-secondary">
              {t('scams.review.clear.submit')}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('scams.review.evidence.reportsTitle')}</h2>
        {view.counts.reports > view.reports.length ? <p>{t('scams.review.evidence.newestShown', { count: view.reports.length })}</p> : null}
        {view.reports.length === 0 ? <p>{t('scams.review.evidence.noReports')}</p> : null}
        {view.reports.map((r) => (
          <article key={r.id} aria-labelledby={`report-${r.id}`}>
            <h3 id={`report-${r.id}`} dir="ltr">
              {r.reference}
            </h3>
            <dl class="summary-list summary-list-plain">
              <dt>{t('scams.review.report.filed')}</dt>
              <dd>
                {format.dateTime(r.filedAt)}
                {r.isLate ? (
                  <>
                    {' '}
                    <strong>{t('scams.review.report.late')}</strong>
                  </>
                ) : null}
              </dd>
              <dt>{t('scams.review.report.occurred')}</dt>
              <dd>{format.dateTime(r.occurredAt)}</dd>
              <dt>{t('scams.review.report.channel')}</dt>
              <dd>{t(`scams.channel.${r.channel}`)}</dd>
              <dt>{t('scams.review.report.medium')}</dt>
              <dd>{t(`scams.medium.${r.medium}`)}</dd>
              <dt>{t('scams.review.report.category')}</dt>
              <dd>{t(`scams.category.${r.category}`)}</dd>
              <dt>{t('scams.review.report.role')}</dt>
              <dd>{t(`scams.review.role.${r.role === 'link' ? 'link' : 'sender'}`)}</dd>
              <dt>{t('scams.review.report.text')}</dt>
              <dd class="pre-line" dir="auto">
                {r.text ?? t('scams.review.report.deleted')}
              </dd>
              {r.links.length > 0 ? (
                <>
                  <dt>{t('scams.review.report.links')}</dt>
                  <dd>
                    <ul>
                      {r.links.map((link, i) => (
                        <li key={i}>
                          <code dir="ltr">{link}</code>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              {r.campaignId !== null ? (
                <>
                  <dt>{t('scams.review.campaignColumn')}</dt>
                  <dd>
                    <a href={reviewPath(REVIEW_PATHS.campaign, r.campaignId)}>{t('scams.review.campaignLink')}</a>
                  </dd>
                </>
              ) : null}
              {r.screenshotType !== null ? (
                <>
                  <dt>{t('scams.review.report.screenshot')}</dt>
                  <dd>
                    <img src={reviewPath(REVIEW_PATHS.screenshot, r.id)} alt={t('scams.review.report.screenshotAlt', { reference: r.reference })} width={240} />{' '}
                    <a href={reviewPath(REVIEW_PATHS.screenshot, r.id)} download>
                      {t('scams.review.report.screenshotDownload')}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          </article>
        ))}
      </section>

      {view.campaigns.length > 0 ? (
        <section aria-labelledby="campaigns-title">
          <h2 id="campaigns-title">{t('scams.review.evidence.campaignsTitle')}</h2>
          <ul>
            {view.campaigns.map((c) => (
              <li key={c.id}>
                <a href={reviewPath(REVIEW_PATHS.campaign, c.id)}>
                  {t('scams.review.campaign.summary', { count: c.reports, first: format.date(c.firstSeenAt), last: format.date(c.lastSeenAt) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('scams.review.history.title')}</h2>
        {view.history.length === 0 ? (
          <p>{t('scams.review.history.empty')}</p>
        ) : (
          <TableRegion>
            <table>
              <caption class="visually-hidden">{t('scams.review.history.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scams.review.history.when')}</th>
                  <th scope="col">{t('scams.review.history.move')}</th>
                  <th scope="col">{t('scams.review.history.who')}</th>
                  <th scope="col">{t('scams.review.history.why')}</th>
                </tr>
              </thead>
              <tbody>
                {view.history.map((h, i) => (
                  <tr key={i}>
                    <td>{format.dateTime(h.at)}</td>
                    <td>{t('scams.review.history.moved', { from: t(`scams.state.${h.from}`), to: t(`scams.state.${h.to}`) })}</td>
                    <td>{h.who !== null ? <bdi>{h.who}</bdi> : t(h.actorType === 'system' ? 'scams.review.history.system' : 'scams.review.history.staff')}</td>
                    <td dir={h.note === null ? undefined : 'auto'}>{h.reasonCode !== null ? t(`scams.review.reason.${h.reasonCode}`) : h.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </Layout>
  );
}

/** A campaign: the same forwarded text from many people, and the identifiers its instances name. */
export function CampaignPage({ ctx, view }: { ctx: PageContext; view: CampaignView }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('scams.review.campaign.title')}>
      <p>
        <a href={REVIEW_PATHS.queue}>{t('scams.review.backToQueue')}</a>
      </p>
      <dl class="summary-list summary-list-plain">
        <dt>{t('scams.review.campaign.instances')}</dt>
        <dd>{format.number(view.reports)}</dd>
        <dt>{t('scams.review.campaign.firstSeen')}</dt>
        <dd>{format.dateTime(view.firstSeenAt)}</dd>
        <dt>{t('scams.review.campaign.lastSeen')}</dt>
        <dd>{format.dateTime(view.lastSeenAt)}</dd>
        <dt>{t('scams.review.campaign.sample')}</dt>
        <dd class="pre-line" dir="auto">
          {view.sample ?? t('scams.review.report.deleted')}
        </dd>
      </dl>
      {view.identifiers.length === 0 ? (
        <p>{t('scams.review.campaign.noIdentifiers')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('scams.review.campaign.identifiersTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scams.review.identifier')}</th>
                <th scope="col">{t('scams.review.kind')}</th>
                <th scope="col">{t('scams.review.state')}</th>
                <th scope="col">{t('scams.review.reporters')}</th>
                <th scope="col">{t('scams.review.reports')}</th>
              </tr>
            </thead>
            <tbody>
              {view.identifiers.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={reviewPath(REVIEW_PATHS.identifier, i.id)} dir="ltr">
                      {i.shown}
                    </a>{' '}
                    <Marks ctx={ctx} isProtected={i.isProtected} isInternationalised={i.isInternationalised} />
                  </td>
                  <td>{t(`scams.kind.${i.kind}`)}</td>
                  <td>{t(`scams.state.${i.state}`)}</td>
                  <td>{format.number(i.reporters)}</td>
                  <td>{format.number(i.reports)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}
