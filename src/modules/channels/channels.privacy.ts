import type { Platform } from '../../platform/platform.ts';
import type { ErasureOutcome, KindErasure, RecordKind, SubjectIdentity, SubjectRecord } from '../../platform/privacy/record-kinds.ts';
import { runRetentionInBatches } from '../../platform/privacy/retention-batches.ts';
import { SMS_NUMBER_CONTEXT, SMS_NUMBER_HASH, SMS_TEXT_CONTEXT } from '../../platform/sms/index.ts';
import { STATE_CONTEXT } from './ussd/ussd.service.ts';
import { CONVERSATION_CONTEXT } from './sms/sms-inbound.service.ts';
import { createChannelsPrivacyRepository } from './privacy/channels-privacy.repository.ts';

const labels = (kind: string) => ({ labelKey: `channels.privacy.${kind}.label`, purposeKey: `channels.privacy.${kind}.purpose` });

/** Deletes the records found, but those held, and says so. */
async function eraseFound(records: readonly SubjectRecord[], heldIds: ReadonlySet<string>, remove: (ids: string[]) => Promise<void>): Promise<KindErasure> {
  const outcomes = records.map((r): ErasureOutcome => (heldIds.has(r.id) ? { id: r.id, result: 'kept', reason: 'legalHold' } : { id: r.id, result: 'erased' }));
  const ids = outcomes.filter((o) => o.result === 'erased').map((o) => o.id);
  if (ids.length > 0) await remove(ids);
  return { outcomes, operatorIds: [] };
}

/**
 * The kinds of record of feature phones, each with the retention it had before the schedule:
 * USSD sessions 24 hours after their last callback, language choices 365 days after they were
 * last made, conversations by text 24 hours after their last text, texts sent and received 90
 * days after they were queued or received (once finished). The SMS tables are the platform's,
 * declared here because this module sends and receives them; an opt-out is kept while in force.
 */
