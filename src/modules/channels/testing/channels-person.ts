import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import { createSmsOutboxRepository, SMS_NUMBER_CONTEXT, SMS_NUMBER_HASH, SMS_TEXT_CONTEXT } from '../../../platform/sms/index.ts';
import { createUssdSessionRepository } from '../ussd/ussd-session.repository.ts';
import { STATE_CONTEXT } from '../ussd/ussd.service.ts';
import { createConsumerActionsRepository } from '../actions/consumer-actions.repository.ts';
import { createSmsConversationRepository } from '../sms/sms-conversation.repository.ts';
import { CONVERSATION_CONTEXT } from '../sms/sms-inbound.service.ts';

/** The records `seedChannelsPersonEverywhere` stored. */
export interface SeededChannelsPerson {
  ussdSessionId: string;
  outboundId: string;
  inboundId: string;
}

/**
 * Stores a record of every channels kind about the person's first number, as of the platform's
 * clock: a USSD session, a language choice, a conversation by text, a text sent (delivered), a
 * text received (handled) and an opt-out.
 */
export async function seedChannelsPersonEverywhere(platform: Platform, identity: SubjectIdentity): Promise<SeededChannelsPerson> {
  const phone = identity.phones[0];
  if (phone === undefined) throw new Error('the person needs a mobile number');
  const { keyring, db } = platform;
  const now = platform.clock.now().toISOString();
  const smsHash = keyring.hash(phone, SMS_NUMBER_HASH);
  const ussdSessionId = randomUUID();
  await createUssdSessionRepository(db.kysely).insertSession({
    id: ussdSessionId,
    session_hash: keyring.hash(`test\n${ussdSessionId}`, 'channel_ussd_sessions.session'),
    number_hash: keyring.hash(phone, 'channel_ussd_sessions.number'),
    gateway: 'test',
    state_enc: keyring.encrypt(JSON.stringify({ screen: 'scamSender', typed: '+254700000000' }), STATE_CONTEXT),
    consumed: 2,
    is_ended: false,
    created_at: now,
    updated_at: now,
  });
  await createConsumerActionsRepository(db.kysely).setLanguage(keyring.hash(phone, 'channel_language_preferences.number'), 'fr', now);
  const conversation = keyring.encrypt(JSON.stringify({ action: 'scam', forwarded: 'Send 500 to win' }), CONVERSATION_CONTEXT);
  await createSmsConversationRepository(db.kysely).save(db.kysely, smsHash, conversation, now, now);
  const outbox = createSmsOutboxRepository(db.kysely);
  const outboundId = await withTransaction(db.kysely, (tx) =>
    platform.sms.enqueue(tx, { to: phone, text: 'Your code is 123456', purpose: 'scams.reporter-code' }),
  );
  await outbox.markSubmitted({ id: outboundId, route: 'test', now, parts: [{ partNumber: 1, smscKey: `k-${outboundId}` }] });
  await outbox.applyReceipt({ route: 'test', smscKey: `k-${outboundId}`, isDelivered: true, now });
  const inboundId = randomUUID();
  await outbox.insertInbound({
    id: inboundId,
    route: 'test',
    from_hash: smsHash,
    from_enc: keyring.encrypt(phone, SMS_NUMBER_CONTEXT),
    to_address: '7726',
    text_enc: keyring.encrypt('SCAM +254700000000', SMS_TEXT_CONTEXT),
    state: 'handled',
    attempts: 1,
    received_at: now,
    handled_at: now,
    locked_until: null,
  });
  await outbox.setOptedOut(db.kysely, smsHash, now);
  return { ussdSessionId, outboundId, inboundId };
}
