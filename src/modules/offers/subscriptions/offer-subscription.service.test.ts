import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { queuedJobPayloads } from '../../../../test/helpers/jobs.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule, createOfferServiceFor } from '../index.ts';
import { createOfferSubscriptionServiceFor } from './offer-subscription.wiring.ts';
import { changedFacts, NOTIFY_JOB } from './offer-subscription.service.ts';
import { retentionCutoff } from '../../../platform/privacy/retention-schedule.ts';
import type { OfferRecord } from '../catalogue/offer-file.ts';
import { loadCatalogs } from '../../../platform/i18n/index.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const PLAN = 'M9900000001SVM10GB30000000';
const DAY = 86_400_000;
const system = { type: 'system', id: null } as const;

async function setup(database: (typeof databases.all)[number], env: Record<string, string> = {}) {
  const db = await database.fresh();
  const platform = await createTestPlatform(db, { modules: [offersModule], env: { PUBLIC_URL: 'https://kinga.test', ...env } });
  await offersModule.seedDemo?.(platform);
  const subscriptions = createOfferSubscriptionServiceFor(platform);
  /** The tokens of the last confirmation e-mail queued, read from the encrypted job payload. */
  const lastTokens = async () => {
    const payloads = await queuedJobPayloads(platform, 'email.send');
    const text = String((payloads.at(-1) as { text?: string } | undefined)?.text ?? '');
    return { confirm: /confirm\?token=([\w-]+)/.exec(text)?.[1] ?? '', unsubscribe: /unsubscribe\?token=([\w-]+)/.exec(text)?.[1] ?? '' };
  };
  const rows = () => db.kysely.selectFrom('offer_subscriptions').selectAll().execute();
  return { db, platform, subscriptions, lastTokens, rows };
}

for (const database of databases.all) {
  test(`a pending subscription lapses after the profile's days and the retention schedule deletes it the day after [${database.dialect}]`, async () => {
    const { platform, subscriptions, lastTokens, rows } = await setup(database);
    assert.deepEqual(await subscriptions.subscribe({ planId: PLAN, email: 'amina@example.org', language: 'en', networkAddress: '192.0.2.1' }), { ok: true });
    const { confirm } = await lastTokens();
    assert.equal(await subscriptions.isConfirmable(confirm), true);
    platform.clock.advance(7 * DAY - 1000);
    assert.equal(await subscriptions.isConfirmable(confirm), true, 'seven days by default');
    platform.clock.advance(1000);
    assert.equal(await subscriptions.isConfirmable(confirm), false);
    assert.equal(await subscriptions.confirm(confirm), undefined, 'a lapsed link confirms nothing');
    const kind = platform.recordKinds.find((k) => k.name === 'offers.priceAlerts')!;
    const runAt = (iso: string) =>
      kind.retention.run({
        rule: kind.defaultRule,
        cutoff: retentionCutoff(kind.defaultRule.period, new Date(iso), platform.config.jurisdiction.timeZone),
        now: iso,
        dryRun: false,
        heldIds: new Set(),
      });
    // Lapsed on 8 December: kept through the 9th, deleted by the run of the 10th.
    assert.equal(await runAt('2026-12-09T20:00:00.000Z'), 0);
    assert.equal((await rows()).length, 1);
    assert.equal(await runAt('2026-12-10T01:00:00.000Z'), 1);
    assert.equal((await rows()).length, 0);
  });

  test(`the profile sets the days, asking again renews the pending request, and only the newest link confirms [${database.dialect}]`, async () => {
    const jurisdiction = JSON.parse((await import('node:fs')).readFileSync(new URL('../../../../jurisdictions/demo.json', import.meta.url), 'utf8')) as {
      modules: Record<string, Record<string, unknown>>;
    };
    jurisdiction.modules['offers'] = { ...jurisdiction.modules['offers'], subscriptions: { pendingDays: 2 } };
    const file = `${(await import('node:os')).tmpdir()}/kinga-offers-subscriptions-${process.pid}.json`;
    (await import('node:fs')).writeFileSync(file, JSON.stringify(jurisdiction));
    const { platform, subscriptions, lastTokens, rows } = await setup(database, { KINGA_JURISDICTION: file });
    await subscriptions.subscribe({ planId: PLAN, email: 'amina@example.org', language: 'fr', networkAddress: '192.0.2.1' });
    const first = await lastTokens();
    await subscriptions.subscribe({ planId: PLAN, email: 'AMINA@example.org', language: 'ar', networkAddress: '192.0.2.2' });
    const second = await lastTokens();
    const [row] = await rows();
    assert.equal((await rows()).length, 1);
    assert.equal(row?.language, 'ar');
    assert.equal(row?.expires_at, new Date(platform.clock.now().getTime() + 2 * DAY).toISOString());
    assert.equal(await subscriptions.confirm(first.confirm), undefined);
    assert.equal(await subscriptions.unsubscribe(first.unsubscribe), undefined, 'the first unsubscribe token was replaced too');
    assert.equal(await subscriptions.confirm(second.confirm), PLAN);
    assert.equal((await rows())[0]?.status, 'active');
    assert.equal(await subscriptions.unsubscribe(second.unsubscribe), PLAN);
    assert.equal((await rows()).length, 0);
  });

  test(`an import queues one notice job with its new versions only, inside its transaction [${database.dialect}]`, async () => {
    const { platform } = await setup(database);
    const offers = createOfferServiceFor(platform);
    const notices = () => queuedJobPayloads(platform, NOTIFY_JOB);
    const before = (await notices()).length;
    await offers.importOffers({
      text: offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'BRANDNEW'), operator_id: 'OP-DEMO-1' })]),
      format: 'csv',
      isLenient: false,
      source: 'api',
      actor: system,
    });
    assert.equal((await notices()).length, before, 'a new plan has no subscribers yet');
    const changed = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'BRANDNEW'), operator_id: 'OP-DEMO-1', monthly_price: '650' })]);
    const rejected = offerCsv([offerRow({ unique_plan_id: planId('M', 9900000001, 'BRANDNEW'), operator_id: 'OP-DEMO-1', monthly_price: 'cheap' })]);
    await assert.rejects(offers.importOffers({ text: rejected, format: 'csv', isLenient: false, source: 'api', actor: system }));
    assert.equal((await notices()).length, before, 'a rejected file queues nothing');
    await offers.importOffers({ text: changed, format: 'csv', isLenient: false, source: 'api', actor: system });
    const queued = await notices();
    assert.equal(queued.length, before + 1);
    assert.deepEqual(queued.at(-1), { changes: [{ planId: planId('M', 9900000001, 'BRANDNEW'), version: 2 }] });
  });
}

