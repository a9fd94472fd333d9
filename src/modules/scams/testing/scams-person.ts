import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { SMS_NUMBER_HASH } from '../../../platform/sms/index.ts';
import { createAppealRepository } from '../appeals/appeal.repository.ts';
import { createScamNoticeRepository } from '../notices/scam-notices.repository.ts';
import { SEALED } from '../shared/sealed-contexts.ts';
import { insertIdentifierRow, insertReportRow } from './public-rows.ts';

/** The records `seedScamsPersonEverywhere` stored, by kind. */
export interface SeededScamsPerson {
  reportId: string;
  appealId: string;
  checkIds: string[];
  /** The operator served a block notice about the reported sender. */
  operatorId: string;
}

/**
 * Stores a record of every scams kind that can be tied to the person's first number: a report
 * with its text, a link and a screenshot (its sender confirmed and noticed to an operator), a
 * decided appeal of their own number listed by mistake, and a reporter's and a holder's code.
 * The operator `OP-DEMO-1` must be registered (as `createScamsTestApp` does).
 */
export async function seedScamsPersonEverywhere(platform: Platform, identity: SubjectIdentity): Promise<SeededScamsPerson> {
  const phone = identity.phones[0];
  if (phone === undefined) throw new Error('the person needs a mobile number');
  const { keyring } = platform;
  const now = platform.clock.now().toISOString();
  const operatorId = 'OP-DEMO-1';
  const sender = await insertIdentifierRow(platform, { kind: 'number', value: `+2547190${phone.slice(-5)}`, state: 'confirmed', confirmedAt: now });
  const domain = await insertIdentifierRow(platform, { kind: 'domain', value: `prize-${phone.slice(-5)}.example` });
  const reportId = await insertReportRow(platform, {
    identifierId: sender,
    reporter: phone,
    contact: { kind: 'sms', value: phone },
    text: 'You won 50,000, send your PIN to claim',
    links: [{ identifierId: domain, url: `https://prize-${phone.slice(-5)}.example/claim` }],
    screenshot: true,
  });
  await createScamNoticeRepository(platform.db.kysely).insert([
    {
      id: randomUUID(),
      identifier_id: sender,
      operator_id: operatorId,
      role: 'originating',
      kind: 'block',
      sent_at: now,
      due_at: now,
      answer: null,
      answer_note: null,
      answered_at: null,
      answered_by: null,
    },
  ]);
  const own = await insertIdentifierRow(platform, { kind: 'number', value: phone, state: 'cleared', clearedAt: now });
  const appeals = createAppealRepository(platform.db.kysely);
  const appealId = randomUUID();
  await appeals.insertAppeal({
    id: appealId,
    reference: `SA-${appealId.slice(0, 8).toUpperCase()}`,
    identifier_id: own,
    statement_enc: keyring.encrypt('This number has been mine for ten years', SEALED.appealStatement),
    contact_enc: keyring.encrypt(identity.emails[0] ?? phone, SEALED.appealContact),
    language: 'en',
    state: 'overturned',
    filed_at: now,
    decided_at: now,
    decided_by: null,
    decision_reason: 'Spoofed',
  });
  const checkIds = [randomUUID(), randomUUID()];
  const hashes = [keyring.hash(phone, 'scam_reports.reporter'), keyring.hash(phone, SMS_NUMBER_HASH)];
  for (const [i, id] of checkIds.entries())
    await appeals.insertCheck({
      id,
      token_hash: `token-${id}`,
      purpose: i === 0 ? 'reporter' : 'holder',
      number_hash: hashes[i] ?? '',
      number_enc: keyring.encrypt(phone, SEALED.checkedNumber),
      code_hash: 'code',
      attempts: 0,
      sent_at: now,
      expires_at: now,
      verified_at: now,
    });
  return { reportId, appealId, checkIds, operatorId };
}
