import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  Checkbox,
  CheckboxGroup,
  ErrorSummary,
  Form,
  LinkButtonForm,
  QueryForm,
  RadioGroup,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
  StatusNotice,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { OUTSIDE_LINK_NOTE_ID, renderMarkdown } from '../content/markdown.ts';
import { languageNameIn } from '../shared/language-names.ts';
import type { EventView, FeedbackResults, OwnRegistrationView, RegistrationView } from './workshop.service.ts';
import { AUDIENCES, type WorkshopsSettings } from './workshops.settings.ts';
import { WORKSHOP_PATHS, workshopPath } from './workshop.paths.ts';
import { localeOf } from '../../../platform/i18n/index.ts';

/** The settings a page needs to name regions and offer filters, with the site's address for links in descriptions. */
export interface WorkshopPageSettings {
  settings: WorkshopsSettings;
  siteUrl: string;
}

function regionName(ctx: PageContext, s: WorkshopsSettings, code: string | null): string {
  const region = s.regions.find((r) => r.code === code);
  if (!region) return code ?? '';
  return region.names[ctx.language] ?? region.names.en;
}

function when(ctx: PageContext, event: EventView, timeZone: string): string {
  const locale = localeOf(ctx.language);
  const start = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(event.startsAt));
  const end = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(event.endsAt));
  return `${start} – ${end}`;
}

/** The event's title, marked with its language when it is not the page's. */
function Title({ event }: { event: EventView }) {
  return event.isTranslated ? <>{event.title}</> : <span lang={event.textLanguage}>{event.title}</span>;
}

function Seats({ ctx, event }: { ctx: PageContext; event: EventView }) {
  const { t } = ctx;
  if (event.state === 'cancelled') return <strong>{t('learn.workshops.state.cancelledNotice')}</strong>;
  if (event.isPast) return null;
  const left = Math.max(0, event.capacity - event.confirmed);
  if (left > 0) return <>{t('learn.workshops.seatsLeft', { count: left })}</>;
  if (event.waiting < event.capacity) return <>{t('learn.workshops.waitingListOpen', { count: event.waiting })}</>;
  return <>{t('learn.workshops.full')}</>;
}

function Facts({ ctx, event, page }: { ctx: PageContext; event: EventView; page: WorkshopPageSettings }) {
  const { t } = ctx;
  return (
    <dl class="summary-list summary-list-plain">
      <dt>{t('learn.workshops.when')}</dt>
      <dd>{when(ctx, event, ctx.jurisdiction.timeZone)}</dd>
      <dt>{t('learn.workshops.where')}</dt>
      <dd>
        {event.placeKind === 'online' ? (
          t('learn.workshops.online')
        ) : (
          <>
            <bdi>{event.address}</bdi> ({regionName(ctx, page.settings, event.region)})
          </>
        )}
      </dd>
      <dt>{t('learn.workshops.heldIn')}</dt>
      <dd>{languageNameIn(ctx.language, event.heldLanguage)}</dd>
      <dt>{t('learn.workshops.topicLabel')}</dt>
      <dd>{t(`learn.workshops.topic.${event.topic}`)}</dd>
      <dt>{t('learn.workshops.audienceLabel')}</dt>
      <dd>{t(`learn.workshops.audience.${event.audience}`)}</dd>
      <dt>{t('learn.workshops.arrangementsLabel')}</dt>
      <dd>
        {event.arrangements.length === 0
          ? t('learn.workshops.noArrangements')
          : event.arrangements.map((a) => t(`learn.workshops.arrangement.${a}`)).join(' · ')}
      </dd>
      <dt>{t('learn.workshops.seats')}</dt>
      <dd>
        <Seats ctx={ctx} event={event} />
      </dd>
    </dl>
  );
}

