import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireUser, staffOf } from '../../../platform/auth/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { App, ModuleStaffLink } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { CONTENT_ROLES, mayActOnContent, mayPublish, type ContentActor } from './content.policy.ts';
import { CONTENT_PATHS, itemPath, textPath } from './content.paths.ts';
import { CreateBody, IdParams, ListQuery, PageQuery, PreviewBody, StepBody, TextBody, TextParams } from './content.schemas.ts';
import { TEXT_VARIANTS, type ContentIssue, type ContentOutcome, type ContentService, type ContentText, type TextVariant } from './content.service.ts';
import { createContentServiceFor } from './content.wiring.ts';
import { ContentListPage, CoveragePage, ItemPage, NewItemPage, TextEditorPage, type TextEditorView } from './content-staff.views.tsx';
import { renderMarkdown } from './markdown.ts';

/** The content pages' links on the staff dashboard, with what waits: texts in review, published texts due for review. */
export const CONTENT_STAFF_LINKS: readonly ModuleStaffLink[] = [
  {
    href: CONTENT_PATHS.list,
    labelKey: 'learn.content.staff.title',
    descriptionKey: 'learn.content.staff.link',
    roles: CONTENT_ROLES,
    async figures(platform) {
      const figures = await createContentServiceFor(platform).figures();
      return [
        { messageKey: 'learn.content.staff.figure.inReview', count: figures.inReview },
        { messageKey: 'learn.content.staff.figure.reviewDue', count: figures.reviewDue, isAlert: figures.reviewDue > 0 },
      ];
    },
  },
];

/** Registers the staff's content pages over the platform's content service. */
export function registerContentStaffRoutes(app: App, platform: Platform): void {
  const { jurisdiction } = platform.config;
  registerContentStaffRoutesWith(app, createContentServiceFor(platform), {
    languages: jurisdiction.languages,
    topics: platform.settings.learn.guides.topics,
    maxCharacters: platform.settings.learn.content.maxCharacters,
    siteUrl: platform.config.publicUrl,
  });
}

function actorOf(request: FastifyRequest): ContentActor & { type: 'user' } {
  const staff = staffOf(request);
  return { type: 'user', id: staff.userId, role: staff.role };
}

function formOf(ctx: PageContext, values: Record<string, string>, issues: readonly ContentIssue[], max: number): FormState {
  return { values, problems: issues.map((i) => ({ field: i.field, message: ctx.t(i.messageKey, { max }) })) };
}

const isVariant = (value: string): value is TextVariant => (TEXT_VARIANTS as readonly string[]).includes(value);
const versionOf = (value: string | undefined): number | undefined => (value !== undefined && /^[0-9]{1,9}$/.test(value) ? Number(value) : undefined);