test('the profile check names a wrong subscriptions setting with its path', async () => {
  const { offersSettings } = await import('../offers.settings.ts');
  const { checkSettings, settingsOf } = await import('../../../platform/settings.ts');
  const checkOfferSettings = (block: unknown) => checkSettings(offersSettings, block);
  assert.deepEqual(checkOfferSettings({ subscriptions: { pendingDays: 7 } }), []);
  assert.deepEqual(settingsOf(offersSettings, undefined).subscriptions, { pendingDays: 7, codeMinutes: 15 });
  assert.deepEqual(settingsOf(offersSettings, { subscriptions: { pendingDays: 30, codeMinutes: 10 } }).subscriptions, { pendingDays: 30, codeMinutes: 10 });
  assert.deepEqual(checkOfferSettings({ subscriptions: { codeMinutes: 2 } }), [
    '/modules/offers/subscriptions/codeMinutes: must be a whole number from 5 to 60',
  ]);
  assert.deepEqual(checkOfferSettings({ subscriptions: { pendingDays: 0, perDay: 3 } }), [
    '/modules/offers/subscriptions/perDay: unknown setting (known: pendingDays, codeMinutes)',
    '/modules/offers/subscriptions/pendingDays: must be a whole number from 1 to 60',
  ]);
  // The per-hour limit of one process's memory gave way to the platform's shared send limits.
  assert.match(
    checkOfferSettings({ subscriptions: { subscribeLimitPerHour: 10 } }).join('\n'),
    /subscribeLimitPerHour: no longer used: .*CODE_SENDS_PER_ADDRESS.*CODE_SENDS_PER_NETWORK_ADDRESS/,
  );
  assert.deepEqual(checkOfferSettings({ subscriptions: 7 }), ['/modules/offers/subscriptions: must be an object']);
});

test('a change notice names the facts that changed, in the words of the offer page', () => {
  const t = loadCatalogs().translator('en');
  const before = {
    monthlyPrice: '1000',
    validityDays: 30,
    dataAllowanceGb: '10',
    voiceMinutes: 100,
    providerName: 'Savanna Mobile',
    effectiveFrom: '2026-12-01',
  } as unknown as OfferRecord;
  assert.deepEqual(changedFacts(before, { ...before }, t), []);
  assert.deepEqual(changedFacts(before, { ...before, monthlyPrice: '1200', dataAllowanceGb: '12' }, t), ['Price', 'Data included']);
  assert.deepEqual(changedFacts(before, { ...before, providerName: 'Savanna', effectiveFrom: '2027-01-01' }, t), ['Offer available', 'Other terms']);
});
