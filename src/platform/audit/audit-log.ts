import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Keyring } from '../crypto/index.ts';
import { queriesOf, type Database, type Executor } from '../db/index.ts';
import type { IdGenerator } from '../ids.ts';
import {
  AUDIT_GENESIS_HASH,
  auditChainKey,
  checkpointMark,
  headMark,
  isSameHex,
  keyedEntryHash,
  legacyEntryHash,
  canonicalJson,
  type AuditDetails,
  type ChainedFields,
} from './audit-chain.ts';
import { createAuditRepository } from './audit.repository.ts';
import type { AuditHead, AuditRepository } from './audit.repository.ts';

/** Who made a change: a signed-in user, an API token, or Kinga itself. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string | null;
}

/** One change to record. `details` holds ids, codes and counts, never personal data values. */
export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: AuditDetails;
}

/** The outcome of checking the whole chain. */
export interface AuditVerification {
  isIntact: boolean;
  entries: number;
  /** The sequence number of the first entry that does not match, when the chain is broken. */
  brokenAt?: number;
  reason?: string;
}

/**
 * The head of the chain at one moment, with a mark made with the audit key. Kept outside the
 * database by the administrator, it lets a later `verify` find entries removed or rewritten up to
 * it even by someone who also put back an older copy of the head.
 */
export interface AuditCheckpoint {
  kind: typeof CHECKPOINT_KIND;
  /** The number of entries (the newest entry's sequence number) when it was made. */
  seq: number;
  /** The newest entry's hash, which commits to every entry before it. */
  hash: string;
  madeAt: string;
  mark: string;
}

/** What a verification is compared with besides the log itself. */
export interface AuditVerifyOptions {
  checkpoints?: readonly AuditCheckpoint[];
}

/** The append-only, keyed hash chain of the audit log. */
export interface AuditLog {
  /** Appends an entry inside the caller's transaction, so the change and its record commit together. */
  record(executor: Executor, entry: AuditEntry): Promise<void>;
  /**
   * Recomputes every hash and the head's mark and reports the first changed, inserted or removed
   * entry, and any entry a checkpoint recorded that is no longer there as it was.
   */
  verify(db: Kysely<Database>, options?: AuditVerifyOptions): Promise<AuditVerification>;
  /** A checkpoint of the current head; throws {@link AuditChainError} when the head does not carry its mark. */
  checkpoint(db: Kysely<Database>): Promise<AuditCheckpoint>;
}

/** Audit details that look like personal data; the message names the key, never the value. */
export class AuditPersonalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditPersonalDataError';
  }
}

/** The chain cannot give what was asked, because its head was changed without the key. */
export class AuditChainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditChainError';
  }
}

export { AUDIT_GENESIS_HASH };

/** The `kind` of a checkpoint, so a file of another sort is never read as one. */
export const CHECKPOINT_KIND = 'kinga-audit-checkpoint';

/** The action Kinga records when it appends after a head that does not carry its mark. */
export const HEAD_FORGED_ACTION = 'audit.head_forged';

// Pages keep memory flat when a log of millions of entries is verified.
const VERIFY_PAGE = 1000;

/** Creates the audit log service; the chain is keyed with a key derived from `keyring`. */
export function createAuditLog(deps: { clock: Clock; ids: IdGenerator; keyring: Keyring }): AuditLog {
  const key = auditChainKey(deps.keyring);
  const markOf = (head: AuditHead): string | undefined =>
    head.keyed_from === null ? undefined : headMark(key, { seq: head.seq, hash: head.hash, keyedFrom: head.keyed_from });
  const isSound = (head: AuditHead): boolean => {
    const mark = markOf(head);
    return mark !== undefined && head.mac !== null && isSameHex(mark, head.mac);
  };

  /** Writes one entry after `head` and returns the new head. */
  const append = async (repository: AuditRepository, head: AuditHead, entry: AuditEntry): Promise<AuditHead> => {
    const details = entry.details ?? {};
    // A head that is not sound may carry any value; the entries from here on are keyed whatever it says.
    const keyedFrom = head.keyed_from !== null && head.keyed_from >= 1 && head.keyed_from <= head.seq + 1 ? head.keyed_from : 1;
    const fields: ChainedFields = {
      seq: head.seq + 1,
      id: deps.ids(),
      at: deps.clock.now().toISOString(),
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      details,
      prev_hash: head.hash,
    };
    const hash = keyedEntryHash(key, fields);
    const next: AuditHead = { seq: fields.seq, hash, keyed_from: keyedFrom, mac: headMark(key, { seq: fields.seq, hash, keyedFrom }) };
    await repository.appendEntry({ ...fields, details: canonicalJson(details), hash }, next);
    return next;
  };

  return {
    async record(executor, entry) {
      assertNoPersonalData(entry.details ?? {});
      const repository = createAuditRepository(queriesOf(executor));
      // Creating the head waits for another appender creating it at the same time, and every
      // appender holds the head's lock from here on, so no entry can be half-written below.
      let head =
        (await repository.lockHead()) ??
        (await repository.createHead({
          seq: 0,
          hash: AUDIT_GENESIS_HASH,
          keyed_from: 1,
          mac: headMark(key, { seq: 0, hash: AUDIT_GENESIS_HASH, keyedFrom: 1 }),
        }));
      if (head.seq === 0) {
        const last = await repository.findLastEntry();
        // Entries under a head that counts none: someone deleted the head. Carry on from the last entry, and say so below.
        if (last) head = { seq: last.seq, hash: last.hash, keyed_from: null, mac: null };
      }
      if (!isSound(head)) {
        // Refusing to record would stop every change; the evidence is written into the chain instead,
        // under the key, so moving the head back (a removed tail) stays visible to `verify`.
        head = await append(repository, head, {
          actor: { type: 'system', id: null },
          action: HEAD_FORGED_ACTION,
          entityType: 'audit_log',
          details: { headSeq: head.seq },
        });
      }
      await append(repository, head, entry);
    },

    async verify(db, options = {}) {
      // One snapshot: an append committed while we read must not look like a truncated tail.
      return createAuditRepository(db).readSnapshot((repository) => verifyChain(repository, key, isSound, options.checkpoints ?? []));
    },

    async checkpoint(db) {
      const head = await createAuditRepository(db).findHead();
      if (head && !isSound(head)) throw new AuditChainError('The head of the audit chain does not carry its key mark; run `kinga audit verify`.');
      const seq = head?.seq ?? 0;
      const hash = head?.hash ?? AUDIT_GENESIS_HASH;
      const madeAt = deps.clock.now().toISOString();
      return { kind: CHECKPOINT_KIND, seq, hash, madeAt, mark: checkpointMark(key, { seq, hash, madeAt }) };
    },
  };
}