/** Registers the content pages over `content`; every page is for editors, officers and administrators. */
export function registerContentStaffRoutesWith(
  app: App,
  content: ContentService,
  options: { languages: readonly string[]; topics: readonly string[]; maxCharacters: number; siteUrl: string },
): void {
  const staff = { preHandler: requireUser(...CONTENT_ROLES) };
  const { languages, maxCharacters, siteUrl } = options;
  // A form's body is URL-encoded: up to nine bytes for each character of Chinese, more than the default limit allows.
  const textBodyLimit = maxCharacters * 9 + 64 * 1024;

  app.get(CONTENT_PATHS.list, { ...staff, schema: { querystring: ListQuery } }, async (request, reply) => {
    const { kind, state, language } = request.query;
    const filter = { kind: kind || undefined, state: state || undefined, language: language || undefined };
    const [texts, items] = await Promise.all([content.listTexts(filter), content.listItems()]);
    return sendPage(reply, <ContentListPage ctx={app.pageContext(request, reply)} view={{ texts, items, filter, languages }} />);
  });

  const newItemPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    sendPage(
      reply,
      <NewItemPage
        ctx={app.pageContext(request, reply)}
        form={form}
        courses={await content.listItems({ kind: 'course' })}
        topics={options.topics}
        languages={languages}
      />,
      status,
    );

  app.get(CONTENT_PATHS.create, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) =>
    newItemPage(request, reply, { values: { sourceLanguage: languages[0] ?? 'en' }, problems: [] }),
  );

  app.post(CONTENT_PATHS.create, { ...staff, schema: { body: CreateBody } }, async (request, reply) => {
    const values = {
      kind: request.body.kind ?? '',
      slug: request.body.slug ?? '',
      topic: request.body.topic ?? '',
      parentId: request.body.parentId ?? '',
      sourceLanguage: request.body.sourceLanguage ?? '',
    };
    const outcome = await content.createItem(actorOf(request), {
      kind: values.kind,
      slug: values.slug,
      topic: values.topic === '' ? null : values.topic,
      parentId: values.parentId === '' ? null : values.parentId,
      sourceLanguage: values.sourceLanguage,
    });
    if (outcome.ok) return reply.redirect(itemPath(outcome.value.id), 303);
    if (outcome.problem !== 'invalid') throw new NotFound();
    return newItemPage(request, reply, formOf(app.pageContext(request, reply), values, outcome.issues, maxCharacters), 422);
  });

  app.get(CONTENT_PATHS.item, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const item = await content.findItem(request.params.id);
    if (!item) throw new NotFound();
    const [texts, parent] = await Promise.all([content.textsOf(item.id), item.parentId ? content.findItem(item.parentId) : undefined]);
    return sendPage(reply, <ItemPage ctx={app.pageContext(request, reply)} item={item} parent={parent} texts={texts} languages={languages} />);
  });

  /** The editor of one text, with the form, preview and problem given; the buttons are those the viewer may use. */
  async function editor(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { itemId: string; language: string; variant: string },
    shown: { form?: FormState; previewHtml?: string; returnForm?: FormState; problem?: TextEditorView['problem'] } = {},
    status = 200,
  ) {
    const item = await content.findItem(target.itemId);
    if (!item || !languages.includes(target.language) || !isVariant(target.variant)) throw new NotFound();
    const text = await content.findText(item.id, target.language, target.variant);
    const actor = actorOf(request);
    const versions = text ? await content.listVersions(text.id) : [];
    const state = text?.state;
    const isEditable = state === 'draft' || state === 'in_review';
    const view: TextEditorView = {
      item,
      text,
      language: target.language,
      variant: target.variant,
      form: shown.form ?? { values: text ? valuesOf(text) : {}, problems: [] },
      versions,
      actions: {
        submit: state === 'draft' && mayActOnContent(actor, 'submit'),
        publish: isEditable && text !== undefined && mayActOnContent(actor, 'publish') && mayPublish(actor, text.savedBy),
        return: state === 'in_review' && mayActOnContent(actor, 'return'),
        archive: state !== undefined && state !== 'archived' && mayActOnContent(actor, 'archive'),
        restore: mayActOnContent(actor, 'restore'),
      },
      isOwnWords: isEditable && text !== undefined && !mayPublish(actor, text.savedBy),
      returnForm: shown.returnForm ?? { values: {}, problems: [] },
      maxCharacters,
      ...(shown.previewHtml === undefined ? {} : { previewHtml: shown.previewHtml }),
      ...(shown.problem === undefined ? {} : { problem: shown.problem }),
    };
    return sendPage(reply, <TextEditorPage ctx={app.pageContext(request, reply)} view={view} />, status);
  }

  app.get(CONTENT_PATHS.text, { ...staff, schema: { params: TextParams, querystring: PageQuery } }, async (request, reply) =>
    editor(request, reply, { itemId: request.params.id, language: request.params.language, variant: request.params.variant }),
  );

  app.post(CONTENT_PATHS.text, { ...staff, bodyLimit: textBodyLimit, schema: { params: TextParams, body: TextBody } }, async (request, reply) => {
    const target = { itemId: request.params.id, language: request.params.language, variant: request.params.variant };
    const values = {
      title: request.body.title ?? '',
      summary: request.body.summary ?? '',
      body: request.body.body ?? '',
      legalBasis: request.body.legalBasis ?? '',
      lastReviewed: request.body.lastReviewed ?? '',
    };
    const ctx = app.pageContext(request, reply);
    if (request.body.action === 'preview') {
      if (values.body.length > maxCharacters)
        return editor(
          request,
          reply,
          target,
          { form: formOf(ctx, values, [{ field: 'body', messageKey: 'learn.content.error.bodyTooLong' }], maxCharacters) },
          422,
        );
      return editor(request, reply, target, { form: { values, problems: [] }, previewHtml: renderMarkdown(values.body, { siteUrl }) });
    }
    const expectedVersion = versionOf(request.body.expectedVersion);
    const outcome = await content.saveText(actorOf(request), { ...target, ...values, ...(expectedVersion === undefined ? {} : { expectedVersion }) });
    if (outcome.ok) return reply.redirect(textPath(target.itemId, target.language, target.variant), 303);
    if (outcome.problem === 'invalid') return editor(request, reply, target, { form: formOf(ctx, values, outcome.issues, maxCharacters) }, 422);
    if (outcome.problem === 'conflict') return editor(request, reply, target, { form: { values, problems: [] }, problem: 'conflict' }, 409);
    throw new NotFound();
  });

  app.post(CONTENT_PATHS.preview, { ...staff, bodyLimit: textBodyLimit, schema: { body: PreviewBody } }, async (request, reply) => {
    const body = request.body.body ?? '';
    if (body.length > maxCharacters) return reply.status(422).header('content-type', 'text/html; charset=utf-8').send('');
    // The same renderer and sanitiser as publishing: what the editor sees is what readers will.
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderMarkdown(body, { siteUrl }));
  });

  /** Answers a workflow step: back to the editor when done, or the editor with what stopped it. */
  async function stepAnswer(request: FastifyRequest, reply: FastifyReply, textId: string, outcome: ContentOutcome<ContentText>, note = '') {
    const text = outcome.ok ? outcome.value : await content.findTextById(textId);
    if (!text) throw new NotFound();
    const target = { itemId: text.itemId, language: text.language, variant: text.variant };
    if (outcome.ok) return reply.redirect(textPath(text.itemId, text.language, text.variant), 303);
    switch (outcome.problem) {
      case 'invalid':
        return editor(request, reply, target, { returnForm: formOf(app.pageContext(request, reply), { note }, outcome.issues, maxCharacters) }, 422);
      case 'fourEyes':
        return editor(request, reply, target, { problem: 'fourEyes' }, 403);
      case 'conflict':
      case 'wrongState':
        return editor(request, reply, target, { problem: outcome.problem }, 409);
      case 'forbidden':
      case 'notFound':
        throw new NotFound();
    }
  }

  const stepOf = (request: FastifyRequest<{ Params: { id: string }; Body: { expectedVersion?: string } }>) => {
    const expectedVersion = versionOf(request.body.expectedVersion);
    return { textId: request.params.id, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
  };
  const stepSchema = { params: IdParams, body: StepBody };

  app.post(CONTENT_PATHS.submit, { ...staff, schema: stepSchema }, async (request, reply) =>
    stepAnswer(request, reply, request.params.id, await content.submit(actorOf(request), stepOf(request))),
  );
  app.post(CONTENT_PATHS.publish, { ...staff, schema: stepSchema }, async (request, reply) =>
    stepAnswer(request, reply, request.params.id, await content.publish(actorOf(request), stepOf(request))),
  );
  app.post(CONTENT_PATHS.archive, { ...staff, schema: stepSchema }, async (request, reply) =>
    stepAnswer(request, reply, request.params.id, await content.archive(actorOf(request), stepOf(request))),
  );
  app.post(CONTENT_PATHS.return, { ...staff, schema: stepSchema }, async (request, reply) => {
    const note = request.body.note ?? '';
    return stepAnswer(request, reply, request.params.id, await content.returnToDraft(actorOf(request), { ...stepOf(request), note }), note);
  });
  app.post(CONTENT_PATHS.restore, { ...staff, schema: stepSchema }, async (request, reply) => {
    const version = versionOf(request.body.version);
    if (version === undefined) throw new NotFound();
    return stepAnswer(request, reply, request.params.id, await content.restore(actorOf(request), { ...stepOf(request), version }));
  });

  app.get(CONTENT_PATHS.coverage, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(reply, <CoveragePage ctx={app.pageContext(request, reply)} rows={await content.coverage()} languages={languages} />),
  );
}

function valuesOf(text: ContentText): Record<string, string> {
  return { title: text.title, summary: text.summary, body: text.body, legalBasis: text.legalBasis, lastReviewed: text.lastReviewed ?? '' };
}
