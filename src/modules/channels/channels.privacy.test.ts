import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import { allMigrations } from '../../platform/create.ts';
import type { Platform } from '../../platform/platform.ts';
import type { RecordKind, SubjectIdentity } from '../../platform/privacy/record-kinds.ts';
import { createSmsOutboxRepository } from '../../platform/sms/index.ts';
import { CHANNELS_TEST_MODULES, createChannelsTestApp } from './testing/channels-platform.ts';
import { seedChannelsPersonEverywhere } from './testing/channels-person.ts';
import { createUssdSessionRepository } from './ussd/ussd-session.repository.ts';
import { createConsumerActionsRepository } from './actions/consumer-actions.repository.ts';
import { createSmsConversationRepository } from './sms/sms-conversation.repository.ts';

const databases = openTestDatabases(allMigrations(CHANNELS_TEST_MODULES));
const DAY = 86_400_000;
const T0 = '2026-01-10T08:00:00.000Z';
const plusDays = (days: number) => new Date(Date.parse(T0) + days * DAY).toISOString();

/** How each kind's records are stored at an instant, and whether one is still there. */
interface KindCase {
  seed(platform: Platform, at: string): Promise<string>;
  exists(platform: Platform, id: string): Promise<boolean>;
}

const outbound = (platform: Platform, at: string, state: 'delivered' | 'queued') => {
  const id = randomUUID();
  return createSmsOutboxRepository(platform.db.kysely)
    .insertMessage(platform.db.kysely, {
      id,
      purpose: 'test',
      to_hash: `h-${id}`,
      to_enc: 'x',
      text_enc: 'x',
      encoding: 'gsm7',
      part_count: 1,
      route: 'test',
      state,
      attempts: 1,
      next_attempt_at: at,
      locked_until: null,
      last_error: null,
      created_at: at,
      submitted_at: at,
      finished_at: state === 'queued' ? null : at,
    })
    .then(() => id);
};
const inbound = async (platform: Platform, at: string, state: 'handled' | 'new') => {
  const id = randomUUID();
  await createSmsOutboxRepository(platform.db.kysely).insertInbound({
    id,
    route: 'test',
    from_hash: `h-${id}`,
    from_enc: 'x',
    to_address: '14422',
    text_enc: 'x',
    state,
    attempts: 1,
    received_at: at,
    handled_at: state === 'new' ? null : at,
    locked_until: null,
  });
  return id;
};
const has = async (platform: Platform, table: 'sms_messages' | 'sms_inbound' | 'channel_ussd_sessions', id: string) =>
  (await platform.db.kysely.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
const hasHash = async (platform: Platform, table: 'channel_language_preferences' | 'channel_sms_conversations' | 'sms_opt_outs', hash: string) =>
  (await platform.db.kysely.selectFrom(table).select('number_hash').where('number_hash', '=', hash).executeTakeFirst()) !== undefined;

const CASES: Record<string, KindCase> = {
  'channels.ussdSessions': {
    async seed(platform, at) {
      const id = randomUUID();
      await createUssdSessionRepository(platform.db.kysely).insertSession({
        id,
        session_hash: `s-${id}`,
        number_hash: `n-${id}`,
        gateway: 'test',
        state_enc: 'x',
        consumed: 0,
        is_ended: false,
        created_at: at,
        updated_at: at,
      });
      return id;
    },
    exists: (platform, id) => has(platform, 'channel_ussd_sessions', id),
  },
  'channels.languagePreferences': {
    async seed(platform, at) {
      const hash = `n-${randomUUID()}`;
      await createConsumerActionsRepository(platform.db.kysely).setLanguage(hash, 'fr', at);
      return hash;
    },
    exists: (platform, hash) => hasHash(platform, 'channel_language_preferences', hash),
  },
  'channels.smsConversations': {
    async seed(platform, at) {
      const hash = `n-${randomUUID()}`;
      await createSmsConversationRepository(platform.db.kysely).save(platform.db.kysely, hash, 'x', at, at);
      return hash;
    },
    exists: (platform, hash) => hasHash(platform, 'channel_sms_conversations', hash),
  },
  'channels.smsOutbox': { seed: (platform, at) => outbound(platform, at, 'delivered'), exists: (platform, id) => has(platform, 'sms_messages', id) },
  'channels.smsInbox': { seed: (platform, at) => inbound(platform, at, 'handled'), exists: (platform, id) => has(platform, 'sms_inbound', id) },
  'channels.smsOptOuts': {
    async seed(platform, at) {
      const hash = `n-${randomUUID()}`;
      await createSmsOutboxRepository(platform.db.kysely).setOptedOut(platform.db.kysely, hash, at);
      return hash;
    },
    exists: (platform, hash) => hasHash(platform, 'sms_opt_outs', hash),
  },
};

const kindOf = (platform: Platform, name: string): RecordKind => {
  const kind = platform.recordKinds.find((k) => k.name === name);
  assert.ok(kind, `${name} is declared`);
  return kind;
};

for (const database of databases.all) {
  test(`every kind of channels record deletes what is due, not a record a day younger nor a held one, and a dry run only counts [${database.dialect}]`, async () => {
    const { platform, app } = await createChannelsTestApp(database);
    assert.deepEqual(
      platform.recordKinds.filter((k) => k.name.startsWith('channels.')).map((k) => k.name),
      Object.keys(CASES),
    );
    for (const [name, kindCase] of Object.entries(CASES)) {
      const kind = kindOf(platform, name);
      const [due, held, younger] = [await kindCase.seed(platform, T0), await kindCase.seed(platform, T0), await kindCase.seed(platform, plusDays(1))];
      const run = { rule: kind.defaultRule, cutoff: plusDays(1), now: plusDays(400), heldIds: new Set([held]) };
      const present = () => Promise.all([due, held, younger].map((id) => kindCase.exists(platform, id)));
      assert.equal(await kind.retention.run({ ...run, dryRun: true }), 1, `${name}: the dry run counts the due record`);
      assert.deepEqual(await present(), [true, true, true], `${name}: a dry run changes nothing`);
      assert.equal(await kind.retention.run({ ...run, dryRun: false }), 1, name);
      assert.deepEqual(await present(), [false, true, true], name);
    }
    await app.close();
  });

  test(`a text still waiting to be sent or handled outlives its retention until it is finished [${database.dialect}]`, async () => {
    const { platform, app } = await createChannelsTestApp(database);
    const waiting = await outbound(platform, T0, 'queued');
    const unread = await inbound(platform, T0, 'new');
    const run = { cutoff: plusDays(100), now: plusDays(100), dryRun: false, heldIds: new Set<string>() };
    assert.equal(await kindOf(platform, 'channels.smsOutbox').retention.run({ ...run, rule: kindOf(platform, 'channels.smsOutbox').defaultRule }), 0);
    assert.equal(await kindOf(platform, 'channels.smsInbox').retention.run({ ...run, rule: kindOf(platform, 'channels.smsInbox').defaultRule }), 0);
    assert.deepEqual([await has(platform, 'sms_messages', waiting), await has(platform, 'sms_inbound', unread)], [true, true]);
    await app.close();
  });

  test(`a person's USSD sessions, language, conversations and texts are found by their number and erased; an opt-out is kept while in force [${database.dialect}]`, async () => {
    const { platform, app } = await createChannelsTestApp(database);
    const person: SubjectIdentity = { emails: [], phones: ['+254722111222'], deviceIds: [] };
    const other: SubjectIdentity = { emails: [], phones: ['+254722333444'], deviceIds: [] };
    const seeded = await seedChannelsPersonEverywhere(platform, person);
    await seedChannelsPersonEverywhere(platform, other);
    const kinds = platform.recordKinds.filter((k) => k.name.startsWith('channels.'));
    const found = async (identity: SubjectIdentity) =>
      Object.fromEntries(await Promise.all(kinds.map(async (k) => [k.name, ((await k.subject?.find(identity)) ?? []).map((r) => r.fields)] as const)));

    const records = await found(person);
    assert.deepEqual(records['channels.ussdSessions']?.[0]?.state, JSON.stringify({ screen: 'scamSender', typed: '+254700000000' }));
    assert.deepEqual(
      records['channels.languagePreferences']?.map((f) => f.language),
      ['fr'],
    );
    assert.deepEqual(
      records['channels.smsConversations']?.map((f) => f.state),
      [JSON.stringify({ action: 'scam', forwarded: 'Send 500 to win' })],
    );
    assert.deepEqual(
      records['channels.smsOutbox']?.map((f) => [f.to, f.text, f.state]),
      [['+254722111222', 'Your code is 123456', 'delivered']],
    );
    assert.deepEqual(
      records['channels.smsInbox']?.map((f) => [f.from, f.text]),
      [['+254722111222', 'SCAM +254700000000']],
    );
    assert.equal(records['channels.smsOptOuts']?.length, 1);

    const now = platform.clock.now().toISOString();
    const erased: Record<string, unknown> = {};
    for (const kind of kinds)
      erased[kind.name] = (await kind.subject?.erase(person, { now, heldIds: new Set([seeded.inboundId]) }))?.outcomes.map((o) =>
        'reason' in o ? o.reason : o.result,
      );
    assert.deepEqual(erased, {
      'channels.ussdSessions': ['erased'],
      'channels.languagePreferences': ['erased'],
      'channels.smsConversations': ['erased'],
      'channels.smsOutbox': ['erased'],
      'channels.smsInbox': ['legalHold'],
      'channels.smsOptOuts': ['legalObligation'],
    });
    const after = await found(person);
    assert.deepEqual(
      Object.fromEntries(Object.entries(after).map(([name, list]) => [name, list.length])),
      {
        'channels.ussdSessions': 0,
        'channels.languagePreferences': 0,
        'channels.smsConversations': 0,
        'channels.smsOutbox': 0,
        'channels.smsInbox': 1,
        'channels.smsOptOuts': 1,
      },
      'only what erasure said it kept is still found',
    );
    const others = await found(other);
    assert.deepEqual(
      Object.values(others).map((list) => list.length),
      [1, 1, 1, 1, 1, 1],
      "another person's records are untouched",
    );
    await app.close();
  });
}
