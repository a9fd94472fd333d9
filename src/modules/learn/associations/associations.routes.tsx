import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actorOf, requireUser, staffOf } from '../../../platform/auth/index.ts';
import type { Role } from '../../../platform/auth/principal.ts';
import { NotFound, type CatalogMessage } from '../../../platform/http/errors.ts';
import { englishMessagesOf } from '../../../platform/i18n/english-messages.ts';
import type { App, ModuleStaffLink } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { hsdsCsv, hsdsDocument, HSDS_TABLES, type HsdsContext, type HsdsTable } from './association-hsds.ts';
import { profileFormValues, readAssociationProfile, type AssociationProfile, type ProfileForm, type ProfileProblem } from './association-profile.ts';
import { ASSOCIATION_STATES, type Association, type AssociationState } from './associations.service.ts';
import { associationsOf, regionsOf } from './associations.wiring.ts';
import {
  ASSOCIATIONS_HSDS_CSV_PATH,
  ASSOCIATIONS_HSDS_JSON_PATH,
  ASSOCIATIONS_PATH,
  MY_ASSOCIATION_PATH,
  STAFF_ASSOCIATIONS_PATH,
  STAFF_NEW_ASSOCIATION_PATH,
  associationPath,
  proposalPath,
  staffAssociationPath,
} from './associations.paths.ts';
import { AssociationPage, AssociationsPage, descriptionFor } from './associations.views.tsx';
import { languageNameIn } from '../shared/language-names.ts';
import { MyAssociationPage, ProposalPage, StaffAssociationPage, StaffAssociationsPage, type TickedLists } from './associations-staff.views.tsx';

/** Who keeps the directory and decides proposals: the regulator's staff. */
export const DIRECTORY_ROLES: readonly Role[] = ['admin', 'officer'];
/** Who proposes changes to their own entry. */
const REP_ROLES: readonly Role[] = ['association_rep'];

const english = englishMessagesOf(new URL('./locales/', import.meta.url));
const message = (key: string): CatalogMessage => ({ key, english: english(key) });
const notFound = () => new NotFound('ASSOCIATION_NOT_FOUND', message('learn.associations.problem.notFound'));

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const TableParams = Type.Object({ file: Type.String({ minLength: 1, maxLength: 40 }) });
const FormBody = Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 5000 }), { maxItems: 50 })]));
const DirectoryQuery = Type.Object({
  region: Type.Optional(Type.String({ maxLength: 40 })),
  service: Type.Optional(Type.String({ maxLength: 40 })),
  language: Type.Optional(Type.String({ maxLength: 20 })),
  lang: Type.Optional(Type.String({ maxLength: 16 })),
});
const PageQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 16 })), sent: Type.Optional(Type.String({ maxLength: 3 })) });
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/** The staff dashboard's links: the directory for staff (with the proposals waiting), a representative's own entry. */
export const ASSOCIATIONS_STAFF_LINKS: ModuleStaffLink[] = [
  {
    href: STAFF_ASSOCIATIONS_PATH,
    labelKey: 'learn.associations.staff.title',
    descriptionKey: 'learn.associations.staff.linkDescription',
    roles: [...DIRECTORY_ROLES],
    figures: async (platform) => [{ messageKey: 'learn.associations.staff.figure', count: (await associationsOf(platform).pending()).length }],
  },
  {
    href: MY_ASSOCIATION_PATH,
    labelKey: 'learn.associations.mine.title',
    descriptionKey: 'learn.associations.mine.linkDescription',
    roles: [...REP_ROLES],
  },
];

