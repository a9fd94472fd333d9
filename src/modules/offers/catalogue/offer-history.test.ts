import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../../app.ts';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { startSmtpServer } from '../../../../test/helpers/smtp.ts';
import { allMigrations } from '../../../platform/create.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createOfferServiceFor, offersModule } from '../index.ts';
import { createOfferSubscriptionServiceFor } from '../subscriptions/offer-subscription.wiring.ts';
import { createRoamingServiceFor } from '../roaming/roaming.wiring.ts';
import { offerCsv, offerRow, planId } from '../testing/offer-rows.ts';
import { roamingCsv, roamingRow } from '../testing/roaming-rows.ts';

const databases = openTestDatabases(allMigrations([offersModule]));
const smtp = await startSmtpServer();
after(() => smtp.close());

const SYSTEM = { type: 'system', id: null } as const;
const DAY = 86_400_000;
const PUBLIC_URL = 'https://kinga.test';
const PLAN = planId('M', 1, 'HISTORY');

/** Every calendar day from `from` to `to`, both included, YYYY-MM-DD. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += DAY) out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

/** The problems of a rejected import, as `line field: message`. */
async function rejection(work: Promise<unknown>, code: string): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    return error.problems.map((p) => `${p.line ?? '-'} ${p.field}: ${p.message}`);
  }
  assert.fail('the import was accepted');
}

/** Whether two half-open periods [from, to) share a day; a period with no end runs for ever. */
function overlaps(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  const isEmpty = (p: { from: string; to: string | null }) => p.to !== null && p.to <= p.from;
  if (isEmpty(a) || isEmpty(b)) return false;
  return (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);
}

