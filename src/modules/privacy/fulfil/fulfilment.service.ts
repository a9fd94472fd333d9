import type { Logger } from 'pino';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { listValue, stripFallback, type Catalogs } from '../../../platform/i18n/index.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import type { OperatorDirectory } from '../../../platform/operators/index.ts';
import type { KeptReason, RecordKind, RetentionRule, SubjectHandler } from '../../../platform/privacy/record-kinds.ts';
import { archiveData, placeFiles, writeArchiveZip, type ArchivedKind, type PlacedFile } from './access-archive.ts';
import { renderArchivePage, type ArchivePageKind } from './archive-page.ts';
import type { ErasureNoticeRepository } from './erasure-notices.repository.ts';
import type { ErasureReport, Fulfilment, OperatorErasureNotice } from './fulfilment.ts';
import { ruleInWords } from './rule-words.ts';

/** The context the address of an operator's agent is sealed under (the platform's accounts). */
const USER_EMAIL = 'users.email';

/** Reasons a record is kept that end: the erasure must run again once they do. */
const ENDING_REASONS: ReadonlySet<KeptReason> = new Set(['openCase', 'legalHold']);

/** What the fulfilment needs. */
export interface FulfilmentDeps {
  kinds: readonly RecordKind[];
  /** The rules of the schedule in force now (the profile's), by kind; a kind it does not name keeps its default. */
  schedule: Readonly<Record<string, RetentionRule>>;
  /** The ids of a kind's records under a legal hold, read afresh at each erasure. */
  heldIdsFor(kind: string): Promise<ReadonlySet<string>>;
  repository: ErasureNoticeRepository;
  operators: OperatorDirectory;
  catalogs: Pick<Catalogs, 'translator' | 'direction'>;
  audit: AuditLog;
  jobs: JobQueue;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  authority: string;
  timeZone: string;
  /** The language an operator is written to: operators have no language of their own yet. */
  operatorLanguage: Language;
  archiveLimitBytes: number;
}

const SYSTEM: Actor = { type: 'system', id: null };