/** Registers the public directory, its HSDS export, staff's pages and a representative's page. */
export function registerAssociationRoutes(app: App, platform: Platform): void {
  const associations = associationsOf(platform);
  const regionSource = regionsOf(platform);
  const settings = platform.settings.learn.associations;

  const choicesFor = async () => {
    const regions = await regionSource.regions();
    return { regions, languages: settings.languages, services: settings.services };
  };
  const read = async (body: ProfileForm) => {
    const choices = await choicesFor();
    return {
      choices,
      ...readAssociationProfile(body, { regions: choices.regions.map((r) => r.code), languages: choices.languages, services: choices.services }),
    };
  };
  const problemsFor = (ctx: PageContext, problems: readonly ProfileProblem[]) => problems.map((p) => ({ field: p.field, message: ctx.t(p.key, p.values) }));
  const tickedOf = (profile: AssociationProfile): TickedLists => ({ regions: profile.regions, languages: profile.languages, services: profile.services });
  const valuesOf = (body: ProfileForm): Record<string, string> => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, first(v)]));

  const hsdsContext = async (): Promise<HsdsContext> => {
    const names = new Map((await regionSource.regions()).map((r) => [r.code, r.name]));
    const authority = platform.config.jurisdiction.authority.name;
    return {
      pageUrl: (id) => `${platform.config.publicUrl}${associationPath(id)}`,
      regionName: (code) => names.get(code) ?? code,
      serviceName: (key) => english(`learn.associations.service.${key}`),
      languageName: (code) => languageNameIn('en', code),
      rightsSentence: (rights) => `Representation rights recognised by ${authority}, decision ${rights.reference} of ${rights.decidedOn}`,
      description: (profile) => descriptionFor(profile, 'en').text,
    };
  };

  app.get(ASSOCIATIONS_PATH, { schema: { querystring: DirectoryQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { regions, languages, services } = await choicesFor();
    // A filter value that is not offered is ignored, as if the field had been left empty.
    const pick = (value: string | undefined, offered: readonly string[]) => (value && offered.includes(value) ? value : '');
    const filter = {
      region: pick(
        request.query.region,
        regions.map((r) => r.code),
      ),
      service: pick(request.query.service, services),
      language: pick(request.query.language, languages),
    };
    const listed = await associations.published(filter);
    return sendPage(
      reply,
      <AssociationsPage ctx={ctx} associations={listed} regions={regions} services={services} languages={languages} form={{ values: filter, problems: [] }} />,
    );
  });

  app.get(ASSOCIATIONS_HSDS_JSON_PATH, async (_request, reply) => {
    const document = hsdsDocument(await associations.published(), await hsdsContext());
    return reply.type('application/json; charset=utf-8').header('content-disposition', 'inline; filename="associations.hsds.json"').send(document);
  });

  app.get(`${ASSOCIATIONS_HSDS_CSV_PATH}/:file`, { schema: { params: TableParams } }, async (request, reply) => {
    const table = request.params.file.replace(/\.csv$/, '') as HsdsTable;
    if (!request.params.file.endsWith('.csv') || !HSDS_TABLES.includes(table)) throw notFound();
    const csv = hsdsCsv(table, await associations.published(), await hsdsContext());
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${table}.csv"`).send(csv);
  });

  app.get(`${ASSOCIATIONS_PATH}/:id`, { schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const association = await associations.findPublished(request.params.id);
    if (!association) throw notFound();
    return sendPage(reply, <AssociationPage ctx={app.pageContext(request, reply)} association={association} regions={await regionSource.regions()} />);
  });

  const staff = { preHandler: requireUser(...DIRECTORY_ROLES) };

  app.get(STAFF_ASSOCIATIONS_PATH, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) =>
    sendPage(
      reply,
      <StaffAssociationsPage ctx={app.pageContext(request, reply)} associations={await associations.all()} pending={await associations.pending()} />,
    ),
  );

  const staffPage = async (
    association: Association | undefined,
    form: { values: Record<string, string>; problems: Array<{ field: string; message: string }> },
    ticked: TickedLists,
  ) => {
    return {
      association,
      form,
      ticked,
      choices: await choicesFor(),
      reps: await associations.repAccounts(),
      pending: association ? await associations.pending(association.id) : [],
    };
  };

  app.get(STAFF_NEW_ASSOCIATION_PATH, { ...staff, schema: { querystring: PageQuery } }, async (request, reply) => {
    const props = await staffPage(undefined, { values: { state: 'unpublished' }, problems: [] }, { regions: [], languages: [], services: [] });
    return sendPage(reply, <StaffAssociationPage ctx={app.pageContext(request, reply)} {...props} />);
  });

  app.post(STAFF_NEW_ASSOCIATION_PATH, { ...staff, schema: { body: FormBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { profile, problems } = await read(request.body);
    const state = stateOf(first(request.body['state']));
    if (problems.length > 0) {
      const props = await staffPage(undefined, { values: valuesOf(request.body), problems: problemsFor(ctx, problems) }, tickedOf(profile));
      return sendPage(reply, <StaffAssociationPage ctx={ctx} {...props} />, 422);
    }
    const id = await associations.create(actorOf(request), profile, state);
    return reply.redirect(staffAssociationPath(id), 303);
  });

  app.get(`${STAFF_ASSOCIATIONS_PATH}/:id`, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const association = await associations.find(request.params.id);
    if (!association) throw notFound();
    const values = { ...profileFormValues(association.profile), state: association.state };
    const props = await staffPage(association, { values, problems: [] }, tickedOf(association.profile));
    return sendPage(reply, <StaffAssociationPage ctx={app.pageContext(request, reply)} {...props} />);
  });

  app.post(`${STAFF_ASSOCIATIONS_PATH}/:id`, { ...staff, schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const association = await associations.find(request.params.id);
    if (!association) throw notFound();
    const { profile, problems } = await read(request.body);
    const version = Number(first(request.body['version']));
    const all = [...problems];
    if (all.length === 0 && !(await associations.update(actorOf(request), association.id, version, profile, stateOf(first(request.body['state'])))))
      all.push({ field: 'name', key: 'learn.associations.problem.changedMeanwhile' });
    if (all.length === 0) return reply.redirect(staffAssociationPath(association.id), 303);
    const current = (await associations.find(association.id)) ?? association;
    const props = await staffPage(current, { values: valuesOf(request.body), problems: problemsFor(ctx, all) }, tickedOf(profile));
    return sendPage(reply, <StaffAssociationPage ctx={ctx} {...props} />, 422);
  });

  app.post(`${STAFF_ASSOCIATIONS_PATH}/:id/reps`, { ...staff, schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    const association = await associations.find(request.params.id);
    if (!association) throw notFound();
    const userId = first(request.body['userId']);
    const isDone =
      first(request.body['action']) === 'unlink'
        ? await associations.unlink(actorOf(request), association.id, userId)
        : await associations.link(actorOf(request), association.id, userId);
    if (!isDone) throw new NotFound('ASSOCIATION_REP_NOT_FOUND', message('learn.associations.problem.repNotFound'));
    return reply.redirect(staffAssociationPath(association.id), 303);
  });

  app.get(`${STAFF_ASSOCIATIONS_PATH}/proposals/:id`, { ...staff, schema: { params: IdParams, querystring: PageQuery } }, async (request, reply) => {
    const proposal = await associations.proposal(request.params.id);
    if (!proposal) throw notFound();
    return sendPage(reply, <ProposalPage ctx={app.pageContext(request, reply)} proposal={proposal} />);
  });

  app.post(`${STAFF_ASSOCIATIONS_PATH}/proposals/:id`, { ...staff, schema: { params: IdParams, body: FormBody } }, async (request, reply) => {
    const decision = first(request.body['decision']);
    const proposal = await associations.proposal(request.params.id);
    if (!proposal || (decision !== 'approve' && decision !== 'reject')) throw notFound();
    await associations.decide(actorOf(request), proposal.id, decision);
    return reply.redirect(proposalPath(proposal.id), 303);
  });

  const reps = { preHandler: requireUser(...REP_ROLES) };

  const mine = async (request: FastifyRequest) => {
    const associationId = await associations.associationOfRep(staffOf(request).userId);
    const association = associationId ? await associations.find(associationId) : undefined;
    return { association, pending: association ? await associations.pending(association.id) : [], choices: await choicesFor() };
  };

  app.get(MY_ASSOCIATION_PATH, { ...reps, schema: { querystring: PageQuery } }, async (request, reply) => {
    const { association, pending, choices } = await mine(request);
    const profile = association?.profile;
    return sendPage(
      reply,
      <MyAssociationPage
        ctx={app.pageContext(request, reply)}
        association={association}
        form={{ values: profile ? profileFormValues(profile) : {}, problems: [] }}
        ticked={profile ? tickedOf(profile) : { regions: [], languages: [], services: [] }}
        choices={choices}
        pending={pending}
        isSent={request.query.sent === 'yes'}
      />,
    );
  });

  app.post(MY_ASSOCIATION_PATH, { ...reps, schema: { body: FormBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { association, pending, choices } = await mine(request);
    if (!association) throw notFound();
    const { profile, problems } = await read(request.body);
    const all = [...problems];
    if (all.length === 0) {
      const result = await associations.propose(actorOf(request), staffOf(request).userId, profile);
      if (result.ok) return reply.redirect(`${MY_ASSOCIATION_PATH}?sent=yes`, 303);
      all.push({ field: 'name', key: result.problem === 'noChange' ? 'learn.associations.problem.noChange' : 'learn.associations.problem.notFound' });
    }
    return sendPage(
      reply,
      <MyAssociationPage
        ctx={ctx}
        association={association}
        form={{ values: valuesOf(request.body), problems: problemsFor(ctx, all) }}
        ticked={tickedOf(profile)}
        choices={choices}
        pending={pending}
        isSent={false}
      />,
      422,
    );
  });
}

function stateOf(value: string): AssociationState {
  return (ASSOCIATION_STATES as readonly string[]).includes(value) ? (value as AssociationState) : 'unpublished';
}
