import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { buildStaffAccount, createWebClient, signIn } from '../../../../test/helpers/staff.ts';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import { allMigrations } from '../../../platform/create.ts';
import { COMPLAINTS_TEST_MODULES, createComplaintsTestApp } from '../testing/complaints-app.ts';

const databases = openTestDatabases(allMigrations(COMPLAINTS_TEST_MODULES));
const PAGE = '/staff/complaints/subscribers';

/** The quarter form's fields: the quarter, and one `figures.<operator>.<service>` input a figure, in the order given. */
const quarterForm = (quarter: string, figures: Record<string, string>): Record<string, string> => ({
  quarter,
  ...Object.fromEntries(Object.entries(figures).map(([input, value]) => [`figures.${input}`, value])),
});

async function setup(database: (typeof databases.all)[number]) {
  const { platform, app } = await createComplaintsTestApp(database, { 'OP-S-1': 'Savanna Mobile', 'OP-S-2': 'Baobab Net' });
  const admin = await buildStaffAccount(platform, { role: 'admin' });
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });
  const token = async (operatorId: string | null, permissions: string[]) => {
    const outcome = await auth.createToken(
      { kind: 'system' },
      { name: 'subscribers', operatorId: operatorId ?? '', permissions, expiresInDays: '', createdBy: admin.id },
    );
    assert.ok(outcome.ok);
    return outcome.value.plaintext;
  };
  const stored = async () =>
    (await platform.db.kysely.selectFrom('complaint_subscribers').selectAll().orderBy('operator_id').orderBy('service').execute()).map(
      (r) => `${r.quarter} ${r.operator_id} ${r.service} ${r.subscribers}`,
    );
  return { platform, app, token, stored };
}

