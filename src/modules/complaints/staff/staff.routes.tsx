import type { FastifyReply, FastifyRequest } from 'fastify';
import { createAuthServiceFor, requireUser, staffOf } from '../../../platform/auth/index.ts';
import { Conflict, Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { readMobileNumber } from '../../../platform/sms/index.ts';
import { nextStages } from '../cases/complaint-stages.ts';
import { refusal, stageTerm } from '../cases/complaint-messages.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { sendPage } from '../../../platform/web/render.ts';
import type { FormState } from '../../../platform/web/components.tsx';
import type { FullComplaintService } from '../cases/complaint.service.ts';
import type { StaffActor } from '../cases/case-workflow.ts';
import type { ComplaintsSettings } from '../complaints.settings.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { isoDateOf } from '../filing/complaint-draft.ts';
import { FormBody, formValue, LangQuery, ListQuery, QueueQuery, ReferenceParams } from '../cases/complaint.schemas.ts';
import { readListRequest } from '../cases/complaint-list-page.ts';
import { presentCaseList } from '../cases/case-summary.presenter.ts';
import { presentCaseDetail } from '../cases/case-detail.presenter.ts';
import type { ComplaintChannel, ComplaintService, ComplaintSubmission, ExtraSupportNeed } from '../cases/complaint.types.ts';
import { ASSOCIATION_ROLES, FILING_ROLES, STAFF_ROLES } from '../cases/complaints.policy.ts';
import { COMPLAINT_PATHS, staffCasePath } from './staff.paths.ts';
import { registerAttachmentDownload, translateProblems, withForm, type Body } from '../cases/case-pages.ts';
import {
  AssociationListPage,
  ConfirmPage,
  FiledPage,
  NEW_CASE_FIELDS,
  isStage,
  NewCasePage,
  PrivacyPage,
  QueuePage,
  StaffCasePage,
  type CaseForms,
} from './staff.views.tsx';

/** The actions a confirmation page stands before. */
type Confirmation = 'close' | 'assessClose';
const many = (body: Body, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v ? [v] : []).filter((x) => x !== '');
};

// The service names fields as in the API (`consumer.email`); the form names them flat.
const FORM_FIELD: Record<string, string> = {
  'consumer.name': 'name',
  'consumer.email': 'email',
  'consumer.phone': 'phone',
  'consumer.contactBy': 'contactBy',
  'consumer.accountNumber': 'accountNumber',
  'consumer.serviceNumber': 'serviceNumber',
  problemStartedOn: 'problemStart',
  'consumer.language': 'language',
  'priorContact.contacted': 'priorContacted',
  'priorContact.date': 'priorDate',
  'priorContact.operatorReference': 'priorReference',
};

