import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/web/layout.tsx';
import {
  BackLink,
  ErrorSummary,
  Form,
  ProblemBox,
  QueryForm,
  SecondaryButton,
  SelectField,
  SubmitButton,
  TableRegion,
  TextArea,
  TextField,
  type FormState,
} from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { CONTENT_STYLESHEET } from './content-article.views.tsx';
import { textDirection } from '../../../platform/i18n/index.ts';
import { languageNameIn } from '../shared/language-names.ts';
import { CONTENT_PATHS, itemPath, stepPath, textPath } from './content.paths.ts';
import {
  CONTENT_KINDS,
  TEXT_STATES,
  TEXT_VARIANTS,
  type ContentItem,
  type ContentKind,
  type ContentText,
  type ContentVersion,
  type CoverageRow,
  type TextVariant,
} from './content.service.ts';
import { OUTSIDE_LINK_NOTE_ID } from './markdown.ts';

/** The script of the editor's live preview, served from the module's assets. */
export const PREVIEW_SCRIPT = '/assets/learn/content-preview.js';

/** The staff list: texts as filtered, and every item. */
export interface ContentListView {
  texts: Array<ContentText & { kind: ContentKind; slug: string }>;
  items: ContentItem[];
  filter: { kind?: string; state?: string; language?: string };
  languages: readonly string[];
}

/** What the editor of one text shows. */
export interface TextEditorView {
  item: ContentItem;
  /** Undefined while the text is not yet written in this language and variant. */
  text: ContentText | undefined;
  language: string;
  variant: TextVariant;
  form: FormState;
  /** The rendered preview of the Markdown in the form, after "Preview". */
  previewHtml?: string;
  versions: ContentVersion[];
  /** The buttons this member of staff may use on the text as it is. */
  actions: { submit: boolean; publish: boolean; return: boolean; archive: boolean; restore: boolean };
  /** Whether the publish button is hidden only by the four-eyes rule. */
  isOwnWords: boolean;
  returnForm: FormState;
  /** A step that could not be done, said at the top. */
  problem?: 'conflict' | 'fourEyes' | 'wrongState';
  maxCharacters: number;
  /** The viewer's account id, so that their own changes read "You". */
  viewerId: string;
}

const languageOptions = (ctx: PageContext, languages: readonly string[]) => languages.map((l) => ({ value: l, label: languageNameIn(ctx.language, l) }));

function stateWords(ctx: PageContext, state: string): string {
  return ctx.t(`learn.content.state.${state}`);
}

function StaffLinks({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <ul class="content-actions">
      <li>
        <a href={CONTENT_PATHS.create}>{t('learn.content.list.create')}</a>
      </li>
      <li>
        <a href={CONTENT_PATHS.coverage}>{t('learn.content.coverage.title')}</a>
      </li>
    </ul>
  );
}