async function verifyChain(
  repository: AuditRepository,
  key: Buffer,
  isSound: (head: AuditHead) => boolean,
  checkpoints: readonly AuditCheckpoint[],
): Promise<AuditVerification> {
  for (const checkpoint of checkpoints) {
    if (!isSameHex(checkpointMark(key, checkpoint), checkpoint.mark)) {
      return {
        isIntact: false,
        entries: 0,
        brokenAt: checkpoint.seq,
        reason: `The checkpoint of ${checkpoint.madeAt} (entry ${checkpoint.seq}) was not made with this installation's key, or was changed since.`,
      };
    }
  }
  const checkpointAt = new Map(checkpoints.map((c) => [c.seq, c]));
  const head = await repository.findHead();
  // Entries before `keyed_from` were written before the chain was keyed; the head's mark covers the
  // boundary, so it cannot be moved to pass keyed entries off as unkeyed ones.
  const keyedFrom = head?.keyed_from ?? 1;

  let entries = 0;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let broken: { brokenAt: number; reason: string } | undefined;
  let lastSeq = 0;

  for (;;) {
    const page = await repository.readEntriesAfter(lastSeq, VERIFY_PAGE);
    for (const row of page) {
      entries += 1;
      lastSeq = row.seq;
      if (broken) continue;
      if (row.seq !== expectedSeq) {
        broken = { brokenAt: expectedSeq, reason: `Entry ${expectedSeq} is missing: the log jumps from ${expectedSeq - 1} to ${row.seq}.` };
        continue;
      }
      if (row.prev_hash !== prevHash) {
        broken = { brokenAt: row.seq, reason: `Entry ${row.seq} does not link to the entry before it.` };
        continue;
      }
      const details = parseDetails(row.details);
      const expected =
        details === undefined ? undefined : row.seq < keyedFrom ? legacyEntryHash({ ...row, details }) : keyedEntryHash(key, { ...row, details });
      if (expected === undefined || !isSameHex(expected, row.hash)) {
        broken = { brokenAt: row.seq, reason: `Entry ${row.seq} was changed after it was recorded, or written without this installation's key.` };
        continue;
      }
      const checkpoint = checkpointAt.get(row.seq);
      if (checkpoint && !isSameHex(checkpoint.hash, row.hash)) {
        broken = {
          brokenAt: row.seq,
          reason: `Entry ${row.seq} is not the one the checkpoint of ${checkpoint.madeAt} recorded: the log up to it was rewritten.`,
        };
        continue;
      }
      if (row.action === HEAD_FORGED_ACTION && row.actor_type === 'system') {
        broken = {
          brokenAt: row.seq,
          reason: `When Kinga recorded entry ${row.seq} it found the head of the chain moved or rewritten without the key: entries before it may have been removed.`,
        };
        continue;
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < VERIFY_PAGE) break;
  }
  if (broken) return { isIntact: false, entries, ...broken };

  const missing = checkpoints.filter((c) => c.seq > lastSeq).sort((a, b) => b.seq - a.seq)[0];
  if (missing) {
    return {
      isIntact: false,
      entries,
      brokenAt: lastSeq + 1,
      reason: `Entries ${lastSeq + 1} to ${missing.seq} were removed since the checkpoint of ${missing.madeAt}.`,
    };
  }
  if (!head) {
    if (lastSeq === 0) return { isIntact: true, entries };
    return {
      isIntact: false,
      entries,
      brokenAt: lastSeq,
      reason: 'The head of the chain is missing: it was deleted, so entries may have been removed from the end.',
    };
  }
  if (!isSound(head)) {
    return {
      isIntact: false,
      entries,
      brokenAt: head.seq,
      reason: `The head of the chain (entry ${head.seq}) does not carry this installation's key mark: it was moved or rewritten without the key, so entries may have been removed from the end.`,
    };
  }
  if (head.seq > lastSeq) {
    return { isIntact: false, entries, brokenAt: lastSeq + 1, reason: `Entries ${lastSeq + 1} to ${head.seq} were removed from the end of the log.` };
  }
  if (head.seq < lastSeq) {
    return { isIntact: false, entries, brokenAt: head.seq + 1, reason: `Entries after ${head.seq} were added without passing through the head.` };
  }
  if (head.hash !== prevHash) {
    return { isIntact: false, entries, brokenAt: head.seq, reason: `The last entry ${head.seq} does not match the head of the chain.` };
  }
  return { isIntact: true, entries };
}

function parseDetails(text: string): AuditDetails | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as AuditDetails) : undefined;
  } catch {
    return undefined;
  }
}