for (const database of databases.all) {
  test(`an offer's history cannot be rewritten: versions close, never overlap, never start in the past, and every date, page, e-mail and export agree [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule], env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    const app = await buildApp(platform, [offersModule]);
    const offers = createOfferServiceFor(platform);
    await offers.addOperator(SYSTEM, 'OP-T1', 'Test Mobile');
    const subscriptions = createOfferSubscriptionServiceFor(platform);
    const publish = (price: string, effectiveFrom = '') =>
      offers.importOffers({
        text: offerCsv([offerRow({ unique_plan_id: PLAN, monthly_price: price, effective_from: effectiveFrom })]),
        format: 'csv',
        isLenient: false,
        source: 'api',
        actor: SYSTEM,
      });
    const first = smtp.messages.length;
    const mails = async (count: number) => {
      await platform.jobs.runDue();
      return (await smtp.waitFor(first + count)).slice(first);
    };
    const priceOnPage = async (path: string) => {
      const page = await app.inject({ url: path, headers: { accept: 'text/html' } });
      if (page.statusCode !== 200) return `${page.statusCode}`;
      return /KES\s?([\d,]+\.\d{2}) for 30 days/.exec(page.body)?.[1] ?? 'no price';
    };

    // 2026-12-01: the offer is first published, in effect since 16 November; someone follows it.
    assert.equal((await publish('500', '2026-11-16')).newVersions, 1);
    assert.deepEqual(await subscriptions.subscribe({ planId: PLAN, email: 'amina@example.org', language: 'en', networkAddress: '192.0.2.1' }), { ok: true });
    const [confirmation] = await mails(1);
    const token = /confirm\?token=([\w-]+)/.exec(confirmation?.text ?? '')?.[1] ?? '';
    assert.equal(await subscriptions.confirm(token), PLAN);

    // The same file again with a new price and the old start date would rewrite the last two weeks: refused, nothing written.
    assert.deepEqual(await rejection(publish('600', '2026-11-16'), 'OFFER_FILE_REJECTED'), [
      `2 effective_from: 2026-11-16 is in the past: this row changes the published offer ${PLAN}, and a change takes effect today (2026-12-01) or later, so that what was published for past days stays as it was. Write the day the change takes effect, or leave the cell empty for today.`,
    ]);
    assert.equal((await offers.offerOn(PLAN)).versions.length, 1);

    // Without a start date the change takes effect today and closes the version it replaces.
    assert.equal((await publish('600')).newVersions, 1);
    const change = (await mails(2))[1];
    assert.ok(change);
    assert.match(change.text ?? '', /New price: KES\s?600\.00 for 30 days/);
    assert.match(change.text ?? '', /Previous price: KES\s?500\.00 for 30 days/);
    assert.match(change.text ?? '', /In effect from: December 1, 2026/);
    const announced = /Everything in the new version: (\S+)/.exec(change.text ?? '')?.[1] ?? '';
    assert.equal(announced, `${PUBLIC_URL}/offers/${PLAN}?on=2026-12-01&lang=en`);
    assert.equal(await priceOnPage(announced.slice(PUBLIC_URL.length)), '600.00', 'the dated page shows the price the e-mail announced');
    assert.equal(await priceOnPage(`/offers/${PLAN}?on=2026-11-20`), '500.00', 'a day before the change still shows the old price');

    // Five days later a change is scheduled for 20 December; a change cannot start before it, nor in the past.
    platform.clock.advance(5 * DAY);
    await publish('700', '2026-12-20');
    assert.deepEqual(await rejection(publish('650', '2026-12-15'), 'OFFER_FILE_REJECTED'), [
      `2 effective_from: 2026-12-15 is before 2026-12-20, the day version 3 of ${PLAN} takes effect: a new version cannot start before the last one published. Write 2026-12-20 or a later day.`,
    ]);
    assert.deepEqual(
      (await rejection(publish('650', '2026-12-03'), 'OFFER_FILE_REJECTED')).map((p) => p.split(':')[0]),
      ['2 effective_from'],
    );
    // Republishing the scheduled terms confirms them; changing them again on the same day replaces them before they take effect.
    assert.deepEqual([(await publish('700', '2026-12-20')).confirmed, (await publish('750', '2026-12-20')).newVersions], [1, 1]);

    const { versions } = await offers.offerOn(PLAN);
    const periods = versions.map((v) => ({ version: v.version, from: v.effective_from, to: v.effective_to }));
    assert.deepEqual(periods, [
      { version: 1, from: '2026-11-16', to: '2026-12-01' },
      { version: 2, from: '2026-12-01', to: '2026-12-20' },
      { version: 3, from: '2026-12-20', to: '2026-12-20' },
      { version: 4, from: '2026-12-20', to: null },
    ]);
    for (const a of periods)
      for (const b of periods) if (a.version < b.version) assert.equal(overlaps(a, b), false, `versions ${a.version} and ${b.version} overlap`);

    // What every date shows: the service, the page, the contract summary.
    const expected = (day: string) => (day < '2026-11-16' ? null : day < '2026-12-01' ? '500' : day < '2026-12-20' ? '600' : '750');
    for (const day of days('2026-11-14', '2026-12-22')) {
      const price = expected(day);
      if (price === null) {
        await assert.rejects(offers.offerOn(PLAN, day), /not in effect/);
        assert.equal(await priceOnPage(`/offers/${PLAN}?on=${day}`), '404', day);
        continue;
      }
      assert.equal((await offers.offerOn(PLAN, day)).current.parsed.monthlyPrice, price, day);
      assert.equal(await priceOnPage(`/offers/${PLAN}?on=${day}`), `${price}.00`, day);
    }
    const summary = await app.inject({ url: `/offers/${PLAN}/summary?on=2026-12-10`, headers: { accept: 'text/html' } });
    assert.match(summary.body, /From December 1, 2026 until December 20, 2026/);
    const page = await app.inject({ url: `/offers/${PLAN}?on=2026-12-10`, headers: { accept: 'text/html' } });
    assert.match(page.body, /Version 1: from 2026-11-16 to 2026-12-01/);
    assert.match(page.body, /Version 3: replaced before it took effect on 2026-12-20/);

    // The scheduled changes were announced, each with the page of its own day, which shows what the last one said.
    const scheduled = (await mails(4)).slice(2);
    const latest = scheduled.find((m) => /New price: KES\s?750\.00/.test(m.text ?? ''));
    assert.ok(latest, scheduled.map((m) => m.text).join('\n---\n'));
    const link = /Everything in the new version: (\S+)/.exec(latest.text ?? '')?.[1] ?? '';
    assert.equal(await priceOnPage(link.slice(PUBLIC_URL.length)), '750.00');

    // Today's comparison, the current export and the history export say the same.
    const compared = (await app.inject('/api/v1/offers/compare?type=mobile&data_gb=1&voice_min=10&sms=5&months=1')).json<{
      results: { planId: string; totalCost: string }[];
    }>();
    assert.deepEqual(
      compared.results.map((r) => [r.planId, r.totalCost]),
      [[PLAN, '600.00']],
    );
    const current = (await app.inject('/api/v1/offers/export/current.json')).json<{ offers: Record<string, string>[] }>();
    assert.deepEqual(
      current.offers.map((o) => [o['monthly_price'], o['effective_from'], o['effective_to']]),
      [['600', '2026-12-01', '2026-12-20']],
    );
    const history = (await app.inject('/api/v1/offers/export/history.json')).json<{ offers: Record<string, string | number>[] }>();
    assert.deepEqual(
      history.offers.map((o) => [o['version'], o['monthly_price'], o['effective_from'], o['effective_to']]),
      [
        [1, '500', '2026-11-16', '2026-12-01'],
        [2, '600', '2026-12-01', '2026-12-20'],
        [3, '700', '2026-12-20', '2026-12-20'],
        [4, '750', '2026-12-20', ''],
      ],
    );
  });

  test(`a roaming rate's history cannot be rewritten either: a change closes the rate it replaces and never starts in the past [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [offersModule] });
    const offers = createOfferServiceFor(platform);
    await offers.addOperator(SYSTEM, 'OP-T1', 'Test Mobile');
    await offers.importOffers({
      text: offerCsv([offerRow({ unique_plan_id: PLAN, effective_from: '2026-11-01' })]),
      format: 'csv',
      isLenient: false,
      source: 'cli',
      actor: SYSTEM,
    });
    const roaming = createRoamingServiceFor(platform);
    const publish = (price: string, effectiveFrom = '') =>
      roaming.importRates({
        text: roamingCsv([roamingRow({ unique_plan_id: PLAN, data_per_mb: price, effective_from: effectiveFrom })]),
        format: 'csv',
        source: 'cli',
        actor: SYSTEM,
      });
    await publish('2', '2026-11-16');
    platform.clock.advance(3 * DAY);
    assert.deepEqual(await rejection(publish('3', '2026-11-16'), 'ROAMING_FILE_REJECTED'), [
      `2 effective_from: 2026-11-16 is in the past: this row changes the published rate ${PLAN} UG, and a change takes effect today (2026-12-04) or later, so that what was published for past days stays as it was. Write the day the change takes effect, or leave the cell empty for today.`,
    ]);
    await publish('3');
    const versions = await roaming.versionsOf(PLAN, 'UG');
    assert.deepEqual(
      versions.map((v) => [v.version, v.effective_from, v.effective_to]),
      [
        [1, '2026-11-16', '2026-12-04'],
        [2, '2026-12-04', null],
      ],
    );
    const estimate = await roaming.estimate({ kind: 'country', code: 'UG' }, { days: 1, dataMb: '10', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }, null);
    assert.deepEqual(
      estimate.results.map((r) => r.total.toFixed(2)),
      ['30.00'],
    );
  });
}
