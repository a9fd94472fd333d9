import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { englishSentencesIn } from '../../../test/helpers/english-sentences.ts';
import { loadCatalogs } from '../i18n/index.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../jurisdiction.ts';
import { createProblemLanguage, sendProblem, toAppError } from './problem.ts';

// Issue 13 item 10 (class): a request that does not match a route's schema is refused with one
// problem per wrong field, each said in the language Accept-Language asks for, from a message key
// per schema keyword with the field named; nothing of the schema validator's English is left.
const catalogs = loadCatalogs();
const NON_LATIN: ReadonlySet<Language> = new Set(['ar', 'ru', 'zh']);

async function appWithRoutes() {
  // The options src/app.ts gives Fastify's validator.
  const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>();
  const languageOf = createProblemLanguage(catalogs, SUPPORTED_LANGUAGES);
  app.setErrorHandler((error, request, reply) => sendProblem(toAppError(error as Error), request, reply, languageOf));
  app.post(
    '/api/v1/things/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }),
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          size: Type.Optional(Type.Integer({ maximum: 50 })),
          sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('filed'), Type.Literal('stage')])),
        }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 3 }),
            code: Type.String({ maxLength: 5 }),
            email: Type.String({ format: 'email' }),
            day: Type.String({ format: 'date' }),
            at: Type.String({ format: 'date-time' }),
            count: Type.Integer({ exclusiveMinimum: 0 }),
            step: Type.Integer({ multipleOf: 5 }),
            share: Type.Number({ exclusiveMaximum: 1 }),
            tags: Type.Array(Type.String(), { maxItems: 2 }),
            needs: Type.Array(Type.String(), { minItems: 1 }),
            ids: Type.Array(Type.String(), { uniqueItems: true }),
            kind: Type.Unsafe<string>({ type: 'string', enum: ['mobile', 'fixed'] }),
            version: Type.Literal(2),
            isOn: Type.Boolean(),
            nested: Type.Object({ deep: Type.String() }, { additionalProperties: false }),
            either: Type.Union([Type.Integer(), Type.Object({ a: Type.String() })]),
          },
          { additionalProperties: false },
        ),
      },
    },
    async () => ({ ok: true }),
  );
  await app.ready();
  return app;
}

const GOOD_BODY = {
  name: 'abcd',
  code: 'ab',
  email: 'a@example.org',
  day: '2026-12-01',
  at: '2026-12-01T10:00:00Z',
  count: 1,
  step: 10,
  share: 0.5,
  tags: ['a'],
  needs: ['b'],
  ids: ['c'],
  kind: 'mobile',
  version: 2,
  isOn: true,
  nested: { deep: 'x' },
  either: 1,
};

const BAD_BODY = {
  name: 'ab',
  code: 'abcdef',
  email: 'not an address',
  day: '2026-02-30',
  at: 'yesterday',
  count: 0,
  step: 7,
  share: 1,
  tags: ['a', 'b', 'c'],
  needs: [],
  ids: ['c', 'c'],
  kind: 'satellite',
  version: 3,
  isOn: 'perhaps',
  nested: { deep: { a: 1 }, extra: true },
  either: 'neither',
  unexpected: 1,
};

interface Problem {
  title: string;
  detail: string;
  errors: Array<{ field: string; message: string }>;
}

async function refused(app: Awaited<ReturnType<typeof appWithRoutes>>, language: Language, url: string, payload: unknown) {
  const reply = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: { 'accept-language': language } });
  assert.equal(reply.statusCode, 400, `${url} in ${language}: ${reply.body}`);
  assert.equal(reply.headers['content-language'], language, `${language}: every word of the answer is said in ${language}`);
  const problem = reply.json<Problem>();
  assert.equal(problem.title, 'INVALID_REQUEST');
  // Three Latin words in a row are English in a language written in another script.
  if (NON_LATIN.has(language))
    assert.deepEqual(
      englishSentencesIn([problem.detail, ...problem.errors.map((e) => e.message)].join('\n')),
      [],
      `${language}: English left in ${JSON.stringify(problem)}`,
    );
  return problem;
}