for (const database of databases.all) {
  describe(`subscriber numbers pages and API (${database.dialect})`, () => {
    it('lets an officer enter a quarter from the dashboard, naming each wrong field and keeping what was typed', async () => {
      const { platform, app, stored } = await setup(database);
      const officer = await buildStaffAccount(platform, { role: 'officer' });
      const web = createWebClient(app);
      await signIn(web, platform, officer);
      assert.ok((await web.get('/staff')).body.includes(`href="${PAGE}"`), 'linked from the staff dashboard');

      const page = await web.get(`${PAGE}?quarter=2026-Q3`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('name="figures.OP-S-1.mobile"'));
      assert.ok(page.body.includes('Savanna Mobile, Mobile: subscribers in 2026-Q3'), 'each input has its own label');

      const wrong = await web.post(PAGE, quarterForm('2026-Q3', { 'OP-S-1.mobile': '-12', 'OP-S-2.pay_tv': '1,200', 'OP-S-2.mobile': '800000' }));
      assert.equal(wrong.statusCode, 422);
      assert.ok(wrong.body.includes('class="error-summary"'));
      assert.ok(wrong.body.includes('href="#field-figures.OP-S-1.mobile"'));
      assert.ok(wrong.body.includes('Savanna Mobile, Mobile: the number of subscribers cannot be negative'));
      assert.ok(wrong.body.includes('href="#field-figures.OP-S-2.pay_tv"'));
      assert.ok(wrong.body.includes('Baobab Net, Pay TV: enter a whole number'));
      assert.ok(wrong.body.includes('value="800000"'), 'the good figure is kept on the page');
      assert.deepEqual(await stored(), [], 'nothing saved');

      const saved = await web.post(PAGE, quarterForm('2026-Q3', { 'OP-S-1.mobile': '1200000', 'OP-S-2.mobile': '800000', 'OP-S-2.pay_tv': '' }));
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${PAGE}?quarter=2026-Q3&saved=1`);
      assert.deepEqual(await stored(), ['2026-Q3 OP-S-1 mobile 1200000', '2026-Q3 OP-S-2 mobile 800000']);
      const after = await web.get(`${PAGE}?quarter=2026-Q3&saved=1`);
      assert.ok(after.body.includes('role="status"'));
      assert.ok(after.body.includes('value="1200000"'));

      const unknown = await web.get(`${PAGE}?quarter=2026-Q7`);
      assert.equal(unknown.statusCode, 422);
      assert.ok(unknown.body.includes('href="#field-quarter"'));
      assert.ok(unknown.body.includes('is not one'));
      const tampered = await web.post(PAGE, { quarter: '2031-Q1', 'figures.OP-S-1.mobile': '5' });
      assert.equal(tampered.statusCode, 422);
      assert.ok(tampered.body.includes('2031-Q1 has not started yet'));
      assert.equal((await stored()).length, 2);
    });

    it('speaks French and Arabic', async () => {
      const { platform, app } = await setup(database);
      const admin = await buildStaffAccount(platform, { role: 'admin' });
      const web = createWebClient(app);
      await signIn(web, platform, admin);
      const fr = await web.get(`${PAGE}?quarter=2026-Q3&lang=fr`);
      assert.ok(fr.body.includes('Nombre d’abonnés'));
      assert.ok(fr.body.includes('Savanna Mobile, Mobile'));
      const ar = await web.get(`${PAGE}?quarter=2026-Q3&lang=ar`);
      assert.ok(ar.body.includes('dir="rtl"'));
      assert.ok(ar.body.includes('أعداد المشتركين'));
      const wrong = await web.post(`${PAGE}?lang=ar`, { quarter: '2026-Q3', 'figures.OP-S-1.mobile': 'x' });
      assert.equal(wrong.statusCode, 422);
      assert.ok(wrong.body.includes('أدخل عدداً صحيحاً'));
    });

    it('is closed to operator agents and association representatives', async () => {
      const { platform, app } = await setup(database);
      const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-S-1' });
      const portal = createWebClient(app);
      await signIn(portal, platform, agent);
      assert.equal((await portal.get(PAGE)).statusCode, 403);
      assert.ok(!(await portal.get('/staff')).body.includes(`href="${PAGE}"`));
      const rep = await buildStaffAccount(platform, { role: 'association_rep' });
      const association = createWebClient(app, '127.0.0.3');
      await signIn(association, platform, rep);
      assert.equal((await association.post(PAGE, { quarter: '2026-Q3', 'figures.OP-S-1.mobile': '5' })).statusCode, 403);
      assert.equal((await createWebClient(app, '127.0.0.4').get(PAGE)).statusCode, 303, 'anonymous visitors are sent to sign in');
    });

    it('replaces a quarter through the API for a regulator token only, and the statistics show the rate', async () => {
      const { app, token, stored } = await setup(database);
      const regulator = await token(null, ['complaints:subscribers']);
      const put = (bearer: string | null, quarter: string, payload: unknown) =>
        app.inject({
          method: 'PUT',
          url: `/api/v1/complaints/subscribers/${quarter}`,
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
          payload: payload as Record<string, unknown>,
        });

      const ok = await put(regulator, '2026-Q4', { figures: [{ operatorId: 'OP-S-1', service: 'mobile', subscribers: 600000 }] });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { quarter: '2026-Q4', figures: [{ operatorId: 'OP-S-1', service: 'mobile', subscribers: 600000 }] });
      assert.deepEqual(await stored(), ['2026-Q4 OP-S-1 mobile 600000']);

      const bad = await put(regulator, '2026-Q4', {
        figures: [
          { operatorId: 'OP-S-2', service: 'mobile', subscribers: 10 },
          { operatorId: 'OP-S-2', service: 'pay_tv', subscribers: -5 },
          { operatorId: 'OP-NOPE', service: 'mobile', subscribers: 2.5 },
        ],
      });
      assert.equal(bad.statusCode, 422);
      assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
      assert.deepEqual(
        (bad.json().errors as Array<{ field: string }>).map((e) => e.field),
        ['/figures/1/subscribers', '/figures/2/operatorId', '/figures/2/subscribers'],
      );
      assert.equal((await put(regulator, 'Q4-2026', { figures: [] })).statusCode, 422);
      assert.deepEqual(await stored(), ['2026-Q4 OP-S-1 mobile 600000'], 'nothing changed');

      const operatorToken = await token('OP-S-1', ['complaints:subscribers']);
      assert.equal((await put(operatorToken, '2026-Q4', { figures: [] })).statusCode, 403, 'an operator does not set its own denominator');
      const readOnly = await token(null, ['complaints:read']);
      assert.equal((await put(readOnly, '2026-Q4', { figures: [] })).statusCode, 403);
      assert.equal((await put(null, '2026-Q4', { figures: [] })).statusCode, 401);

      const page = await app.inject({ method: 'GET', url: '/complaints/statistics?quarter=2026-Q4' });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('no rate: subscribers not reported'), 'Baobab Net has no figure and says so');

      const spec = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, { put?: { security?: unknown[] } }> }>();
      assert.ok(spec.paths['/api/v1/complaints/subscribers/{quarter}']?.put?.security, 'described in the OpenAPI document, with its token');

      const emptied = await put(regulator, '2026-Q4', { figures: [] });
      assert.equal(emptied.statusCode, 200);
      assert.deepEqual(await stored(), []);
    });
  });
}
