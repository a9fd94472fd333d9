import { normaliseEmail } from '../auth/credential.ts';
import type { Platform } from '../platform.ts';
import { createPlatformKindsRepository, type ErasedAccountValues } from './platform-kinds.repository.ts';
import type { ErasureOutcome, RecordKind, RetentionRun, SubjectRecord } from './record-kinds.ts';
import { runInBatches } from './retention-batches.ts';

const MINUTE_MS = 60_000;

/** The earlier of two ISO instants. */
function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** The kinds of record holding personal data the platform itself keeps (accounts' sessions, jobs, counters, staff accounts, API tokens). */
export function platformRecordKinds(platform: Platform): readonly RecordKind[] {
  const repository = createPlatformKindsRepository(platform.db.kysely);
  const { keyring } = platform;
  const held = (run: RetentionRun) => [...run.heldIds];
  const sealedEmpty = (): ErasedAccountValues => ({ emailEnc: keyring.encrypt('', 'users.email'), displayNameEnc: keyring.encrypt('', 'users.display_name') });
  // A counter of a window still running is a limit in force: the rule never shortens it.
  const windowStart = (minutes: number, now: string) => new Date(Date.parse(now) - minutes * MINUTE_MS).toISOString();

  const sessions: RecordKind = {
    name: 'platform.sessions',
    labelKey: 'platform.privacy.sessions.label',
    purposeKey: 'platform.privacy.sessions.purpose',
    categories: ['account', 'network'],
    subjects: ['staff', 'operatorStaff'],
    recipients: [],
    triggers: ['lastActivity'],
    actions: ['delete'],
    defaultRule: { period: 'PT1H', trigger: 'lastActivity', action: 'delete', legalBasis: 'legitimateInterests' },
    retention: {
      run: (run) =>
        runInBatches(
          run,
          () => repository.countDueSessions(run.cutoff, run.now, held(run)),
          () => repository.deleteDueSessions(run.cutoff, run.now, held(run)),
        ),
    },
  };

  const jobs: RecordKind = {
    name: 'platform.jobs',
    labelKey: 'platform.privacy.jobs.label',
    purposeKey: 'platform.privacy.jobs.purpose',
    categories: ['contact'],
    subjects: ['consumers', 'reporters', 'participants', 'staff'],
    recipients: [],
    triggers: ['closed'],
    actions: ['delete'],
    defaultRule: { period: 'P30D', trigger: 'closed', action: 'delete', legalBasis: 'legitimateInterests' },
    retention: {
      run: (run) =>
        runInBatches(
          run,
          () => repository.countDueJobs(run.cutoff, held(run)),
          () => repository.deleteDueJobs(run.cutoff, held(run)),
        ),
    },
  };

  const sendCounters: RecordKind = {
    name: 'platform.sendCounters',
    labelKey: 'platform.privacy.sendCounters.label',
    purposeKey: 'platform.privacy.sendCounters.purpose',
    categories: ['contact', 'network'],
    subjects: ['consumers', 'reporters', 'participants'],
    recipients: [],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'PT1H', trigger: 'created', action: 'delete', legalBasis: 'legitimateInterests' },
    retention: {
      run(run) {
        const before = earlier(run.cutoff, windowStart(platform.config.codeSends.windowMinutes, run.now));
        return runInBatches(
          run,
          () => repository.countDueSendCounters(before, held(run)),
          () => repository.deleteDueSendCounters(before, held(run)),
        );
      },
    },
  };

  const signInFailures: RecordKind = {
    name: 'platform.signInFailures',
    labelKey: 'platform.privacy.signInFailures.label',
    purposeKey: 'platform.privacy.signInFailures.purpose',
    categories: ['account', 'network'],
    subjects: ['staff', 'operatorStaff'],
    recipients: [],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'PT24H', trigger: 'created', action: 'delete', legalBasis: 'legitimateInterests' },
    retention: {
      run(run) {
        const before = earlier(run.cutoff, windowStart(platform.config.login.lockMinutes, run.now));
        return runInBatches(
          run,
          () => repository.countDueThrottles(before, run.now, held(run)),
          () => repository.deleteDueThrottles(before, run.now, held(run)),
        );
      },
    },
  };

  const apiTokens: RecordKind = {
    name: 'platform.apiTokens',
    labelKey: 'platform.privacy.apiTokens.label',
    purposeKey: 'platform.privacy.apiTokens.purpose',
    categories: ['account'],
    subjects: ['staff', 'operatorStaff'],
    recipients: [],
    triggers: ['closed'],
    actions: ['delete'],
    defaultRule: { period: 'P1Y', trigger: 'closed', action: 'delete', legalBasis: 'legitimateInterests' },
    retention: {
      run: (run) =>
        runInBatches(
          run,
          () => repository.countDueApiTokens(run.cutoff, held(run)),
          () => repository.deleteDueApiTokens(run.cutoff, held(run)),
        ),
    },
  };

  const staffAccounts: RecordKind = {
    name: 'platform.staffAccounts',
    labelKey: 'platform.privacy.staffAccounts.label',
    purposeKey: 'platform.privacy.staffAccounts.purpose',
    categories: ['identity', 'contact', 'account'],
    subjects: ['staff', 'operatorStaff'],
    recipients: [],
    triggers: ['lastActivity'],
    actions: ['anonymise'],
    defaultRule: { period: 'P2Y', trigger: 'lastActivity', action: 'anonymise', legalBasis: 'legitimateInterests' },
    retention: {
      run(run) {
        const values = sealedEmpty();
        return runInBatches(
          run,
          () => repository.countDueAccounts(run.cutoff, held(run)),
          () => repository.anonymiseDueAccounts(run.cutoff, held(run), values, run.now),
        );
      },
    },
    subject: {
      async find(identity) {
        const rows = await repository.findAccounts(identity.emails.map((e) => keyring.hash(normaliseEmail(e), 'users.email')));
        return rows.map((row): SubjectRecord => ({
          id: row.id,
          createdAt: row.created_at,
          fields: {
            email: keyring.decrypt(row.email_enc, 'users.email'),
            displayName: keyring.decrypt(row.display_name_enc, 'users.display_name'),
            role: row.role,
            operatorId: row.operator_id,
            organisation: row.organisation,
            isActive: Boolean(row.is_active),
            updatedAt: row.updated_at,
            lastSignedInAt: row.last_login_at,
          },
        }));
      },
      async erase(identity, { now, heldIds }) {
        const rows = await repository.findAccounts(identity.emails.map((e) => keyring.hash(normaliseEmail(e), 'users.email')));
        const outcomes: ErasureOutcome[] = [];
        const erasable: string[] = [];
        for (const row of rows) {
          if (heldIds.has(row.id)) outcomes.push({ id: row.id, result: 'kept', reason: 'legalHold' });
          // An account in use is how its holder works here: an administrator disables it first (audited), then it may go.
          else if (row.is_active) outcomes.push({ id: row.id, result: 'kept', reason: 'legalObligation' });
          else erasable.push(row.id);
        }
        await repository.anonymiseAccounts(erasable, sealedEmpty(), now);
        for (const id of erasable) outcomes.push({ id, result: 'anonymised' });
        return { outcomes, operatorIds: [] };
      },
    },
  };

  return [sessions, jobs, sendCounters, signInFailures, apiTokens, staffAccounts];
}
