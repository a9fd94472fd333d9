import type { ComponentChildren } from 'preact';
import { Layout, type HeadElement } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import {
  BackLink,
  ErrorSummary,
  FileField,
  Form,
  Pager,
  QueryForm,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';
import { LIBRARY_PATHS, libraryDocumentPath, libraryFilePath, libraryPath } from './library.paths.ts';
import { ALL_RIGHTS_RESERVED, type LibrarySettings } from './library.settings.ts';
import type { LibraryFilters, LibraryMove, LibraryQueueItem, OpenedInvitation, PublicDocument, StaffDocument } from './library.service.ts';
import { languageNameIn } from '../shared/language-names.ts';
import { localeOf } from '../../../platform/i18n/index.ts';

/** The public list as its page shows it. */
export interface LibraryListView {
  documents: PublicDocument[];
  total: number;
  page: number;
  pageCount: number;
  choices: { type: string[]; topic: string[]; country: string[]; language: string[]; year: string[] };
}

function regionName(ctx: PageContext, code: string): string {
  return new Intl.DisplayNames([ctx.language], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

function licenceName(ctx: PageContext, licence: string): string {
  return licence === ALL_RIGHTS_RESERVED ? ctx.t('learn.library.licence.allRightsReserved') : licence;
}

/** A W3C date as the reader's language says it: a year alone stays a year. */
function issuedDate(ctx: PageContext, issued: string): string {
  if (issued.length === 4) return issued;
  if (issued.length === 7)
    return new Intl.DateTimeFormat(localeOf(ctx.language), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${issued}-01T00:00:00Z`));
  return ctx.format.date(`${issued}T12:00:00Z`);
}

/** The title and summary a reader of `language` sees: the translation in their language when there is one. */
function shownText(doc: PublicDocument, language: string) {
  const translation = doc.language === language ? undefined : doc.translations.find((t) => t.language === language);
  return translation
    ? { title: translation.title, abstract: translation.abstract, lang: language }
    : { title: doc.title, abstract: doc.abstract, lang: doc.language };
}

function listHref(filters: LibraryFilters, page: number, language: string): string {
  const query = new URLSearchParams({ lang: language });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, String(value));
  if (page > 1) query.set('page', String(page));
  return `${LIBRARY_PATHS.list}?${query.toString()}`;
}

/** The public list of published documents, with its filters, newest first. */
export function LibraryListPage({ ctx, view, filters }: { ctx: PageContext; view: LibraryListView; filters: LibraryFilters }) {
  const { t } = ctx;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string') values[key] = value;
  const form: FormState = { values, problems: [] };
  const any = t('learn.library.any');
  const options = (values: string[], label: (v: string) => string) => values.map((value) => ({ value, label: label(value) }));
  return (
    <Layout ctx={ctx} title={t('learn.library.title')}>
      <p class="lead">{t('learn.library.intro', { authority: ctx.jurisdiction.authority.name })}</p>
      <QueryForm ctx={ctx} action={LIBRARY_PATHS.list} label={t('learn.library.filters')}>
        <SelectField
          form={form}
          name="type"
          label={t('learn.library.field.type')}
          placeholder={any}
          options={options(view.choices.type, (v) => t(`learn.library.type.${v}`))}
        />
        <SelectField
          form={form}
          name="topic"
          label={t('learn.library.field.topic')}
          placeholder={any}
          options={options(view.choices.topic, (v) => t(`learn.library.topic.${v}`))}
        />
        <SelectField
          form={form}
          name="country"
          label={t('learn.library.field.country')}
          placeholder={any}
          options={options(view.choices.country, (v) => regionName(ctx, v))}
        />
        <SelectField
          form={form}
          name="language"
          label={t('learn.library.field.language')}
          placeholder={any}
          options={options(view.choices.language, (v) => languageNameIn(ctx.language, v))}
        />
        <SelectField form={form} name="year" label={t('learn.library.field.year')} placeholder={any} options={options(view.choices.year, (v) => v)} />
        <SubmitButton>{t('learn.library.filter')}</SubmitButton>
      </QueryForm>
      <p role="status">{t('learn.library.count', { count: view.total })}</p>
      <ul class="result-list">
        {view.documents.map((doc) => {
          const shown = shownText(doc, ctx.language);
          return (
            <li key={doc.id}>
              <h2>
                <a href={`${libraryDocumentPath(doc.id)}?lang=${ctx.language}`} lang={shown.lang} dir="auto">
                  {shown.title}
                </a>
              </h2>
              <p class="hint">
                <bdi>{doc.issuer}</bdi> · {issuedDate(ctx, doc.issued)} · {t(`learn.library.type.${doc.doc_type}`)} ·{' '}
                {languageNameIn(ctx.language, doc.language)}
              </p>
              <p lang={shown.lang} dir="auto">
                {shown.abstract}
              </p>
            </li>
          );
        })}
      </ul>
      <Pager
        page={view.page}
        pages={view.pageCount}
        hrefOf={(page) => listHref(filters, page, ctx.language)}
        labels={{
          nav: t('learn.library.pages'),
          previous: t('learn.library.previous'),
          next: t('learn.library.next'),
          pageOf: t('learn.library.pageOf', { page: view.page, pages: view.pageCount }),
        }}
      />
      <h2>{t('learn.library.exports.title')}</h2>
      <p>{t('learn.library.exports.about')}</p>
      <ul>
        <li>
          <a href={LIBRARY_PATHS.csv}>{t('learn.library.exports.csv')}</a>
        </li>
        <li>
          <a href={LIBRARY_PATHS.json}>{t('learn.library.exports.json')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** The Dublin Core metadata of a document as a definition list. */
function MetadataList({ ctx, doc, children }: { ctx: PageContext; doc: PublicDocument | StaffDocument; children?: ComponentChildren }) {
  const { t } = ctx;
  return (
    <dl class="summary-list summary-list-plain">
      <dt>{t('learn.library.field.title')}</dt>
      <dd lang={doc.language} dir="auto">
        {doc.title}
      </dd>
      <dt>{t('learn.library.field.issuer')}</dt>
      <dd dir="auto">{doc.issuer}</dd>
      <dt>{t('learn.library.field.issued')}</dt>
      <dd>
        <time dateTime={doc.issued}>{issuedDate(ctx, doc.issued)}</time>
      </dd>
      <dt>{t('learn.library.field.language')}</dt>
      <dd>{languageNameIn(ctx.language, doc.language)}</dd>
      <dt>{t('learn.library.field.type')}</dt>
      <dd>{t(`learn.library.type.${doc.doc_type}`)}</dd>
      <dt>{t('learn.library.field.topic')}</dt>
      <dd>{t(`learn.library.topic.${doc.topic}`)}</dd>
      <dt>{t('learn.library.field.country')}</dt>
      <dd>{doc.country ? regionName(ctx, doc.country) : t('learn.library.international')}</dd>
      <dt>{t('learn.library.field.licence')}</dt>
      <dd dir="ltr">{licenceName(ctx, doc.licence)}</dd>
      {children}
    </dl>
  );
}

/**
 * The document's Dublin Core elements for the page's head (DC-HTML): the same values, codes and
 * keys as the library's CSV and JSON export, so a harvester reads one vocabulary. The
 * identifier is the document's own link; an international document has no coverage.
 */
export function dublinCoreHead(doc: PublicDocument): HeadElement[] {
  const meta = (name: string, content: string, lang?: string): HeadElement => ({ kind: 'meta', name: `DC.${name}`, content, lang });
  return [
    { kind: 'link', rel: 'schema.DC', href: 'http://purl.org/dc/elements/1.1/' },
    meta('title', doc.title, doc.language),
    meta('creator', doc.issuer),
    meta('publisher', doc.issuer),
    meta('date', doc.issued),
    meta('language', doc.language),
    meta('type', doc.doc_type),
    meta('subject', doc.topic),
    ...(doc.country ? [meta('coverage', doc.country)] : []),
    meta('rights', doc.licence),
    ...(doc.link ? [meta('identifier', doc.link)] : []),
  ];
}

/** One published document: its metadata, its summary (and the reader's translation), the link and the PDF. */
export function LibraryDocumentPage({ ctx, doc }: { ctx: PageContext; doc: PublicDocument }) {
  const { t } = ctx;
  const translation = doc.language === ctx.language ? undefined : doc.translations.find((x) => x.language === ctx.language);
  return (
    <Layout ctx={ctx} title={doc.title} head={dublinCoreHead(doc)}>
      <BackLink href={`${LIBRARY_PATHS.list}?lang=${ctx.language}`} label={t('learn.library.back')} />
      {translation ? (
        <section aria-labelledby="library-translation">
          <h2 id="library-translation">{t('learn.library.translation')}</h2>
          <p>
            <strong>{translation.title}</strong>
          </p>
          <p>{translation.abstract}</p>
        </section>
      ) : null}
      <h2>{t('learn.library.abstract')}</h2>
      <p lang={doc.language} dir="auto">
        {doc.abstract}
      </p>
      <h2>{t('learn.library.metadata')}</h2>
      <MetadataList ctx={ctx} doc={doc} />
      <ul>
        {doc.link ? (
          <li>
            <a href={doc.link} rel="noopener noreferrer" dir="auto">
              {t('learn.library.openSource')}
            </a>
          </li>
        ) : null}
        {doc.has_file ? (
          <li>
            <a href={libraryFilePath(doc.id)} type="application/pdf">
              {t('learn.library.downloadPdf')}
            </a>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}

/** The fields of a submission, shared by staff and invited contributors. */
function SubmissionFields({ ctx, form, settings }: { ctx: PageContext; form: FormState; settings: LibrarySettings }) {
  const { t } = ctx;
  return (
    <>
      <TextField form={form} name="title" label={t('learn.library.field.title')} hint={t('learn.library.hint.title')} isRequired />
      <TextField form={form} name="issuer" label={t('learn.library.field.issuer')} hint={t('learn.library.hint.issuer')} isRequired />
      <TextField form={form} name="issued" label={t('learn.library.field.issued')} hint={t('learn.library.hint.issued')} dir="ltr" isRequired />
      <TextField form={form} name="language" label={t('learn.library.field.language')} hint={t('learn.library.hint.language')} dir="ltr" isRequired />
      <SelectField
        form={form}
        name="type"
        label={t('learn.library.field.type')}
        placeholder={t('learn.library.choose')}
        options={settings.documentTypes.map((v) => ({ value: v, label: t(`learn.library.type.${v}`) }))}
        isRequired
      />
      <SelectField
        form={form}
        name="topic"
        label={t('learn.library.field.topic')}
        placeholder={t('learn.library.choose')}
        options={settings.topics.map((v) => ({ value: v, label: t(`learn.library.topic.${v}`) }))}
        isRequired
      />
      <TextField form={form} name="country" label={t('learn.library.field.country')} hint={t('learn.library.hint.country')} dir="ltr" />
      <SelectField
        form={form}
        name="licence"
        label={t('learn.library.field.licence')}
        placeholder={t('learn.library.choose')}
        options={settings.licences.map((v) => ({ value: v, label: licenceName(ctx, v) }))}
        isRequired
      />
      <TextArea form={form} name="abstract" label={t('learn.library.field.abstract')} hint={t('learn.library.hint.abstract')} isRequired />
      <TextField form={form} name="link" type="url" label={t('learn.library.field.link')} hint={t('learn.library.hint.link')} dir="ltr" />
      <FileField
        form={form}
        name="file"
        label={t('learn.library.field.file')}
        hint={t('learn.library.hint.file', { megabytes: Math.round(settings.maxFileBytes / 100_000) / 10 })}
        accept="application/pdf"
      />
      <TextArea form={form} name="fullText" label={t('learn.library.field.fullText')} hint={t('learn.library.hint.fullText')} rows={8} />
    </>
  );
}

/** The invited contributor's form: only their own invitation, no account. */
export function ContributePage({
  ctx,
  invitation,
  form,
  settings,
  action,
}: {
  ctx: PageContext;
  invitation: Extract<OpenedInvitation, { state: 'open' }>;
  form: FormState;
  settings: LibrarySettings;
  action: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.library.contribute.title')}>
      <ErrorSummary ctx={ctx} form={form} />
      <p class="lead">{t('learn.library.contribute.greeting', { name: invitation.name, authority: ctx.jurisdiction.authority.name })}</p>
      <p>{t('learn.library.contribute.until', { date: ctx.format.date(invitation.expiresAt) })}</p>
      <Form ctx={ctx} action={action} enctype="multipart/form-data">
        <SubmissionFields ctx={ctx} form={form} settings={settings} />
        <SubmitButton>{t('learn.library.contribute.send')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The answer to a link that no longer opens a form, or to a sent document. */
export function ContributeMessagePage({ ctx, kind }: { ctx: PageContext; kind: 'used' | 'expired' | 'thanks' }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(kind === 'thanks' ? 'learn.library.contribute.thanksTitle' : 'learn.library.contribute.closedTitle')}>
      <p>{t(`learn.library.contribute.${kind}`)}</p>
    </Layout>
  );
}

/** The staff's queue: documents to review, invitations waiting, decided documents. */
export function LibraryStaffPage({
  ctx,
  view,
}: {
  ctx: PageContext;
  view: {
    waiting: LibraryQueueItem[];
    decided: LibraryQueueItem[];
    invitations: { id: string; name: string; language: string; createdAt: string; expiresAt: string; isExpired: boolean }[];
  };
}) {
  const { t, format } = ctx;
  const table = (rows: LibraryQueueItem[], caption: string) => (
    <TableRegion>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('learn.library.field.title')}</th>
            <th scope="col">{t('learn.library.field.state')}</th>
            <th scope="col">{t('learn.library.staff.sourceLabel')}</th>
            <th scope="col">{t('learn.library.staff.submitted')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <a href={libraryPath(LIBRARY_PATHS.staffDocument, row.id)} lang={row.language} dir="auto">
                  {row.title}
                </a>
              </td>
              <td>{t(`learn.library.state.${row.state}`)}</td>
              <td>{t(`learn.library.staff.source.${row.source}`)}</td>
              <td>{format.dateTime(row.submitted_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
  return (
    <Layout ctx={ctx} title={t('learn.library.staff.title')}>
      <ul>
        <li>
          <a href={LIBRARY_PATHS.staffNew}>{t('learn.library.staff.new')}</a>
        </li>
        <li>
          <a href={LIBRARY_PATHS.staffInvite}>{t('learn.library.staff.invite')}</a>
        </li>
        <li>
          <a href={LIBRARY_PATHS.list}>{t('learn.library.staff.publicList')}</a>
        </li>
      </ul>
      <h2>{t('learn.library.staff.waiting')}</h2>
      {view.waiting.length === 0 ? <p>{t('learn.library.staff.noneWaiting')}</p> : table(view.waiting, t('learn.library.staff.waiting'))}
      <h2>{t('learn.library.staff.invitations')}</h2>
      {view.invitations.length === 0 ? (
        <p>{t('learn.library.staff.noneInvitations')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.library.staff.invitations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.library.staff.name')}</th>
                <th scope="col">{t('learn.library.field.language')}</th>
                <th scope="col">{t('learn.library.staff.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {view.invitations.map((i) => (
                <tr key={i.id}>
                  <td dir="auto">{i.name}</td>
                  <td>{languageNameIn(ctx.language, i.language)}</td>
                  <td>{i.isExpired ? t('learn.library.staff.expired') : format.dateTime(i.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>{t('learn.library.staff.decided')}</h2>
      {view.decided.length === 0 ? <p>{t('learn.library.staff.noneDecided')}</p> : table(view.decided, t('learn.library.staff.decided'))}
    </Layout>
  );
}

/** The staff's form to add a document. */
export function LibraryStaffNewPage({ ctx, form, settings }: { ctx: PageContext; form: FormState; settings: LibrarySettings }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.library.staff.newTitle')}>
      <BackLink href={LIBRARY_PATHS.staff} label={t('learn.library.staff.back')} />
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={LIBRARY_PATHS.staffNew} enctype="multipart/form-data">
        <SubmissionFields ctx={ctx} form={form} settings={settings} />
        <SubmitButton>{t('learn.library.staff.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** The staff's form to invite a contributor, and what it sent. */
export function LibraryInvitePage({ ctx, form, days, sentTo }: { ctx: PageContext; form: FormState; days: number; sentTo: string | null }) {
  const { t } = ctx;
  const languages = SUPPORTED_LANGUAGES.filter((l) => ctx.jurisdiction.languages.includes(l)).map((l) => ({
    value: l,
    label: languageNameIn(ctx.language, l),
  }));
  return (
    <Layout ctx={ctx} title={t('learn.library.staff.inviteTitle')}>
      <BackLink href={LIBRARY_PATHS.staff} label={t('learn.library.staff.back')} />
      {sentTo !== null ? (
        <p role="status" class="notice">
          {t('learn.library.staff.inviteSent', { name: sentTo })}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('learn.library.staff.inviteIntro', { days })}</p>
      <Form ctx={ctx} action={LIBRARY_PATHS.staffInvite}>
        <TextField form={form} name="name" label={t('learn.library.staff.name')} autocomplete="off" isRequired />
        <TextField form={form} name="email" type="email" label={t('learn.library.staff.email')} autocomplete="off" isRequired />
        <SelectField form={form} name="language" label={t('learn.library.staff.inviteLanguage')} options={languages} isRequired />
        <SubmitButton>{t('learn.library.staff.inviteSend')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** What the staff's document page may show after a refused action. */
export interface StaffDocumentForms {
  move?: FormState;
  translation?: FormState;
  isConflict?: boolean;
}

const MOVES_FROM: Record<string, LibraryMove[]> = {
  submitted: ['review', 'reject'],
  in_review: ['publish', 'reject'],
  published: ['withdraw'],
  rejected: [],
  withdrawn: [],
};

/** A document as staff review it: metadata, contributor, summary, full text, the moves open from its state, and translations. */
export function LibraryStaffDocumentPage({ ctx, doc, forms }: { ctx: PageContext; doc: StaffDocument; forms: StaffDocumentForms }) {
  const { t } = ctx;
  const moves = MOVES_FROM[doc.state] ?? [];
  const moveForm = forms.move ?? { values: {}, problems: [] };
  const translationForm = forms.translation ?? { values: {}, problems: [] };
  const languages = SUPPORTED_LANGUAGES.filter((l) => l !== doc.language).map((l) => ({ value: l, label: languageNameIn(ctx.language, l) }));
  return (
    <Layout ctx={ctx} title={doc.title}>
      <BackLink href={LIBRARY_PATHS.staff} label={t('learn.library.staff.back')} />
      {forms.isConflict ? (
        <p role="alert" class="notice">
          {t('learn.library.staff.conflict')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} form={{ values: {}, problems: [...moveForm.problems, ...translationForm.problems] }} />
      <MetadataList ctx={ctx} doc={doc}>
        <dt>{t('learn.library.field.state')}</dt>
        <dd>{t(`learn.library.state.${doc.state}`)}</dd>
        <dt>{t('learn.library.staff.sourceLabel')}</dt>
        <dd>{t(`learn.library.staff.source.${doc.source}`)}</dd>
        {doc.source === 'contributor' ? (
          <>
            <dt>{t('learn.library.staff.contributor')}</dt>
            <dd dir="auto">{doc.contributor ? `${doc.contributor.name} <${doc.contributor.email}>` : t('learn.library.staff.contributorGone')}</dd>
          </>
        ) : null}
        {doc.decision_reason ? (
          <>
            <dt>{t('learn.library.staff.reasonGiven')}</dt>
            <dd class="pre-line" dir="auto">
              {doc.decision_reason}
            </dd>
          </>
        ) : null}
        {doc.link ? (
          <>
            <dt>{t('learn.library.field.link')}</dt>
            <dd dir="ltr">
              <a href={doc.link} rel="noopener noreferrer">
                {doc.link}
              </a>
            </dd>
          </>
        ) : null}
        {doc.has_file ? (
          <>
            <dt>{t('learn.library.field.file')}</dt>
            <dd>
              <a href={libraryPath(LIBRARY_PATHS.staffFile, doc.id)}>{t('learn.library.downloadPdf')}</a>
            </dd>
          </>
        ) : null}
      </MetadataList>
      <h2>{t('learn.library.abstract')}</h2>
      <p class="pre-line" lang={doc.language} dir="auto">
        {doc.abstract}
      </p>
      {doc.full_text ? (
        <details>
          <summary>{t('learn.library.field.fullText')}</summary>
          <p class="pre-line" lang={doc.language} dir="auto">
            {doc.full_text}
          </p>
        </details>
      ) : null}
      {doc.state === 'published' ? (
        <p>
          <a href={libraryDocumentPath(doc.id)}>{t('learn.library.staff.publicPage')}</a>
        </p>
      ) : null}
      {moves.length > 0 ? (
        <section aria-labelledby="library-decide">
          <h2 id="library-decide">{t('learn.library.staff.decide')}</h2>
          <Form ctx={ctx} action={libraryPath(LIBRARY_PATHS.staffMove, doc.id)}>
            <input type="hidden" name="version" value={String(doc.version)} />
            {moves.includes('reject') || moves.includes('withdraw') ? (
              <TextArea form={moveForm} name="reason" label={t('learn.library.staff.reason')} hint={t('learn.library.staff.reasonHint')} rows={3} />
            ) : null}
            <div class="button-group">
              {moves.map((move) => (
                <button
                  key={move}
                  type="submit"
                  name="move"
                  value={move}
                  class={move === 'reject' || move === 'withdraw' ? 'button button-secondary' : 'button'}
                >
                  {t(`learn.library.staff.move.${move}`)}
                </button>
              ))}
            </div>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="library-translations">
        <h2 id="library-translations">{t('learn.library.staff.translations')}</h2>
        {doc.translations.length > 0 ? (
          <ul>
            {doc.translations.map((x) => (
              <li key={x.language}>
                {languageNameIn(ctx.language, x.language)}:{' '}
                <span lang={x.language} dir="auto">
                  {x.title}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <Form ctx={ctx} action={libraryPath(LIBRARY_PATHS.staffTranslate, doc.id)}>
          <SelectField
            form={translationForm}
            name="translationLanguage"
            label={t('learn.library.field.language')}
            placeholder={t('learn.library.choose')}
            options={languages}
            isRequired
          />
          <TextField form={translationForm} name="translationTitle" label={t('learn.library.field.title')} isRequired />
          <TextArea form={translationForm} name="translationAbstract" label={t('learn.library.field.abstract')} rows={4} isRequired />
          <SubmitButton>{t('learn.library.staff.translationSave')}</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}