/** A titled list of event cards, or a sentence saying there are none. */
function EventSection(props: { ctx: PageContext; id: string; title: string; none: string; events: readonly EventView[]; page: WorkshopPageSettings }) {
  const { ctx, id, events, page } = props;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {events.length === 0 ? (
        <p>{props.none}</p>
      ) : (
        <ul class="cards">
          {events.map((e) => (
            <EventCard key={e.id} ctx={ctx} event={e} page={page} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EventCard({ ctx, event, page }: { ctx: PageContext; event: EventView; page: WorkshopPageSettings }) {
  const { t } = ctx;
  return (
    <li>
      <h3>
        <a href={workshopPath(WORKSHOP_PATHS.event, event.id)}>
          <Title event={event} />
        </a>
      </h3>
      <p>{when(ctx, event, ctx.jurisdiction.timeZone)}</p>
      <p>
        {event.placeKind === 'online' ? t('learn.workshops.online') : regionName(ctx, page.settings, event.region)} ·{' '}
        {languageNameIn(ctx.language, event.heldLanguage)}
        {event.arrangements.length > 0 ? ` · ${event.arrangements.map((a) => t(`learn.workshops.arrangement.${a}`)).join(', ')}` : ''}
      </p>
      <p>
        <Seats ctx={ctx} event={event} />
      </p>
    </li>
  );
}

/** What the list page shows. */
export interface ListPageModel {
  upcoming: EventView[];
  past: EventView[];
  filters: { region?: string | undefined; topic?: string | undefined; language?: string | undefined; arrangement?: string | undefined };
}

/** The public list: filters (a GET form), upcoming events, the calendar feeds, and past events apart. */
export function WorkshopListPage({ ctx, model, page }: { ctx: PageContext; model: ListPageModel; page: WorkshopPageSettings }) {
  const { t } = ctx;
  const s = page.settings;
  const filterForm: FormState = {
    values: {
      region: model.filters.region ?? '',
      topic: model.filters.topic ?? '',
      language: model.filters.language ?? '',
      arrangement: model.filters.arrangement ?? '',
    },
    problems: [],
  };
  const feed = (query: string) => `${WORKSHOP_PATHS.feed}${query === '' ? '' : `?${query}`}`;
  return (
    <Layout ctx={ctx} title={t('learn.workshops.title')}>
      <p class="lead">{t('learn.workshops.intro')}</p>
      <QueryForm ctx={ctx} action={WORKSHOP_PATHS.list} label={t('learn.workshops.filter.label')}>
        <SelectField
          form={filterForm}
          name="region"
          label={t('learn.workshops.filter.region')}
          placeholder={t('learn.workshops.filter.any')}
          options={s.regions.map((r) => ({ value: r.code, label: regionName(ctx, s, r.code) }))}
        />
        <SelectField
          form={filterForm}
          name="topic"
          label={t('learn.workshops.filter.topic')}
          placeholder={t('learn.workshops.filter.any')}
          options={s.topics.map((topic) => ({ value: topic, label: t(`learn.workshops.topic.${topic}`) }))}
        />
        <SelectField
          form={filterForm}
          name="language"
          label={t('learn.workshops.filter.language')}
          placeholder={t('learn.workshops.filter.any')}
          options={SUPPORTED_LANGUAGES.map((l) => ({ value: l, label: languageNameIn(ctx.language, l) }))}
        />
        <SelectField
          form={filterForm}
          name="arrangement"
          label={t('learn.workshops.filter.arrangement')}
          placeholder={t('learn.workshops.filter.any')}
          options={s.arrangements.map((a) => ({ value: a, label: t(`learn.workshops.arrangement.${a}`) }))}
        />
        <SubmitButton>{t('learn.workshops.filter.submit')}</SubmitButton>
      </QueryForm>
      <EventSection
        ctx={ctx}
        id="upcoming-title"
        title={t('learn.workshops.upcoming')}
        none={t('learn.workshops.noneUpcoming')}
        events={model.upcoming}
        page={page}
      />
      <section aria-labelledby="feeds-title">
        <h2 id="feeds-title">{t('learn.workshops.feeds.title')}</h2>
        <p>{t('learn.workshops.feeds.intro')}</p>
        <ul>
          <li>
            <a href={feed('')}>{t('learn.workshops.feeds.all')}</a>
          </li>
          {s.regions.map((r) => (
            <li key={r.code}>
              <a href={feed(`region=${encodeURIComponent(r.code)}`)}>{t('learn.workshops.feeds.region', { region: regionName(ctx, s, r.code) })}</a>
            </li>
          ))}
          {s.topics.map((topic) => (
            <li key={topic}>
              <a href={feed(`topic=${encodeURIComponent(topic)}`)}>{t('learn.workshops.feeds.topic', { topic: t(`learn.workshops.topic.${topic}`) })}</a>
            </li>
          ))}
        </ul>
      </section>
      <EventSection ctx={ctx} id="past-title" title={t('learn.workshops.past')} none={t('learn.workshops.nonePast')} events={model.past} page={page} />
    </Layout>
  );
}

function Description({ ctx, event, page }: { ctx: PageContext; event: EventView; page: WorkshopPageSettings }) {
  const html = renderMarkdown(event.description, { siteUrl: page.siteUrl });
  return (
    <>
      {event.isTranslated ? null : (
        <p class="notice" role="note">
          {ctx.t('learn.workshops.notTranslated', { language: languageNameIn(ctx.language, event.textLanguage) })}
        </p>
      )}
      <div class="content" lang={event.isTranslated ? undefined : event.textLanguage} dangerouslySetInnerHTML={{ __html: html }} />
      <p hidden id={OUTSIDE_LINK_NOTE_ID}>
        {ctx.t('learn.workshops.outsideLinkNote')}
      </p>
    </>
  );
}

/** Why a registration cannot be taken, said honestly. */
export type Refusal = 'closed' | 'cancelled' | 'full' | 'already';

/** One event: its facts, description and the registration form while registration is open. */
export function WorkshopEventPage({
  ctx,
  event,
  page,
  form,
  refusal,
}: {
  ctx: PageContext;
  event: EventView;
  page: WorkshopPageSettings;
  form: FormState;
  refusal: Refusal | null;
}) {
  const { t } = ctx;
  const isFull = event.confirmed >= event.capacity && event.waiting >= event.capacity;
  return (
    <Layout ctx={ctx} title={event.title}>
      <BackLink href={WORKSHOP_PATHS.list} label={t('learn.workshops.back')} />
      {refusal ? (
        <div class="notice" role="alert">
          <p>{t(`learn.workshops.refusal.${refusal}`)}</p>
        </div>
      ) : null}
      <Facts ctx={ctx} event={event} page={page} />
      <Description ctx={ctx} event={event} page={page} />
      <section aria-labelledby="register-title">
        <h2 id="register-title">{t('learn.workshops.register.title')}</h2>
        {event.state === 'cancelled' ? (
          <p>{t('learn.workshops.refusal.cancelled')}</p>
        ) : !event.isOpen ? (
          <p>{t('learn.workshops.refusal.closed')}</p>
        ) : isFull ? (
          <p>{t('learn.workshops.refusal.full')}</p>
        ) : (
          <>
            {event.confirmed >= event.capacity ? <p>{t('learn.workshops.register.waitingNote')}</p> : null}
            <ErrorSummary ctx={ctx} form={form} />
            <Form ctx={ctx} action={workshopPath(WORKSHOP_PATHS.register, event.id)} label={t('learn.workshops.register.title')}>
              <TextField form={form} name="name" label={t('learn.workshops.register.name')} autocomplete="name" isRequired />
              <TextField
                form={form}
                name="contact"
                label={t('learn.workshops.register.contact')}
                hint={t('learn.workshops.register.contactHint')}
                autocomplete="email"
                dir="ltr"
                isRequired
              />
              <TextArea
                form={form}
                name="needs"
                label={t('learn.workshops.register.needs')}
                hint={t('learn.workshops.register.needsHint')}
                rows={3}
                maxLength={1000}
              />
              <Checkbox form={form} name="consent" label={t('learn.workshops.register.consent')} hint={t('learn.workshops.register.consentHint')} />
              <SubmitButton>{t('learn.workshops.register.submit')}</SubmitButton>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}

/** The answer to a registration: a seat or a place on the waiting list, and where the message went. */
export function RegisteredPage({ ctx, event, status }: { ctx: PageContext; event: EventView; status: 'confirmed' | 'waiting' }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`learn.workshops.registered.${status}.title`)}>
      <div class="notice" role="status">
        <p>{t(`learn.workshops.registered.${status}.body`, { title: event.title })}</p>
      </div>
      <p>{t('learn.workshops.registered.message')}</p>
      <p>
        <a href={workshopPath(WORKSHOP_PATHS.event, event.id)}>{t('learn.workshops.registered.backToEvent')}</a>
      </p>
    </Layout>
  );
}

/** A person's own registration, reached by the private link: its state, cancelling, and the feedback form after the event. */
export function OwnRegistrationPage({
  ctx,
  token,
  view,
  form,
  message,
}: {
  ctx: PageContext;
  token: string;
  view: OwnRegistrationView;
  form: FormState;
  message: string | null;
}) {
  const { t } = ctx;
  const { event } = view;
  return (
    <Layout ctx={ctx} title={t('learn.workshops.own.title')}>
      <StatusNotice message={message} />
      <h2>
        <Title event={event} />
      </h2>
      <p>{when(ctx, event, ctx.jurisdiction.timeZone)}</p>
      <p>{t(`learn.workshops.own.status.${view.status}`)}</p>
      {event.state === 'cancelled' ? <p>{t('learn.workshops.refusal.cancelled')}</p> : null}
      {view.canCancel ? (
        <Form ctx={ctx} action={workshopPath(WORKSHOP_PATHS.cancel, token)} label={t('learn.workshops.own.cancel')}>
          <p>{t('learn.workshops.own.cancelHint')}</p>
          <SubmitButton>{t('learn.workshops.own.cancel')}</SubmitButton>
        </Form>
      ) : null}
      {view.hasGivenFeedback ? <p>{t('learn.workshops.feedback.thanks')}</p> : null}
      {view.canGiveFeedback ? (
        <section aria-labelledby="feedback-title">
          <h2 id="feedback-title">{t('learn.workshops.feedback.title')}</h2>
          <p>{t('learn.workshops.feedback.anonymous')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <Form ctx={ctx} action={workshopPath(WORKSHOP_PATHS.feedback, token)} label={t('learn.workshops.feedback.title')}>
            <RadioGroup
              form={form}
              name="rating"
              legend={t('learn.workshops.feedback.rating')}
              choices={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`learn.workshops.feedback.rating${n}`) }))}
              isRequired
            />
            <TextArea
              form={form}
              name="comment"
              label={t('learn.workshops.feedback.comment')}
              hint={t('learn.workshops.feedback.commentHint')}
              rows={4}
              maxLength={2000}
            />
            <SubmitButton>{t('learn.workshops.feedback.submit')}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

/** The staff list of events. */
export function StaffListPage({ ctx, events }: { ctx: PageContext; events: EventView[] }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.workshops.staff.title')}>
      <p>
        <a class="button" href={WORKSHOP_PATHS.staffNew}>
          {t('learn.workshops.staff.new')}
        </a>
      </p>
      {events.length === 0 ? (
        <p>{t('learn.workshops.staff.none')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.workshops.staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.workshops.staff.event')}</th>
                <th scope="col">{t('learn.workshops.when')}</th>
                <th scope="col">{t('learn.workshops.staff.state')}</th>
                <th scope="col">{t('learn.workshops.seats')}</th>
                <th scope="col">{t('learn.workshops.staff.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={workshopPath(WORKSHOP_PATHS.staffEvent, e.id)}>
                      <Title event={e} />
                    </a>
                  </td>
                  <td>{format.dateTime(e.startsAt)}</td>
                  <td>{t(`learn.workshops.state.${e.state}`)}</td>
                  <td>
                    <a href={workshopPath(WORKSHOP_PATHS.staffRegistrations, e.id)}>
                      {t('learn.workshops.staff.seatsTaken', { taken: e.confirmed, capacity: e.capacity })}
                    </a>
                  </td>
                  <td>{format.number(e.waiting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** The staff's form to write or change an event, with its publish and cancel actions. */
export function StaffEventPage({
  ctx,
  event,
  form,
  page,
  arrangements,
}: {
  ctx: PageContext;
  event: EventView | null;
  form: FormState;
  page: WorkshopPageSettings;
  arrangements: readonly string[];
}) {
  const { t } = ctx;
  const s = page.settings;
  const action = event ? workshopPath(WORKSHOP_PATHS.staffEvent, event.id) : WORKSHOP_PATHS.staffNew;
  return (
    <Layout ctx={ctx} title={event ? t('learn.workshops.staff.edit') : t('learn.workshops.staff.new')}>
      <BackLink href={WORKSHOP_PATHS.staffList} label={t('learn.workshops.staff.back')} />
      {event ? (
        <p>
          {t('learn.workshops.staff.stateIs', { state: t(`learn.workshops.state.${event.state}`) })}{' '}
          {event.state === 'published' ? t('learn.workshops.staff.sequenceNote', { sequence: event.sequence }) : null}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={action} label={t('learn.workshops.staff.formLabel')}>
        {SUPPORTED_LANGUAGES.map((language) => (
          <fieldset key={language} lang={language} dir={ctx.catalogs.direction(language)}>
            <legend lang={ctx.language} dir={ctx.direction}>
              {languageNameIn(ctx.language, language)}
            </legend>
            <TextField form={form} name={`title_${language}`} label={t('learn.workshops.staff.titleField')} />
            <TextArea
              form={form}
              name={`description_${language}`}
              label={t('learn.workshops.staff.descriptionField')}
              hint={t('learn.workshops.staff.descriptionHint')}
              rows={5}
            />
          </fieldset>
        ))}
        <SelectField
          form={form}
          name="heldLanguage"
          label={t('learn.workshops.heldIn')}
          options={SUPPORTED_LANGUAGES.map((l) => ({ value: l, label: languageNameIn(ctx.language, l) }))}
          isRequired
        />
        <SelectField
          form={form}
          name="topic"
          label={t('learn.workshops.topicLabel')}
          options={s.topics.map((v) => ({ value: v, label: t(`learn.workshops.topic.${v}`) }))}
          isRequired
        />
        <SelectField
          form={form}
          name="audience"
          label={t('learn.workshops.audienceLabel')}
          options={AUDIENCES.map((v) => ({ value: v, label: t(`learn.workshops.audience.${v}`) }))}
          isRequired
        />
        <RadioGroup
          form={form}
          name="placeKind"
          legend={t('learn.workshops.staff.placeKind')}
          choices={[
            { value: 'venue', label: t('learn.workshops.staff.venue') },
            { value: 'online', label: t('learn.workshops.online') },
          ]}
          isRequired
        />
        <SelectField
          form={form}
          name="region"
          label={t('learn.workshops.filter.region')}
          hint={t('learn.workshops.staff.regionHint')}
          placeholder={t('learn.workshops.staff.choose')}
          options={s.regions.map((r) => ({ value: r.code, label: regionName(ctx, s, r.code) }))}
        />
        <TextField form={form} name="address" label={t('learn.workshops.staff.address')} hint={t('learn.workshops.staff.addressHint')} />
        <TextField
          form={form}
          name="onlineLink"
          type="url"
          dir="ltr"
          label={t('learn.workshops.staff.onlineLink')}
          hint={t('learn.workshops.staff.onlineLinkHint')}
        />
        <TextField
          form={form}
          name="date"
          type="date"
          dir="ltr"
          label={t('learn.workshops.staff.date')}
          hint={t('learn.workshops.staff.dateHint', { zone: ctx.jurisdiction.timeZone })}
          isRequired
        />
        <TextField form={form} name="startTime" dir="ltr" label={t('learn.workshops.staff.startTime')} hint={t('learn.workshops.staff.timeHint')} isRequired />
        <TextField form={form} name="endTime" dir="ltr" label={t('learn.workshops.staff.endTime')} hint={t('learn.workshops.staff.timeHint')} isRequired />
        <TextField form={form} name="capacity" inputMode="numeric" dir="ltr" label={t('learn.workshops.staff.capacity')} isRequired />
        <CheckboxGroup
          form={form}
          name="arrangements"
          legend={t('learn.workshops.arrangementsLabel')}
          choices={s.arrangements.map((a) => ({ value: a, label: t(`learn.workshops.arrangement.${a}`) }))}
          checked={arrangements}
        />
        <SubmitButton>{t('learn.workshops.staff.save')}</SubmitButton>
      </Form>
      {event ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">{t('learn.workshops.staff.actions')}</h2>
          <ul>
            <li>
              <a href={workshopPath(WORKSHOP_PATHS.staffRegistrations, event.id)}>{t('learn.workshops.staff.registrations')}</a>
            </li>
            <li>
              <a href={workshopPath(WORKSHOP_PATHS.staffFeedback, event.id)}>{t('learn.workshops.staff.feedback')}</a>
            </li>
            {event.state === 'published' ? (
              <li>
                <a href={workshopPath(WORKSHOP_PATHS.event, event.id)}>{t('learn.workshops.staff.publicPage')}</a>
              </li>
            ) : null}
          </ul>
          {event.state === 'draft' ? (
            <LinkButtonForm ctx={ctx} action={workshopPath(WORKSHOP_PATHS.staffPublish, event.id)}>
              {t('learn.workshops.staff.publish')}
            </LinkButtonForm>
          ) : null}
          {event.state !== 'cancelled' ? (
            <Form ctx={ctx} action={workshopPath(WORKSHOP_PATHS.staffCancel, event.id)} label={t('learn.workshops.staff.cancel')}>
              <p>{t('learn.workshops.staff.cancelHint')}</p>
              <button type="submit" class="button button-secondary">
                {t('learn.workshops.staff.cancel')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

/** The staff's list of registrations with the waiting list, attendance, the export and the feedback request. */
export function StaffRegistrationsPage({
  ctx,
  event,
  registrations,
  message,
}: {
  ctx: PageContext;
  event: EventView;
  registrations: RegistrationView[];
  message: string | null;
}) {
  const { t, format } = ctx;
  const confirmed = registrations.filter((r) => r.status === 'confirmed');
  const others = registrations.filter((r) => r.status !== 'confirmed');
  const row = (r: RegistrationView, withAttendance: boolean) => (
    <tr key={r.id}>
      {withAttendance ? (
        <td>
          <input
            type="checkbox"
            id={`attended-${r.id}`}
            name="attended"
            value={r.id}
            checked={r.attended}
            aria-label={t('learn.workshops.staff.attendedOf', { name: r.name })}
          />
        </td>
      ) : null}
      <td>{r.isErased ? t('learn.workshops.staff.erased') : <bdi>{r.name}</bdi>}</td>
      <td dir="ltr">{r.contact}</td>
      <td>{r.needs === '' ? '' : <bdi>{r.needs}</bdi>}</td>
      <td>{languageNameIn(ctx.language, r.language)}</td>
      <td>{format.dateTime(r.registeredAt)}</td>
      {withAttendance ? null : <td>{t(`learn.workshops.status.${r.status}`)}</td>}
    </tr>
  );
  const head = (withAttendance: boolean) => (
    <thead>
      <tr>
        {withAttendance ? <th scope="col">{t('learn.workshops.staff.attended')}</th> : null}
        <th scope="col">{t('learn.workshops.csv.name')}</th>
        <th scope="col">{t('learn.workshops.csv.contact')}</th>
        <th scope="col">{t('learn.workshops.csv.needs')}</th>
        <th scope="col">{t('learn.workshops.csv.language')}</th>
        <th scope="col">{t('learn.workshops.csv.registered_at')}</th>
        {withAttendance ? null : <th scope="col">{t('learn.workshops.csv.status')}</th>}
      </tr>
    </thead>
  );
  return (
    <Layout ctx={ctx} title={t('learn.workshops.staff.registrationsOf', { title: event.title })}>
      <BackLink href={workshopPath(WORKSHOP_PATHS.staffEvent, event.id)} label={t('learn.workshops.staff.backToEvent')} />
      <StatusNotice message={message} />
      <p class="notice" role="note">
        {t('learn.workshops.staff.personalData')}
      </p>
      <p>{t('learn.workshops.staff.seatsTaken', { taken: event.confirmed, capacity: event.capacity })}</p>
      <Form ctx={ctx} action={workshopPath(WORKSHOP_PATHS.staffAttendance, event.id)} label={t('learn.workshops.staff.attendance')}>
        <TableRegion>
          <table>
            <caption>{t('learn.workshops.staff.confirmedCaption', { count: confirmed.length })}</caption>
            {head(true)}
            <tbody>{confirmed.map((r) => row(r, true))}</tbody>
          </table>
        </TableRegion>
        <SubmitButton>{t('learn.workshops.staff.saveAttendance')}</SubmitButton>
      </Form>
      <TableRegion>
        <table>
          <caption>{t('learn.workshops.staff.othersCaption', { count: others.length })}</caption>
          {head(false)}
          <tbody>{others.map((r) => row(r, false))}</tbody>
        </table>
      </TableRegion>
      <h2>{t('learn.workshops.staff.export')}</h2>
      <p>{t('learn.workshops.staff.exportNote')}</p>
      <p>
        <a href={workshopPath(WORKSHOP_PATHS.staffExport, event.id)} download>
          {t('learn.workshops.staff.exportLink')}
        </a>
      </p>
      {event.isPast && event.state === 'published' ? (
        <>
          <h2>{t('learn.workshops.staff.askFeedback')}</h2>
          <Form ctx={ctx} action={workshopPath(WORKSHOP_PATHS.staffFeedback, event.id)} label={t('learn.workshops.staff.askFeedback')}>
            <p>{t('learn.workshops.staff.askFeedbackHint')}</p>
            <SubmitButton>{t('learn.workshops.staff.askFeedbackSubmit')}</SubmitButton>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

/** The feedback of one event: counts per rating, the average and the comments, none with a name. */
export function StaffFeedbackPage({ ctx, event, results, message }: { ctx: PageContext; event: EventView; results: FeedbackResults; message: string | null }) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.workshops.staff.feedbackOf', { title: event.title })}>
      <BackLink href={workshopPath(WORKSHOP_PATHS.staffEvent, event.id)} label={t('learn.workshops.staff.backToEvent')} />
      <StatusNotice message={message} />
      <p>{t('learn.workshops.staff.feedbackCount', { count: results.count })}</p>
      {results.average === null ? null : <p>{t('learn.workshops.staff.feedbackAverage', { average: format.number(results.average) })}</p>}
      <TableRegion>
        <table>
          <caption>{t('learn.workshops.staff.ratingsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('learn.workshops.feedback.rating')}</th>
              <th scope="col">{t('learn.workshops.staff.answers')}</th>
            </tr>
          </thead>
          <tbody>
            {[5, 4, 3, 2, 1].map((n) => (
              <tr key={n}>
                <th scope="row">{t(`learn.workshops.feedback.rating${n}`)}</th>
                <td>{format.number(results.byRating[n - 1] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>{t('learn.workshops.staff.comments')}</h2>
      {results.comments.length === 0 ? (
        <p>{t('learn.workshops.staff.noComments')}</p>
      ) : (
        <ul>
          {results.comments.map((c, i) => (
            <li key={i}>
              <bdi>{c}</bdi>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