// Matched against the words of a key (camelCase, snake_case and kebab-case split apart).
const PERSONAL_FRAGMENTS = ['email', 'phone', 'msisdn', 'imei', 'imsi', 'address', 'password', 'passwd', 'token', 'secret'];
const PERSONAL_WORDS = new Set(['mail', 'name', 'names', 'firstname', 'lastname', 'surname', 'fullname', 'username', 'displayname', 'mobile', 'tel']);
// A key that names an id or a count of a personal thing (`tokenId`, `emailCount`) holds no personal value.
const HARMLESS_LAST_WORDS = new Set(['id', 'ids', 'count']);
const EMAIL_PATTERN = /[^\s@<>()"]+@[^\s@<>()"]+\.[a-z]{2,}/i;
const INTERNATIONAL_PHONE_PATTERN = /\+\d(?:[\s().-]?\d){6,14}/;
const LOCAL_PHONE_PATTERN = /^[\d\s().-]+$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Throws {@link AuditPersonalDataError} when details carry a key named for personal data or a
 * value that looks like an e-mail address or a phone number: the audit log is kept for years
 * and cannot be edited, so personal data written there could never be erased.
 */
export function assertNoPersonalData(details: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(details)) {
    if (isPersonalKey(key)) throw new AuditPersonalDataError(`Audit details may not hold "${key}": its name suggests personal data.`);
    if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new AuditPersonalDataError(`Audit detail "${key}" must be a string, a finite number, a boolean or null.`);
    }
    if (typeof value === 'string' && looksLikeContact(value)) {
      throw new AuditPersonalDataError(`Audit detail "${key}" looks like an e-mail address or a phone number.`);
    }
  }
}

function isPersonalKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words.at(-1);
  if (last !== undefined && HARMLESS_LAST_WORDS.has(last) && words.length > 1) return false;
  return words.some((w) => PERSONAL_WORDS.has(w) || PERSONAL_FRAGMENTS.some((f) => w.includes(f)));
}

function looksLikeContact(value: string): boolean {
  if (EMAIL_PATTERN.test(value) || INTERNATIONAL_PHONE_PATTERN.test(value)) return true;
  const trimmed = value.trim();
  if (!LOCAL_PHONE_PATTERN.test(trimmed) || ISO_DATE_PATTERN.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

/**
 * Reads checkpoints from text: one JSON object, or one per line, each a checkpoint or a log line
 * carrying one under `checkpoint` (as the daily maintenance writes it). Lines of another kind are
 * skipped; a line that looks like a checkpoint but is not whole is a problem, named by its line.
 */
export function parseAuditCheckpoints(text: string): { checkpoints: AuditCheckpoint[]; problems: string[] } {
  const checkpoints: AuditCheckpoint[] = [];
  const problems: string[] = [];
  const whole = parseJson(text.trim());
  const firstLine = text.split('\n').findIndex((line) => line.trim() !== '') + 1;
  const lines: [number, unknown][] = whole === undefined ? text.split('\n').map((line, i) => [i + 1, parseJson(line.trim())]) : [[firstLine, whole]];
  for (const [line, value] of lines) {
    const candidate = isRecord(value) && isRecord(value['checkpoint']) ? value['checkpoint'] : value;
    if (!isRecord(candidate) || candidate['kind'] !== CHECKPOINT_KIND) continue;
    const { seq, hash, madeAt, mark } = candidate;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || typeof hash !== 'string' || typeof madeAt !== 'string' || typeof mark !== 'string') {
      problems.push(`line ${line}: a checkpoint needs a whole number "seq" and the strings "hash", "madeAt" and "mark".`);
      continue;
    }
    checkpoints.push({ kind: CHECKPOINT_KIND, seq, hash, madeAt, mark });
  }
  return { checkpoints, problems };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