/** Builds the fulfilment of access and erasure requests over the kinds of record the modules declare. */
export function createFulfilmentService(deps: FulfilmentDeps): Fulfilment {
  const withSubject = deps.kinds.filter((kind): kind is RecordKind & { subject: SubjectHandler } => kind.subject !== undefined);
  const english = deps.catalogs.translator('en');

  /** Tells one operator to erase its copy, in one transaction: the notice, its audit entry and the e-mails leave together. */
  async function noticeOperator(
    reference: string,
    operatorId: string,
    kinds: readonly RecordKind[],
    records: readonly string[],
    actor: Actor,
    now: string,
  ): Promise<void> {
    const language = deps.operatorLanguage;
    const t = deps.catalogs.translator(language);
    const operator = (await deps.operators.nameOf(operatorId)) ?? operatorId;
    const values = {
      reference,
      authority: deps.authority,
      operator: `\u2068${operator}\u2069`,
      kinds: listValue(kinds.map((kind) => stripFallback(t(kind.labelKey)))),
    };
    // The operator finds its copies by the references it received; without any, by the kinds alone.
    const body = [
      t('privacy.fulfil.notice.body', values),
      ...(records.length > 0 ? [t('privacy.fulfil.notice.records', { records: records.join(', ') })] : []),
    ].join('\n\n');
    await deps.repository.inTransaction(async (repository, tx) => {
      const addresses = (await repository.agentEmailsOf(operatorId)).map((sealed) => deps.keyring.decrypt(sealed, USER_EMAIL));
      const id = deps.ids();
      await repository.insert({
        id,
        request_reference: reference,
        operator_id: operatorId,
        kinds_json: JSON.stringify(kinds.map((kind) => kind.name)),
        language,
        recipients: addresses.length,
        sent_at: now,
      });
      await deps.audit.record(tx, {
        actor,
        action: 'privacy.erasure.operatorNotice',
        entityType: 'privacy_erasure_notice',
        entityId: id,
        details: { reference, operatorId, kinds: kinds.map((kind) => kind.name).join(','), records: records.length, recipients: addresses.length },
      });
      for (const to of addresses) await enqueueEmail(deps.jobs, tx, { to, subject: t('privacy.fulfil.notice.subject', values), text: body });
      if (addresses.length === 0) deps.logger.warn({ reference, operatorId }, 'erasure notice recorded for an operator with no active agent to e-mail');
    });
  }

  return {
    async accessArchive({ identity, language, reference }) {
      const t = deps.catalogs.translator(language);
      const generatedAt = deps.clock.now().toISOString();
      const archived: ArchivedKind[] = [];
      const pageKinds: ArchivePageKind[] = [];
      const files: PlacedFile[] = [];
      for (const kind of withSubject) {
        const records = await kind.subject.find(identity);
        const rule = deps.schedule[kind.name] ?? kind.defaultRule;
        archived.push({ name: kind.name, label: stripFallback(english(kind.labelKey)), purpose: stripFallback(english(kind.purposeKey)), rule, records });
        pageKinds.push({
          label: t(kind.labelKey),
          purpose: t(kind.purposeKey),
          rule: ruleInWords(t, rule),
          records: records.map((record) => {
            const placed = placeFiles(kind.name, record);
            files.push(...placed);
            return { id: record.id, createdAt: record.createdAt, fields: record.fields, files: placed.map((f) => ({ name: f.name, path: f.path })) };
          }),
        });
      }
      const bytes = await writeArchiveZip({
        dataJson: `${JSON.stringify(archiveData({ reference, generatedAt, kinds: archived }), null, 2)}\n`,
        indexHtml: renderArchivePage({
          t,
          language,
          direction: deps.catalogs.direction(language),
          authority: deps.authority,
          reference,
          generatedAt,
          timeZone: deps.timeZone,
          kinds: pageKinds,
        }),
        readme: `${stripFallback(t('privacy.fulfil.archive.readme', { authority: deps.authority, reference }))}\n`,
        files,
        generatedAt,
        limitBytes: deps.archiveLimitBytes,
      });
      const places = archived.filter((kind) => kind.records.length > 0).map((kind) => ({ kind: kind.name, records: kind.records.length }));
      deps.logger.info({ reference, places: places.length, bytes: bytes.byteLength }, 'access archive written');
      return { fileName: `${reference.replace(/[^A-Za-z0-9-]/g, '_')}-personal-data.zip`, bytes, places };
    },

    async erase({ identity, reference, policy, actor = SYSTEM }) {
      const now = deps.clock.now().toISOString();
      const kinds: ErasureReport['kinds'][number][] = [];
      const byOperator = new Map<string, RecordKind[]>();
      const recordsOf = new Map<string, string[]>();
      for (const kind of withSubject) {
        const rule = policy.schedule[kind.name] ?? kind.defaultRule;
        const result = await kind.subject.erase(identity, { now, heldIds: await deps.heldIdsFor(kind.name) });
        let erased = 0;
        let anonymised = 0;
        const kept: { id: string; reason: KeptReason; rule?: RetentionRule }[] = [];
        for (const outcome of result.outcomes) {
          if (outcome.result === 'kept')
            kept.push(
              outcome.reason === 'legalObligation' || outcome.reason === 'statistics'
                ? { id: outcome.id, reason: outcome.reason, rule }
                : { id: outcome.id, reason: outcome.reason },
            );
          else if (outcome.result === 'erased') erased += 1;
          else anonymised += 1;
        }
        kinds.push({ kind: kind.name, rule, erased, anonymised, kept });
        for (const operatorId of result.operatorIds) byOperator.set(operatorId, [...(byOperator.get(operatorId) ?? []), kind]);
        for (const [operatorId, references] of Object.entries(result.operatorReferences ?? {}))
          recordsOf.set(operatorId, [...(recordsOf.get(operatorId) ?? []), ...references]);
      }
      const operatorIds = [...byOperator.keys()].sort();
      const isFinal = kinds.every((kind) => kind.kept.every((k) => !ENDING_REASONS.has(k.reason)));
      await deps.repository.inTransaction((_repository, tx) =>
        deps.audit.record(tx, {
          actor,
          action: 'privacy.erasure',
          entityType: 'privacy_request',
          entityId: reference,
          details: {
            receivedOn: policy.receivedOn,
            erased: kinds.reduce((sum, k) => sum + k.erased, 0),
            anonymised: kinds.reduce((sum, k) => sum + k.anonymised, 0),
            kept: kinds.reduce((sum, k) => sum + k.kept.length, 0),
            operators: operatorIds.length,
            isFinal,
          },
        }),
      );
      for (const operatorId of operatorIds)
        await noticeOperator(reference, operatorId, byOperator.get(operatorId) ?? [], [...new Set(recordsOf.get(operatorId) ?? [])].sort(), actor, now);
      deps.logger.info({ reference, kinds: kinds.length, operators: operatorIds.length, isFinal }, 'erasure carried out');
      return { kinds, operatorIds, isFinal };
    },

    async operatorNotices(reference): Promise<readonly OperatorErasureNotice[]> {
      const rows = await deps.repository.listFor(reference);
      return rows.map((row) => ({
        operatorId: row.operator_id,
        kinds: JSON.parse(row.kinds_json) as string[],
        language: row.language as Language,
        recipients: row.recipients,
        sentAt: row.sent_at,
      }));
    },
  };
}