/** The list of texts with filters by kind, state and language, and every item. */
export function ContentListPage({ ctx, view }: { ctx: PageContext; view: ContentListView }) {
  const { t, format } = ctx;
  const filterForm: FormState = {
    values: { kind: view.filter.kind ?? '', state: view.filter.state ?? '', language: view.filter.language ?? '' },
    problems: [],
  };
  return (
    <Layout ctx={ctx} title={t('learn.content.staff.title')}>
      <p class="lead">{t('learn.content.list.intro')}</p>
      <StaffLinks ctx={ctx} />
      <QueryForm ctx={ctx} action={CONTENT_PATHS.list} label={t('learn.content.list.filterTitle')}>
        <SelectField
          form={filterForm}
          name="kind"
          label={t('learn.content.list.kindFilter')}
          placeholder={t('learn.content.list.allKinds')}
          options={CONTENT_KINDS.map((k) => ({ value: k, label: t(`learn.content.kind.${k}`) }))}
        />
        <SelectField
          form={filterForm}
          name="state"
          label={t('learn.content.list.stateFilter')}
          placeholder={t('learn.content.list.allStates')}
          options={TEXT_STATES.map((s) => ({ value: s, label: stateWords(ctx, s) }))}
        />
        <SelectField
          form={filterForm}
          name="language"
          label={t('learn.content.list.languageFilter')}
          placeholder={t('learn.content.list.allLanguages')}
          options={languageOptions(ctx, view.languages)}
        />
        <SubmitButton>{t('learn.content.list.filter')}</SubmitButton>
      </QueryForm>
      {view.texts.length === 0 ? (
        <p>{t('learn.content.list.empty')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.content.list.textsCaption', { count: view.texts.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.content.column.title')}</th>
                <th scope="col">{t('learn.content.column.kind')}</th>
                <th scope="col">{t('learn.content.column.language')}</th>
                <th scope="col">{t('learn.content.column.variant')}</th>
                <th scope="col">{t('learn.content.column.state')}</th>
                <th scope="col">{t('learn.content.column.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {view.texts.map((text) => (
                <tr key={text.id}>
                  <td>
                    <a href={textPath(text.itemId, text.language, text.variant)} lang={text.language} dir={textDirection(text.language)}>
                      {text.title}
                    </a>{' '}
                    <span dir="ltr">({text.slug})</span>
                  </td>
                  <td>{t(`learn.content.kind.${text.kind}`)}</td>
                  <td>{languageNameIn(ctx.language, text.language)}</td>
                  <td>{t(`learn.content.variant.${text.variant}`)}</td>
                  <td>{stateWords(ctx, text.state)}</td>
                  <td>{format.dateTime(text.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>{t('learn.content.list.itemsTitle')}</h2>
      {view.items.length === 0 ? (
        <p>{t('learn.content.list.noItems')}</p>
      ) : (
        <ul>
          {view.items.map((item) => (
            <li key={item.id}>
              <a href={itemPath(item.id)} dir="ltr">
                {item.slug}
              </a>{' '}
              ({t(`learn.content.kind.${item.kind}`)})
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The form that creates an item: its kind, address name, topic or course, and source language. */
export function NewItemPage(props: {
  ctx: PageContext;
  form: FormState;
  courses: readonly ContentItem[];
  topics: readonly string[];
  languages: readonly string[];
}) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.content.create.title')}>
      <BackLink href={CONTENT_PATHS.list} label={t('learn.content.back.list')} />
      <ErrorSummary ctx={ctx} form={form} />
      <p>{t('learn.content.create.intro')}</p>
      <Form ctx={ctx} action={CONTENT_PATHS.create}>
        <SelectField
          form={form}
          name="kind"
          label={t('learn.content.field.kind')}
          placeholder={t('learn.content.field.chooseOne')}
          options={CONTENT_KINDS.map((k) => ({ value: k, label: t(`learn.content.kind.${k}`) }))}
        />
        <TextField form={form} name="slug" label={t('learn.content.field.slug')} hint={t('learn.content.field.slugHint')} dir="ltr" isRequired />
        <SelectField
          form={form}
          name="topic"
          label={t('learn.content.field.topic')}
          hint={t('learn.content.field.topicHint')}
          placeholder={t('learn.content.field.none')}
          options={props.topics.map((topic) => ({ value: topic, label: t(`learn.content.topic.${topic}`) }))}
        />
        <SelectField
          form={form}
          name="parentId"
          label={t('learn.content.field.parent')}
          hint={t('learn.content.field.parentHint')}
          placeholder={t('learn.content.field.none')}
          options={props.courses.map((c) => ({ value: c.id, label: c.slug }))}
        />
        <SelectField
          form={form}
          name="sourceLanguage"
          label={t('learn.content.field.sourceLanguage')}
          hint={t('learn.content.field.sourceLanguageHint')}
          options={languageOptions(ctx, props.languages)}
        />
        <SubmitButton>{t('learn.content.create.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** An item: its facts and a table of its texts per language and variant, each with a link to write or edit it. */
export function ItemPage(props: {
  ctx: PageContext;
  item: ContentItem;
  parent: ContentItem | undefined;
  texts: readonly ContentText[];
  languages: readonly string[];
}) {
  const { ctx, item } = props;
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.content.item.title', { slug: item.slug })}>
      <BackLink href={CONTENT_PATHS.list} label={t('learn.content.back.list')} />
      <dl class="content-facts">
        <dt>{t('learn.content.column.kind')}</dt>
        <dd>{t(`learn.content.kind.${item.kind}`)}</dd>
        {item.topic ? (
          <>
            <dt>{t('learn.content.field.topic')}</dt>
            <dd>{t(`learn.content.topic.${item.topic}`)}</dd>
          </>
        ) : null}
        {props.parent ? (
          <>
            <dt>{t('learn.content.field.parent')}</dt>
            <dd>
              <a href={itemPath(props.parent.id)} dir="ltr">
                {props.parent.slug}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t('learn.content.field.sourceLanguage')}</dt>
        <dd>{languageNameIn(ctx.language, item.sourceLanguage)}</dd>
        <dt>{t('learn.content.item.created')}</dt>
        <dd>{format.dateTime(item.createdAt)}</dd>
      </dl>
      <TableRegion>
        <table>
          <caption>{t('learn.content.item.textsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('learn.content.column.language')}</th>
              <th scope="col">{t('learn.content.column.variant')}</th>
              <th scope="col">{t('learn.content.column.state')}</th>
              <th scope="col">{t('learn.content.column.action')}</th>
            </tr>
          </thead>
          <tbody>
            {props.languages.flatMap((language) =>
              TEXT_VARIANTS.map((variant) => {
                const text = props.texts.find((x) => x.language === language && x.variant === variant);
                const name = languageNameIn(ctx.language, language);
                const variantWords = t(`learn.content.variant.${variant}`);
                return (
                  <tr key={`${language}.${variant}`}>
                    <th scope="row">{name}</th>
                    <td>{variantWords}</td>
                    <td>{text ? stateWords(ctx, text.state) : stateWords(ctx, 'missing')}</td>
                    <td>
                      <a href={textPath(item.id, language, variant)}>
                        {t(text ? 'learn.content.item.edit' : 'learn.content.item.write', { language: name, variant: variantWords })}
                      </a>
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </TableRegion>
    </Layout>
  );
}

function StepForm({ ctx, action, version, children }: { ctx: PageContext; action: string; version: number; children?: ComponentChildren }) {
  return (
    <Form ctx={ctx} action={action}>
      <input type="hidden" name="expectedVersion" value={String(version)} />
      {children}
    </Form>
  );
}

/** The editor of one text: its working copy, a preview, the workflow buttons the viewer may use, and its versions. */
export function TextEditorPage({ ctx, view }: { ctx: PageContext; view: TextEditorView }) {
  const { t, format } = ctx;
  const { item, text, language, variant } = view;
  const languageName = languageNameIn(ctx.language, language);
  const dir = textDirection(language);
  const version = text?.version ?? 0;
  return (
    <Layout ctx={ctx} title={t('learn.content.editor.title', { slug: item.slug, language: languageName, variant: t(`learn.content.variant.${variant}`) })}>
      <link rel="stylesheet" href={CONTENT_STYLESHEET} />
      <BackLink href={itemPath(item.id)} label={t('learn.content.back.item')} />
      {view.problem ? (
        <ProblemBox title={t('learn.content.problem.title')}>
          <p>{t(`learn.content.problem.${view.problem}`)}</p>
        </ProblemBox>
      ) : null}
      <ErrorSummary ctx={ctx} form={view.form.problems.length > 0 ? view.form : view.returnForm} />
      <p class="content-state">
        {text ? t('learn.content.editor.state', { state: stateWords(ctx, text.state), version: text.version }) : t('learn.content.editor.new')}
      </p>
      {text?.published ? (
        <p>{t('learn.content.editor.publicCopy', { date: format.dateTime(text.published.publishedAt) })}</p>
      ) : text ? (
        <p>{t('learn.content.editor.noPublicCopy')}</p>
      ) : null}
      {text?.reviewNote ? (
        <div class="notice">
          <p>{t('learn.content.editor.reviewNote')}</p>
          <p lang={language} dir="auto">
            {text.reviewNote}
          </p>
        </div>
      ) : null}
      <div class="content-editor">
        <form method="post" action={textPath(item.id, language, variant)} novalidate data-preview-url={CONTENT_PATHS.preview}>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <input type="hidden" name="expectedVersion" value={String(version)} />
          <div lang={language} dir={dir}>
            <TextField form={view.form} name="title" label={t('learn.content.field.title')} isRequired />
            <TextArea form={view.form} name="summary" label={t('learn.content.field.summary')} hint={t('learn.content.field.summaryHint')} rows={2} />
            <TextArea
              form={view.form}
              name="body"
              label={t('learn.content.field.body')}
              hint={t('learn.content.field.bodyHint', { max: view.maxCharacters })}
              rows={18}
            />
            <TextArea form={view.form} name="legalBasis" label={t('learn.content.field.legalBasis')} hint={t('learn.content.field.legalBasisHint')} rows={2} />
          </div>
          <TextField
            form={view.form}
            name="lastReviewed"
            label={t('learn.content.field.lastReviewed')}
            hint={t('learn.content.field.lastReviewedHint')}
            dir="ltr"
            inputMode="numeric"
          />
          <div class="content-actions">
            <button type="submit" class="button" name="action" value="save">
              {t('learn.content.editor.save')}
            </button>
            <SecondaryButton name="action" value="preview">
              {t('learn.content.editor.preview')}
            </SecondaryButton>
          </div>
        </form>
      </div>
      <h2>{t('learn.content.editor.previewTitle')}</h2>
      <div
        id="content-preview"
        class="content-preview"
        lang={language}
        dir={dir}
        hidden={view.previewHtml === undefined}
        dangerouslySetInnerHTML={{ __html: view.previewHtml ?? '' }}
      />
      {view.previewHtml === undefined ? <p>{t('learn.content.editor.previewHint')}</p> : null}
      <p id={OUTSIDE_LINK_NOTE_ID} hidden>
        {t('learn.content.article.outsideLink')}
      </p>
      <script src={PREVIEW_SCRIPT} defer></script>
      {text ? (
        <>
          <h2>{t('learn.content.editor.workflowTitle')}</h2>
          {view.isOwnWords ? <p>{t('learn.content.editor.fourEyesHint')}</p> : null}
          <div class="content-actions">
            {view.actions.submit ? (
              <StepForm ctx={ctx} action={stepPath(CONTENT_PATHS.submit, text.id)} version={version}>
                <SubmitButton>{t('learn.content.editor.submit')}</SubmitButton>
              </StepForm>
            ) : null}
            {view.actions.publish ? (
              <StepForm ctx={ctx} action={stepPath(CONTENT_PATHS.publish, text.id)} version={version}>
                <SubmitButton>{t('learn.content.editor.publish')}</SubmitButton>
              </StepForm>
            ) : null}
            {view.actions.archive ? (
              <StepForm ctx={ctx} action={stepPath(CONTENT_PATHS.archive, text.id)} version={version}>
                <SubmitButton>{t('learn.content.editor.archive')}</SubmitButton>
              </StepForm>
            ) : null}
          </div>
          {view.actions.return ? (
            <StepForm ctx={ctx} action={stepPath(CONTENT_PATHS.return, text.id)} version={version}>
              <TextArea form={view.returnForm} name="note" label={t('learn.content.editor.returnNote')} rows={3} />
              <SubmitButton>{t('learn.content.editor.return')}</SubmitButton>
            </StepForm>
          ) : null}
          <h2>{t('learn.content.editor.versionsTitle')}</h2>
          <TableRegion>
            <table>
              <caption>{t('learn.content.editor.versionsCaption', { count: view.versions.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('learn.content.column.version')}</th>
                  <th scope="col">{t('learn.content.column.change')}</th>
                  <th scope="col">{t('learn.content.column.when')}</th>
                  <th scope="col">{t('learn.content.column.by')}</th>
                  <th scope="col">{t('learn.content.column.title')}</th>
                  <th scope="col">{t('learn.content.column.action')}</th>
                </tr>
              </thead>
              <tbody>
                {view.versions.map((v) => (
                  <tr key={v.version}>
                    <td>{format.number(v.version)}</td>
                    <td>
                      {t(`learn.content.change.${v.change}`)}
                      {v.note && v.change === 'returned' ? (
                        <>
                          {': '}
                          <span dir="auto">{v.note}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{format.dateTime(v.at)}</td>
                    <td dir="auto">
                      {v.actor === 'system' ? t('learn.content.editor.system') : v.actor === view.viewerId ? t('learn.content.editor.you') : v.actor}
                    </td>
                    <td lang={language} dir={dir}>
                      {v.title}
                    </td>
                    <td>
                      {view.actions.restore && v.version !== text.version ? (
                        <Form ctx={ctx} action={stepPath(CONTENT_PATHS.restore, text.id)} label={t('learn.content.editor.restore', { version: v.version })}>
                          <input type="hidden" name="expectedVersion" value={String(version)} />
                          <SecondaryButton name="version" value={String(v.version)}>
                            {t('learn.content.editor.restore', { version: v.version })}
                          </SecondaryButton>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
    </Layout>
  );
}

/** Every item × language × variant, each state in words, with the reviews that are due. */
export function CoveragePage({ ctx, rows, languages }: { ctx: PageContext; rows: readonly CoverageRow[]; languages: readonly string[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.content.coverage.title')}>
      <BackLink href={CONTENT_PATHS.list} label={t('learn.content.back.list')} />
      <p class="lead">{t('learn.content.coverage.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('learn.content.list.noItems')}</p>
      ) : (
        <TableRegion>
          <table>
            <caption>{t('learn.content.coverage.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learn.content.column.item')}</th>
                {languages.map((language) => (
                  <th scope="col" key={language}>
                    {languageNameIn(ctx.language, language)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.item.id}>
                  <th scope="row">
                    <a href={itemPath(row.item.id)} lang={row.item.sourceLanguage} dir={textDirection(row.item.sourceLanguage)}>
                      {row.title}
                    </a>{' '}
                    ({t(`learn.content.kind.${row.item.kind}`)})
                  </th>
                  {languages.map((language) => (
                    <td key={language}>
                      <ul class="coverage-cell">
                        {row.cells
                          .filter((c) => c.language === language && (c.variant === 'standard' || c.state !== 'missing'))
                          .map((cell) => (
                            <li key={cell.variant}>
                              {cell.variant === 'easy' ? `${t('learn.content.variant.easy')}: ` : null}
                              {stateWords(ctx, cell.state)}
                              {cell.isPublic && cell.state !== 'published' ? ` (${t('learn.content.coverage.public')})` : null}
                              {cell.isReviewDue ? (
                                <>
                                  {' '}
                                  <strong>{t('learn.content.coverage.reviewDue')}</strong>
                                </>
                              ) : null}
                            </li>
                          ))}
                      </ul>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}
