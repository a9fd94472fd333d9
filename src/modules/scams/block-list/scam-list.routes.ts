import { Type } from '@sinclair/typebox';
import { requireToken } from '../../../platform/auth/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import { scamListOf } from '../notices/notices.wiring.ts';

const LIST_PERMISSION = 'scams:list';
const TAG = 'scams';

/** The header that carries the list's signature: `keyid="<kid>", alg="EdDSA", sig="<base64url>"` over the exact bytes of the body. */
export const SIGNATURE_HEADER = 'Kinga-Signature';

const ListQuery = Type.Object({
  since: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});

/** Registers the signed list of confirmed identifiers (full and delta) and its public key. */
export function registerScamListRoutes(app: App, platform: Platform): void {
  const list = scamListOf(platform);

  app.get(
    '/api/v1/scams/list',
    {
      preHandler: requireToken(LIST_PERMISSION),
      schema: {
        tags: [TAG],
        summary: `The confirmed scam identifiers at the current version, or with since=N the adds and removes after version N; JSON, or CSV with format=csv or Accept: text/csv; signed in the ${SIGNATURE_HEADER} header (permission ${LIST_PERMISSION}, operators' and banks' tokens).`,
        security: [{ bearerToken: [] }],
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const isCsv = request.query.format === 'csv' || (request.query.format === undefined && String(request.headers.accept ?? '').includes('text/csv'));
      const signed = await list.signed(isCsv ? 'csv' : 'json', request.query.since);
      return reply.type(signed.contentType).header(SIGNATURE_HEADER, signed.signature).header('Kinga-List-Version', String(signed.version)).send(signed.body);
    },
  );

  app.get(
    '/api/v1/scams/list/key',
    {
      schema: {
        tags: [TAG],
        summary: `The public key (a JWK, Ed25519) that verifies the ${SIGNATURE_HEADER} of the list; its kid is the key's RFC 7638 thumbprint.`,
      },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').send(list.publicKey()),
  );
}
