import { Type, type Static } from '@sinclair/typebox';
import type { Jurisdiction } from '../jurisdiction.ts';
import type { App } from '../module.ts';

/** The public part of the jurisdiction profile: what a reuser needs to read Kinga's figures. */
export const JurisdictionView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    isDemo: Type.Boolean({ description: 'True when operators, people and figures are fictional.' }),
    country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
    currency: Type.String({ description: 'ISO 4217' }),
    timeZone: Type.String({ description: 'IANA time zone' }),
    languages: Type.Array(Type.String()),
    authority: Type.Object({ name: Type.String(), shortName: Type.String(), website: Type.Optional(Type.String()) }),
    contacts: Type.Object({
      phone: Type.String(),
      tollFree: Type.Optional(Type.String()),
      email: Type.String(),
      address: Type.Optional(Type.String()),
      openingHours: Type.Optional(
        Type.Array(Type.Object({ days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })), opens: Type.String(), closes: Type.String() }), {
          description: 'When the help line answers: ISO days (1 = Monday) and local times.',
        }),
      ),
    }),
    weekend: Type.Array(Type.Integer(), { description: 'ISO weekdays that are not business days (1 = Monday).' }),
    holidays: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), name: Type.String() })),
  },
  { $id: 'Jurisdiction' },
);

/** Shapes the profile for the API; module settings stay private until a module exposes them. */
export function presentJurisdiction(j: Jurisdiction): Static<typeof JurisdictionView> {
  return {
    id: j.id,
    name: j.name,
    isDemo: j.isDemo === true,
    country: j.country,
    currency: j.currency,
    timeZone: j.timeZone,
    languages: [...j.languages],
    authority: { ...j.authority },
    contacts: {
      phone: j.contacts.phone,
      email: j.contacts.email,
      ...(j.contacts.tollFree ? { tollFree: j.contacts.tollFree } : {}),
      ...(j.contacts.address ? { address: j.contacts.address } : {}),
      ...(j.contacts.openingHours ? { openingHours: j.contacts.openingHours.map((p) => ({ days: [...p.days], opens: p.opens, closes: p.closes })) } : {}),
    },
    weekend: [...j.weekend],
    holidays: j.holidays.map((h) => ({ ...h })),
  };
}

/** `GET /api/v1/jurisdiction`: the country, currency, calendar and contacts this installation serves. */
export function registerJurisdictionRoutes(app: App, jurisdiction: Jurisdiction): void {
  const body = presentJurisdiction(jurisdiction);
  app.get(
    '/api/v1/jurisdiction',
    {
      schema: {
        tags: ['platform'],
        summary: 'The jurisdiction this installation serves: country, currency, time zone, languages, business calendar and help contacts.',
        response: { 200: JurisdictionView },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return body;
    },
  );
}