/** Registers the regulator's complaint pages and the associations' list (the operator portal's are `operator-portal.routes.tsx`). */
export function registerStaffPages(app: App, platform: Platform, service: FullComplaintService, settings: ComplaintsSettings): void {
  const auth = createAuthServiceFor(platform);
  const staffActor = (request: FastifyRequest): StaffActor => {
    const p = staffOf(request);
    return { actor: { type: 'user', id: p.userId }, userId: p.userId, role: p.role };
  };
  const listOperators = createOperatorDirectory(platform.db.kysely).list;
  const operatorOptions = async () => (await listOperators()).map((o) => ({ value: o.id, label: o.name }));
  const staffOptions = async (request: FastifyRequest) => {
    const me = staffOf(request);
    try {
      const accounts = await auth.listAccounts(me);
      return accounts.filter((a) => a.isActive && (a.role === 'officer' || a.role === 'admin')).map((a) => ({ value: a.id, label: a.displayName }));
    } catch {
      return [{ value: me.userId, label: me.displayName }];
    }
  };
  const nowIso = () => platform.clock.now().toISOString();

  const staff = { preHandler: requireUser(...STAFF_ROLES) };
  const filers = { preHandler: requireUser(...FILING_ROLES) };
  const associations = { preHandler: requireUser(...ASSOCIATION_ROLES) };

  app.get(COMPLAINT_PATHS.queue, { ...staff, schema: { querystring: QueueQuery } }, async (request, reply) => {
    const q = request.query;
    const listed = await service.staff.listQueue(
      staffActor(request),
      {
        ...(isStage(q.stage) ? { stage: q.stage } : {}),
        ...(q.operator ? { operatorId: q.operator } : {}),
        ...(q.category && settings.categories.includes(q.category) ? { category: q.category } : {}),
        ...(q.extraSupport === 'yes' ? { hasExtraSupport: true } : {}),
        isOverdue: q.overdue === 'yes',
      },
      readListRequest(q),
    );
    const filter: Record<string, string> = {};
    for (const key of ['stage', 'operator', 'category', 'overdue', 'extraSupport'] as const) if (q[key]) filter[key] = String(q[key]);
    return sendPage(
      reply,
      <QueuePage
        ctx={app.pageContext(request, reply)}
        listed={presentCaseList(listed)}
        filter={filter}
        operators={await operatorOptions()}
        categories={settings.categories}
        now={nowIso()}
      />,
    );
  });

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    sendPage(
      reply,
      <NewCasePage
        ctx={app.pageContext(request, reply)}
        form={form}
        operators={await operatorOptions()}
        categories={settings.categories}
        languages={platform.config.jurisdiction.languages}
        isAssociation={staffOf(request).role === 'association_rep'}
        isDirectReferral={settings.directReferral}
      />,
      status,
    );

  app.get(COMPLAINT_PATHS.newCase, { ...filers, schema: { querystring: LangQuery } }, async (request, reply) =>
    renderNew(request, reply, { values: { language: platform.config.jurisdiction.defaultLanguage, service: 'mobile', channel: 'phone' }, problems: [] }),
  );

  app.post(COMPLAINT_PATHS.newCase, { ...filers, schema: { body: FormBody } }, async (request, reply) => {
    const body = request.body as Body;
    const who = staffActor(request);
    const isAssociation = who.role === 'association_rep';
    const contacted = formValue(body, 'priorContacted');
    // Dates come in three boxes (day, month, year), as on the consumer's form.
    const dateOf = (name: string) => {
      const parts = [formValue(body, `${name}Day`), formValue(body, `${name}Month`), formValue(body, `${name}Year`)] as const;
      const isTyped = parts.some((p) => p.trim() !== '');
      return { isTyped, iso: isTyped ? isoDateOf(...parts) : undefined };
    };
    const start = dateOf('problemStart');
    const prior = dateOf('priorDate');
    const problemStartedOn = start.iso;
    const submission: ComplaintSubmission = {
      operatorIds: many(body, 'operatorIds'),
      service: formValue(body, 'service') as ComplaintService,
      category: formValue(body, 'category'),
      description: formValue(body, 'description'),
      desiredOutcome: formValue(body, 'desiredOutcome'),
      priorContact: {
        contacted: contacted === 'yes',
        ...(prior.iso ? { date: prior.iso } : {}),
        ...(formValue(body, 'priorReference') ? { operatorReference: formValue(body, 'priorReference') } : {}),
      },
      ...(problemStartedOn ? { problemStartedOn } : {}),
      consumer: {
        name: formValue(body, 'name'),
        email: formValue(body, 'email'),
        phone: formValue(body, 'phone'),
        // A consumer without an e-mail address (a feature phone, a call to the regulator) is reached by text message.
        ...(formValue(body, 'contactBy') === 'sms' ? { contactBy: 'sms' as const } : {}),
        accountNumber: formValue(body, 'accountNumber'),
        serviceNumber: formValue(body, 'serviceNumber'),
        language: formValue(body, 'language'),
      },
      extraSupport: many(body, 'extraSupport') as ExtraSupportNeed[],
      extraSupportDetails: formValue(body, 'extraSupportDetails'),
      consent: formValue(body, 'consent') === 'yes',
      channel: (isAssociation ? 'association' : formValue(body, 'channel')) as ComplaintChannel,
      onBehalfConsentRecorded: formValue(body, 'onBehalfConsentRecorded') === 'yes',
    };
    const values: Record<string, string> = {};
    for (const key of Object.keys(body)) if (key !== '_csrf') values[key] = many(body, key).join(',');
    const problems: FieldProblem[] = [];
    if (contacted !== 'yes' && contacted !== 'no') problems.push({ field: 'priorContacted', message: '' });
    if (start.isTyped && start.iso === undefined) problems.push({ field: 'problemStart', message: '' });
    if (prior.isTyped && prior.iso === undefined) problems.push({ field: 'priorDate', message: '' });
    try {
      const filed = await service.staff.fileOnBehalf(who, submission, problems);
      return sendPage(
        reply,
        <FiledPage
          ctx={app.pageContext(request, reply)}
          reference={filed.reference}
          cases={filed.cases}
          isAssociation={isAssociation}
          operatorNames={await service.operatorNames()}
        />,
        201,
      );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const ctx = app.pageContext(request, reply);
      // The summary lists the problems in the order of the form, whoever found them.
      const translated = translateProblems(error.problems, ctx.t, 'complaints.error', FORM_FIELD);
      const rank = (field: string) => (NEW_CASE_FIELDS.indexOf(field) === -1 ? NEW_CASE_FIELDS.length : NEW_CASE_FIELDS.indexOf(field));
      return renderNew(request, reply, { values, problems: translated.sort((a, b) => rank(a.field) - rank(b.field)) }, 422);
    }
  });

  app.get(COMPLAINT_PATHS.privacy, { ...staff, schema: { querystring: LangQuery } }, async (request, reply) =>
    sendPage(reply, <PrivacyPage ctx={app.pageContext(request, reply)} form={{ values: {}, problems: [] }} />),
  );

  app.post(COMPLAINT_PATHS.privacy, { ...staff, schema: { body: FormBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const body = request.body as Body;
    const email = formValue(body, 'email').trim();
    const action = formValue(body, 'action');
    // An e-mail address, or the mobile number of a consumer reached by text message.
    const isContact = email.includes('@') ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) : readMobileNumber(email, platform.config.jurisdiction.country).ok;
    if (!isContact || (action !== 'export' && action !== 'erase')) {
      const message = ctx.t(email.includes('@') || email === '' ? 'complaints.error.email' : 'complaints.error.mobile');
      return sendPage(reply, <PrivacyPage ctx={ctx} form={{ values: { email, action }, problems: [{ field: 'email', message }] }} />, 422);
    }
    // Erasure cannot be undone: a confirmation page says how many complaints it reaches.
    if (action === 'erase' && formValue(body, 'confirm') !== 'yes') {
      const count = await service.staff.countConsumerFilings(staffActor(request), email);
      return sendPage(
        reply,
        <ConfirmPage
          ctx={ctx}
          title={ctx.t('complaints.staff.confirm.erase.title')}
          text={ctx.t('complaints.staff.confirm.erase.text', { count })}
          action={COMPLAINT_PATHS.privacy}
          fields={{ email, action: 'erase' }}
          submit={ctx.t('complaints.staff.confirm.erase.submit')}
          cancel={{ href: COMPLAINT_PATHS.privacy, label: ctx.t('complaints.staff.confirm.cancel') }}
        />,
      );
    }
    if (action === 'export') {
      const data = await service.staff.exportConsumerData(staffActor(request), email);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="complaints-export.json"')
        .header('cache-control', 'no-store')
        .send(JSON.stringify(data, null, 2));
    }
    const count = await service.staff.eraseConsumerData(staffActor(request), email);
    return sendPage(reply, <PrivacyPage ctx={ctx} form={{ values: {}, problems: [] }} notice={ctx.t('complaints.staff.privacy.erased', { count })} />);
  });

  const renderCase = async (request: FastifyRequest, reply: FastifyReply, reference: string, forms: CaseForms = {}, status = 200, notice?: string) => {
    const who = staffActor(request);
    const detail = presentCaseDetail(await service.staff.open(who, reference), { role: who.role, now: nowIso() });
    return sendPage(
      reply,
      <StaffCasePage ctx={app.pageContext(request, reply)} detail={detail} forms={forms} staff={await staffOptions(request)} {...(notice ? { notice } : {})} />,
      status,
    );
  };

  app.get(`${COMPLAINT_PATHS.queue}/:reference`, { ...staff, schema: { params: ReferenceParams, querystring: LangQuery } }, async (request, reply) =>
    renderCase(request, reply, request.params.reference),
  );

  registerAttachmentDownload(app, COMPLAINT_PATHS.queue, staff.preHandler, (request, reference, id) =>
    service.staff.readAttachment(staffActor(request), reference, id),
  );

  /** The confirmation page of an action that cannot be taken back lightly: its form posts the same fields with confirm=yes. */
  const confirmCase = (request: FastifyRequest, reply: FastifyReply, reference: string, confirmation: Confirmation) => {
    const ctx = app.pageContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <ConfirmPage
        ctx={ctx}
        title={t(`complaints.staff.confirm.${confirmation}.title`, { reference })}
        text={t(`complaints.staff.confirm.${confirmation}.text`)}
        action={confirmation === 'assessClose' ? `${staffCasePath(reference)}/assess` : `${staffCasePath(reference)}/close`}
        fields={confirmation === 'assessClose' ? { next: 'close' } : {}}
        submit={t(`complaints.staff.confirm.${confirmation}.submit`)}
        cancel={{ href: staffCasePath(reference), label: t('complaints.staff.confirm.cancel') }}
      />,
    );
  };

  // Closing asks first, on a page of its own that works without scripts; a closed case answers 409.
  app.get(`${COMPLAINT_PATHS.queue}/:reference/close`, { ...staff, schema: { params: ReferenceParams, querystring: LangQuery } }, async (request, reply) => {
    const detail = await service.staff.open(staffActor(request), request.params.reference);
    if (!nextStages(detail.stage, 'staff').includes('closed'))
      throw new Conflict('COMPLAINT_TRANSITION_REFUSED', refusal('move', { stage: stageTerm(detail.stage), to: stageTerm('closed') }));
    return confirmCase(request, reply, detail.reference, 'close');
  });

  // Each action: one service call, then back to the case page (303), or the page again with 422.
  // An action that needs confirmation and was not confirmed shows its confirmation page instead.
  const needsConfirmation: Record<string, (body: Body) => Confirmation | null> = {
    close: () => 'close',
    assess: (body) => (formValue(body, 'next') === 'close' ? 'assessClose' : null),
  };
  const actions: Array<[string, keyof CaseForms | null, (who: StaffActor, reference: string, body: Body) => Promise<unknown>]> = [
    [
      'assign',
      'assign',
      (who, ref, body) =>
        formValue(body, 'assignee')
          ? service.staff.assign(who, ref, formValue(body, 'assignee'))
          : Promise.reject(new Invalid([{ field: 'assignee', message: '' }])),
    ],
    ['notes', 'note', (who, ref, body) => service.staff.addNote(who, ref, formValue(body, 'note'))],
    ['message', 'message', (who, ref, body) => service.staff.messageConsumer(who, ref, formValue(body, 'message'))],
    ['ask', 'ask', (who, ref, body) => service.staff.askConsumer(who, ref, formValue(body, 'question')).catch(renameField('question'))],
    [
      'assess',
      null,
      (who, ref, body) =>
        service.staff.assess(who, ref, formValue(body, 'next') === 'investigate' ? 'investigate' : formValue(body, 'next') === 'close' ? 'close' : 'refer'),
    ],
    ['decide', 'decide', (who, ref, body) => service.staff.decide(who, ref, formValue(body, 'outcome') as 'upheld', formValue(body, 'text'))],
    [
      'implementation',
      'implementation',
      (who, ref, body) =>
        service.staff.trackImplementation(
          who,
          ref,
          (['pending', 'partial', 'done'].includes(formValue(body, 'status')) ? formValue(body, 'status') : 'pending') as 'pending',
          formValue(body, 'note'),
        ),
    ],
    ['close', null, (who, ref) => service.staff.moveTo(who, ref, 'closed', 'closed_by_staff')],
    ['reopen', null, (who, ref) => service.staff.reopen(who, ref)],
  ];
  for (const [path, formName, run] of actions) {
    app.post(`${COMPLAINT_PATHS.queue}/:reference/${path}`, { ...staff, schema: { params: ReferenceParams, body: FormBody } }, async (request, reply) => {
      const body = request.body as Body;
      const confirmation = needsConfirmation[path]?.(body) ?? null;
      if (confirmation && formValue(body, 'confirm') !== 'yes') return confirmCase(request, reply, request.params.reference, confirmation);
      const ctx = app.pageContext(request, reply);
      const values: Record<string, string> = {};
      for (const key of Object.keys(body)) if (key !== '_csrf') values[key] = formValue(body, key);
      const failed = await withForm(ctx, values, 'complaints.error', () => run(staffActor(request), request.params.reference, body));
      if (failed && formName) return renderCase(request, reply, request.params.reference, { [formName]: failed }, 422);
      if (failed) throw new Invalid(failed.problems);
      return reply.redirect(staffCasePath(request.params.reference), 303);
    });
  }

  // A consumer association follows the cases it filed for consumers: their stage and deadline, no more.
  app.get(COMPLAINT_PATHS.associationList, { ...associations, schema: { querystring: ListQuery } }, async (request, reply) => {
    const listed = await service.association.list(staffActor(request), readListRequest(request.query));
    return sendPage(
      reply,
      <AssociationListPage
        ctx={app.pageContext(request, reply)}
        listed={presentCaseList(listed)}
        now={nowIso()}
        operatorNames={await service.operatorNames()}
      />,
    );
  });
}

function renameField(field: string) {
  return (error: unknown) => {
    if (error instanceof Invalid) throw new Invalid(error.problems.map((p) => ({ ...p, field })));
    throw error;
  };
}
