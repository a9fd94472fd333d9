import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireToken, requireUser, staffOf, tokenOf } from '../../../platform/auth/index.ts';
import { csvRecord } from '../../../platform/csv-writer.ts';
import { Conflict, Forbidden, Invalid, NotFound, type CatalogMessage, type KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf } from '../../../platform/i18n/english-messages.ts';
import type { App, ModuleStaffLink, StaffFigure } from '../../../platform/module.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { NOTICE_ROLES, REVIEWER_ROLES } from '../scams.policy.ts';
import { scamNoticesOf } from './notices.wiring.ts';
import { NOTICES_PATH, noticePath, STAFF_NOTICES_PATH } from './scam-notices.paths.ts';
import { NOTICE_NOTE_MAX, type NoticeView, type NoticeViewer } from './scam-notices.service.ts';
import { NoticePage, NoticesPage, StaffNoticesPage } from './scam-notices.views.tsx';

const NOTICES_PERMISSION = 'scams:notices';
const TAG = 'scams';
const english = englishMessagesOf(new URL('./locales/', import.meta.url));
const message = (key: string, values?: Record<string, number>): CatalogMessage => ({ key, ...(values ? { values } : {}), english: english(key, values) });

/** The columns of the notices' CSV file, in order. */
export const NOTICE_CSV_COLUMNS = [
  'id',
  'identifier_kind',
  'identifier_value',
  'notice',
  'role',
  'sent_at',
  'due_at',
  'overdue',
  'answer',
  'answer_note',
  'answered_at',
];

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const ListQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  open: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no')])),
  operator: Type.Optional(Type.String({ maxLength: 40 })),
  lang: Type.Optional(Type.String({ maxLength: 8 })),
});
const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 40 }), note: Type.Optional(Type.String({ maxLength: 4000 })) });
const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/** The staff dashboard's link to the notices per operator. */
export const NOTICES_STAFF_LINKS: ModuleStaffLink[] = [
  {
    href: STAFF_NOTICES_PATH,
    labelKey: 'scams.notices.staffLink',
    descriptionKey: 'scams.notices.staffLinkDescription',
    roles: [...REVIEWER_ROLES],
    figures: (platform) => noticeFigures(platform, null),
  },
  {
    href: NOTICES_PATH,
    labelKey: 'scams.notices.title',
    descriptionKey: 'scams.notices.portalLinkDescription',
    roles: ['operator_agent'],
    figures: (platform, staff) => noticeFigures(platform, staff.operatorId ?? ''),
  },
];

/** Notices open and overdue (open past due, or answered late: they count against the operator), for one operator or all. */
async function noticeFigures(platform: Platform, operatorId: string | null): Promise<StaffFigure[]> {
  const counts = (await scamNoticesOf(platform).counts()).filter((c) => operatorId === null || c.operatorId === operatorId);
  const open = counts.reduce((sum, c) => sum + c.open, 0);
  const overdue = counts.reduce((sum, c) => sum + c.overdue, 0);
  return [
    { messageKey: 'scams.notices.figure.open', count: open },
    ...(overdue > 0 ? [{ messageKey: 'scams.notices.figure.overdue', count: overdue, isAlert: true }] : []),
  ];
}

function viewerOfToken(request: FastifyRequest): NoticeViewer {
  const token = tokenOf(request);
  // A token bound to no operator (the regulator's, a bank's) has no notices to read or answer.
  if (token.operatorId === null) throw new Forbidden('TOKEN_NOT_OPERATOR', message('scams.notices.problem.notOperator'));
  return { actor: { type: 'token', id: token.tokenId }, operatorId: token.operatorId };
}

function viewerOfUser(request: FastifyRequest): NoticeViewer {
  const user = staffOf(request);
  const actor = { type: 'user' as const, id: user.userId };
  if (user.role !== 'operator_agent') return { actor, operatorId: null, isStaff: true };
  if (user.operatorId === null) throw new Forbidden('ACCOUNT_NOT_OPERATOR', message('scams.notices.problem.notOperator'));
  return { actor, operatorId: user.operatorId };
}

function csvOf(notices: readonly NoticeView[]): string {
  return (
    csvRecord(NOTICE_CSV_COLUMNS) +
    notices
      .map((n) =>
        csvRecord([
          n.id,
          n.identifier.kind,
          n.identifier.value,
          n.kind,
          n.role,
          n.sentAt,
          n.dueAt,
          n.isOverdue ? 'yes' : 'no',
          n.answer,
          n.answerNote,
          n.answeredAt,
        ]),
      )
      .join('')
  );
}