test('every schema keyword gives a problem naming its field, in each of the six languages, with no English left in another', async () => {
  const app = await appWithRoutes();
  const requests: Array<[string, unknown]> = [
    ['/api/v1/things/x1', GOOD_BODY],
    ['/api/v1/things/12?page=0&size=51&sort=nope', GOOD_BODY],
    ['/api/v1/things/12?page=x', GOOD_BODY],
    ['/api/v1/things/12', BAD_BODY],
  ];
  const said = new Map<Language, Array<[string, string]>>();
  for (const language of SUPPORTED_LANGUAGES) {
    const pairs: Array<[string, string]> = [];
    for (const [url, payload] of requests) for (const e of (await refused(app, language, url, payload)).errors) pairs.push([e.field, e.message]);
    said.set(language, pairs);
  }
  assert.deepEqual(said.get('en'), [
    ['params/id', 'id must have the form ^[0-9]+$.'],
    ['querystring/page', 'page must be 1 or more.'],
    ['querystring/size', 'size must be 50 or less.'],
    ['querystring/sort', 'sort must be one of due, filed, or stage.'],
    ['querystring/page', 'page must be a whole number.'],
    // The validator reads an object's unknown fields before its known ones.
    ['body/unexpected', 'unexpected is not a field this request takes.'],
    ['body/name', 'name must be at least 3 characters long.'],
    ['body/code', 'code must be at most 5 characters long.'],
    ['body/email', 'email must be an e-mail address.'],
    ['body/day', 'day must be a date written YYYY-MM-DD.'],
    ['body/at', 'at must be a date and time written as in 2026-12-23T10:00:00Z.'],
    ['body/count', 'count must be more than 0.'],
    ['body/step', 'step must be a multiple of 5.'],
    ['body/share', 'share must be less than 1.'],
    ['body/tags', 'tags must hold at most 2 items.'],
    ['body/needs', 'needs must hold at least 1 item.'],
    ['body/ids', 'ids must not hold the same item twice.'],
    ['body/kind', 'kind must be one of mobile or fixed.'],
    ['body/version', 'version must be 2.'],
    ['body/isOn', 'isOn must be true or false.'],
    ['body/nested/extra', 'nested/extra is not a field this request takes.'],
    ['body/nested/deep', 'nested/deep must be text.'],
    ['body/either', 'either does not have any of the forms this field takes.'],
  ]);
  // Every language names the same fields: only the words change, and they do.
  for (const [language, pairs] of said) {
    assert.deepEqual(
      pairs.map(([field]) => field),
      said.get('en')?.map(([field]) => field),
      language,
    );
    if (language !== 'en') assert.equal(pairs.filter(([, m], i) => m === said.get('en')?.[i]?.[1]).length, 0, `${language} copies no English message`);
  }
  // A list is said as each language lists it.
  const kind = (language: Language) => said.get(language)?.find(([field]) => field === 'body/kind')?.[1] ?? '';
  assert.match(kind('zh'), /mobile或fixed/);
  assert.match(kind('fr'), /mobile ou fixed/);
  assert.match(kind('ar'), /mobile أو fixed/);
  await app.close();
});

test('the detail counts the problems and every missing field is named, in the language asked for', async () => {
  const app = await appWithRoutes();
  const english = await refused(app, 'en', '/api/v1/things/12', { name: 'abcd' });
  assert.equal(english.detail, `The request does not match what this address takes: ${english.errors.length} problems, each named in errors.`);
  const problem = await refused(app, 'ar', '/api/v1/things/12', { name: 'abcd' });
  const t = catalogs.translator('ar');
  assert.equal(problem.detail, t('error.request.detail', { count: problem.errors.length }));
  const fields = problem.errors.map((e) => e.field);
  for (const name of ['code', 'email', 'day', 'at', 'count', 'step', 'share', 'tags', 'needs', 'ids', 'kind', 'version', 'isOn', 'nested', 'either'])
    assert.ok(fields.includes(`body/${name}`), `body/${name} is named`);
  assert.equal(problem.errors.find((e) => e.field === 'body/email')?.message, t('error.request.required', { field: 'email' }));
  const root = await refused(app, 'zh', '/api/v1/things/12', [1]);
  assert.deepEqual(
    root.errors.map((e) => e.field),
    ['body'],
  );
  await app.close();
});