export function channelsRecordKinds(platform: Platform): RecordKind[] {
  const { keyring } = platform;
  const repository = createChannelsPrivacyRepository(platform.db.kysely);
  const smsHashes = (identity: SubjectIdentity) => identity.phones.map((phone) => keyring.hash(phone, SMS_NUMBER_HASH));

  const ussdFind = async (identity: SubjectIdentity) =>
    (await repository.ussdSessionsOf(identity.phones.map((phone) => keyring.hash(phone, 'channel_ussd_sessions.number')))).map((s): SubjectRecord => ({
      id: s.id,
      createdAt: s.created_at,
      fields: { gateway: s.gateway, state: keyring.decrypt(s.state_enc, STATE_CONTEXT), isEnded: s.is_ended, updatedAt: s.updated_at },
    }));
  const ussdSessions: RecordKind = {
    name: 'channels.ussdSessions',
    ...labels('ussdSessions'),
    categories: ['contact', 'content'],
    subjects: ['consumers', 'reporters'],
    recipients: [],
    triggers: ['lastActivity'],
    actions: ['delete'],
    defaultRule: { period: 'PT24H', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueUssdSessions, apply: (ids) => repository.deleteUssdSessions(ids) }) },
    subject: {
      find: ussdFind,
      erase: async (identity, { heldIds }) => eraseFound(await ussdFind(identity), heldIds, repository.deleteUssdSessions),
    },
  };

  const languageFind = async (identity: SubjectIdentity) =>
    (await repository.languagePreferencesOf(identity.phones.map((phone) => keyring.hash(phone, 'channel_language_preferences.number')))).map(
      (p): SubjectRecord => ({ id: p.number_hash, createdAt: p.at, fields: { language: p.language, updatedAt: p.at } }),
    );
  const languagePreferences: RecordKind = {
    name: 'channels.languagePreferences',
    ...labels('languagePreferences'),
    categories: ['preferences'],
    subjects: ['consumers'],
    recipients: [],
    triggers: ['lastActivity'],
    actions: ['delete'],
    defaultRule: { period: 'P365D', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' },
    retention: {
      run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueLanguagePreferences, apply: (keys) => repository.deleteLanguagePreferences(keys) }),
    },
    subject: {
      find: languageFind,
      erase: async (identity, { heldIds }) => eraseFound(await languageFind(identity), heldIds, repository.deleteLanguagePreferences),
    },
  };

  const conversationFind = async (identity: SubjectIdentity) =>
    (await repository.conversationsOf(smsHashes(identity))).map((c): SubjectRecord => ({
      id: c.number_hash,
      createdAt: c.at,
      fields: { state: keyring.decrypt(c.state_enc, CONVERSATION_CONTEXT), expiresAt: c.expires_at },
    }));
  const smsConversations: RecordKind = {
    name: 'channels.smsConversations',
    ...labels('smsConversations'),
    categories: ['contact', 'content'],
    subjects: ['consumers', 'reporters'],
    recipients: [],
    triggers: ['lastActivity'],
    actions: ['delete'],
    // A conversation waits at most a day (`conversationMinutes`), so none in progress is cut.
    defaultRule: { period: 'PT24H', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueConversations, apply: (keys) => repository.deleteConversations(keys) }) },
    subject: {
      find: conversationFind,
      erase: async (identity, { heldIds }) => eraseFound(await conversationFind(identity), heldIds, repository.deleteConversations),
    },
  };

  const outboxFind = async (identity: SubjectIdentity) =>
    (await repository.outboundTo(smsHashes(identity))).map((m): SubjectRecord => ({
      id: m.id,
      createdAt: m.created_at,
      fields: {
        to: keyring.decrypt(m.to_enc, SMS_NUMBER_CONTEXT),
        text: keyring.decrypt(m.text_enc, SMS_TEXT_CONTEXT),
        purpose: m.purpose,
        state: m.state,
        finishedAt: m.finished_at,
      },
    }));
  const smsOutbox: RecordKind = {
    name: 'channels.smsOutbox',
    ...labels('smsOutbox'),
    categories: ['contact', 'content'],
    subjects: ['consumers', 'reporters', 'subscribers'],
    recipients: ['operators'],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'P90D', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueOutbound, apply: (ids) => repository.deleteOutbound(ids) }) },
    subject: {
      find: outboxFind,
      erase: async (identity, { heldIds }) => eraseFound(await outboxFind(identity), heldIds, repository.deleteOutbound),
    },
  };

  const inboxFind = async (identity: SubjectIdentity) =>
    (await repository.inboundFrom(smsHashes(identity))).map((m): SubjectRecord => ({
      id: m.id,
      createdAt: m.received_at,
      fields: { from: keyring.decrypt(m.from_enc, SMS_NUMBER_CONTEXT), to: m.to_address, text: keyring.decrypt(m.text_enc, SMS_TEXT_CONTEXT), state: m.state },
    }));
  const smsInbox: RecordKind = {
    name: 'channels.smsInbox',
    ...labels('smsInbox'),
    categories: ['contact', 'content'],
    subjects: ['consumers', 'reporters', 'subscribers'],
    recipients: ['operators'],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'P90D', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueInbound, apply: (ids) => repository.deleteInbound(ids) }) },
    subject: {
      find: inboxFind,
      erase: async (identity, { heldIds }) => eraseFound(await inboxFind(identity), heldIds, repository.deleteInbound),
    },
  };

  const optOutFind = async (identity: SubjectIdentity) =>
    (await repository.optOutsOf(smsHashes(identity))).map((o): SubjectRecord => ({ id: o.number_hash, createdAt: o.at, fields: { optedOutAt: o.at } }));
  const smsOptOuts: RecordKind = {
    name: 'channels.smsOptOuts',
    ...labels('smsOptOuts'),
    categories: ['contact', 'preferences'],
    subjects: ['consumers', 'subscribers'],
    recipients: [],
    triggers: ['created'],
    actions: ['delete'],
    // Texting START ends an opt-out and deletes it; one left in force for ten years is likely of a number given to someone else since.
    defaultRule: { period: 'P10Y', trigger: 'created', action: 'delete', legalBasis: 'legalObligation' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueOptOuts, apply: (keys) => repository.deleteOptOuts(keys) }) },
    subject: {
      find: optOutFind,
      // Erasing an opt-out would send the person the very texts they refused: it stays while in force.
      erase: async (identity, { heldIds }) => ({
        outcomes: (await optOutFind(identity)).map((o) => ({ id: o.id, result: 'kept', reason: heldIds.has(o.id) ? 'legalHold' : 'legalObligation' })),
        operatorIds: [],
      }),
    },
  };

  return [ussdSessions, languagePreferences, smsConversations, smsOutbox, smsInbox, smsOptOuts];
}