/** Registers the notices' API, the operator portal's pages and the staff view. */
export function registerNoticeRoutes(app: App, platform: Platform): void {
  const notices = scamNoticesOf(platform);
  const operators = async () => createOperatorDirectory(platform.db.kysely).list();

  app.get(
    '/api/v1/scams/notices',
    {
      preHandler: requireToken(NOTICES_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `The token's operator's scam notices, newest first, as JSON or (format=csv or Accept: text/csv) CSV (permission ${NOTICES_PERMISSION}).`,
        security: [{ bearerToken: [] }],
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const listed = await notices.list(viewerOfToken(request), request.query.open === 'yes' ? { isOpenOnly: true } : {});
      const isCsv = request.query.format === 'csv' || (request.query.format === undefined && String(request.headers.accept ?? '').includes('text/csv'));
      if (isCsv) return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="scam-notices.csv"').send(csvOf(listed));
      return { notices: listed };
    },
  );

  app.post(
    '/api/v1/scams/notices/:id/answer',
    {
      preHandler: requireToken(NOTICES_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `Answer a notice: blocked, disconnected, notOurNumber or dispute with a note (permission ${NOTICES_PERMISSION}); another operator's notice answers 404.`,
        security: [{ bearerToken: [] }],
        params: IdParams,
        body: AnswerBody,
      },
    },
    async (request) => {
      const result = await notices.answer(viewerOfToken(request), request.params.id, request.body);
      if (result.ok) return { notice: result.notice };
      if (result.problem === 'notFound') throw new NotFound('NOTICE_NOT_FOUND', message('scams.notices.problem.notFound'));
      if (result.problem === 'alreadyAnswered') throw new Conflict('NOTICE_ANSWERED', message('scams.notices.problem.alreadyAnswered'));
      const values = { max: NOTICE_NOTE_MAX };
      const problem: KeyedProblem = { field: result.field, message: english(result.messageKey, values), key: result.messageKey, values };
      throw new Invalid([problem]);
    },
  );

  const users = { preHandler: requireUser(...NOTICE_ROLES) };

  app.get(NOTICES_PATH, { ...users, schema: { querystring: ListQuery } }, async (request, reply) => {
    const viewer = viewerOfUser(request);
    const chosen = viewer.operatorId === null ? (request.query.operator ?? '') : viewer.operatorId;
    const listed = await notices.list(viewer, chosen === '' ? {} : { operatorId: chosen });
    return sendPage(
      reply,
      <NoticesPage
        ctx={app.pageContext(request, reply)}
        notices={listed}
        operators={await operators()}
        chosenOperator={chosen}
        isStaff={viewer.operatorId === null}
      />,
    );
  });

  const openNotice = async (request: FastifyRequest, id: string) => {
    const viewer = viewerOfUser(request);
    const notice = await notices.find(viewer, id);
    if (!notice) throw new NotFound('NOTICE_NOT_FOUND', message('scams.notices.problem.notFound'));
    return { viewer, notice };
  };

  app.get(`${NOTICES_PATH}/:id`, { ...users, schema: { params: IdParams, querystring: ListQuery } }, async (request, reply) => {
    const { viewer, notice } = await openNotice(request, request.params.id);
    const isAnswerable = viewer.operatorId !== null && notice.answer === null;
    return sendPage(
      reply,
      <NoticePage ctx={app.pageContext(request, reply)} notice={notice} form={{ values: {}, problems: [] }} isAnswerable={isAnswerable} />,
    );
  });

  app.post(`${NOTICES_PATH}/:id`, { ...users, schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    const { viewer, notice } = await openNotice(request, request.params.id);
    const ctx = app.pageContext(request, reply);
    if (viewer.operatorId === null) throw new Forbidden('ACCOUNT_NOT_OPERATOR', message('scams.notices.problem.notOperator'));
    const values = { answer: first(request.body.answer), note: first(request.body.note) };
    const result = await notices.answer(viewer, notice.id, values);
    if (result.ok) return reply.redirect(noticePath(notice.id), 303);
    if (result.problem === 'notFound') throw new NotFound('NOTICE_NOT_FOUND', message('scams.notices.problem.notFound'));
    const problem =
      result.problem === 'alreadyAnswered'
        ? { field: 'answer', message: ctx.t('scams.notices.problem.alreadyAnswered') }
        : { field: result.field, message: ctx.t(result.messageKey, { max: NOTICE_NOTE_MAX }) };
    return sendPage(
      reply,
      <NoticePage ctx={ctx} notice={notice} form={{ values, problems: [problem] }} isAnswerable={result.problem !== 'alreadyAnswered'} />,
      422,
    );
  });

  app.get(STAFF_NOTICES_PATH, { preHandler: requireUser(...REVIEWER_ROLES) }, async (request, reply) =>
    sendPage(reply, <StaffNoticesPage ctx={app.pageContext(request, reply)} counts={await notices.counts()} operators={await operators()} />),
  );
}
