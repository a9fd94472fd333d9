import { createHash, randomBytes } from 'node:crypto';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import type { Transaction } from '../../../platform/db/index.ts';
import type { Catalogs } from '../../../platform/i18n/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { SUPPORTED_LANGUAGES, type Language } from '../../../platform/jurisdiction.ts';
import { enqueueEmail } from '../../../platform/notify/index.ts';
import type { ErasureOutcome, KindErasure, RetentionRun, SubjectIdentity, SubjectRecord } from '../../../platform/privacy/record-kinds.ts';
import { runInBatches } from '../../../platform/privacy/retention-batches.ts';
import type { SearchRepository } from '../../../platform/search/index.ts';
import {
  checkSubmission,
  EXPORT_COLUMNS,
  FIELD_LIMITS,
  type CheckedSubmission,
  type ExportRecord,
  type LibraryFileInput,
  type LibraryProblem,
  type LibrarySubmissionInput,
} from './library.ts';
import { libraryDocumentPath, libraryFilePath, LIBRARY_PATHS } from './library.paths.ts';
import type {
  LibraryDocumentRow,
  LibraryFilters,
  LibraryInvitationRow,
  LibraryListRow,
  LibraryRepository,
  LibraryTranslationRow,
} from './library.repository.ts';
import type { LibrarySettings } from './library.settings.ts';
import type { LibraryState } from './library.tables.ts';

/** The filters of the public list. */
export type { LibraryFilters };

/** A document as staff lists show it. */
export type LibraryQueueItem = LibraryListRow;

/** The kind of the library's documents in the platform's search index. */
export const LIBRARY_SEARCH_KIND = 'learn.library';

/** The sealed columns of the library, each its own encryption context. */
export const LIBRARY_SEALED = {
  name: 'learn_library_invitations.name',
  email: 'learn_library_invitations.email',
  file: 'learn_library_files.content',
  token: 'learn_library_invitations.token',
} as const;

/** Published documents on one page of the public list. */
export const LIBRARY_PAGE_SIZE = 20;

/** What the library service needs. */
export interface LibraryServiceDeps {
  repository: LibraryRepository;
  search: SearchRepository;
  keyring: Keyring;
  audit: AuditLog;
  jobs: JobQueue;
  clock: Clock;
  ids: IdGenerator;
  catalogs: Pick<Catalogs, 'translator'>;
  settings: LibrarySettings;
  /** The site's address, for the links sent by e-mail. */
  publicUrl: string;
  /** The regulator's name, said in the invitation. */
  authority: string;
}

/** Who submits: a member of staff, or the holder of an invitation's link. */
export type Submitter = { kind: 'staff'; actor: Actor } | { kind: 'contributor'; token: string };

/** What a refused change answers. */
export type LibraryOutcome<T = { id: string }> =
  ({ ok: true } & T) | { ok: false; problem: 'invalid'; problems: LibraryProblem[] } | { ok: false; problem: 'notFound' | 'conflict' | 'invitationClosed' };

/** The moves staff make on a document, and the states each starts from. */
export const LIBRARY_MOVES = {
  review: { from: ['submitted'], to: 'in_review' },
  publish: { from: ['in_review'], to: 'published' },
  reject: { from: ['submitted', 'in_review'], to: 'rejected' },
  withdraw: { from: ['published'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly LibraryState[]; to: LibraryState }>;

/** One move of {@link LIBRARY_MOVES}. */
export type LibraryMove = keyof typeof LIBRARY_MOVES;

/** An invitation as its link opens it. */
export type OpenedInvitation = { state: 'open'; name: string; language: Language; expiresAt: string } | { state: 'used' | 'expired' };

/** A published document as the public pages and exports show it, with its translations. */
export interface PublicDocument extends Omit<LibraryListRow, 'submitted_by' | 'invitation_id' | 'source' | 'decision_reason'> {
  translations: { language: string; title: string; abstract: string }[];
}

/** A document as staff review it: everything stored, with the contributor's name and address opened. */
export interface StaffDocument extends LibraryDocumentRow {
  has_file: boolean;
  translations: LibraryTranslationRow[];
  contributor: { name: string; email: string } | null;
}

const languageOf = (value: string): Language => ((SUPPORTED_LANGUAGES as readonly string[]).includes(value) ? (value as Language) : 'en');

/** The library's work: submissions, invitations, review, publication with its search index, and the public reads. */
export function createLibraryService(deps: LibraryServiceDeps) {
  const { repository, search, keyring, audit, jobs, clock, ids, catalogs, settings } = deps;
  const hashToken = (token: string) => keyring.hash(token, LIBRARY_SEALED.token);
  // Invitations are few (one per document asked for), so a person's are found by opening each address.
  const invitationsOf = async (identity: SubjectIdentity) => {
    const wanted = new Set(identity.emails.map((e) => e.trim().toLowerCase()));
    if (wanted.size === 0) return [];
    return (await repository.listInvitations())
      .map((row) => ({ row, name: keyring.decrypt(row.name_enc, LIBRARY_SEALED.name), email: keyring.decrypt(row.email_enc, LIBRARY_SEALED.email) }))
      .filter(({ email }) => wanted.has(email.trim().toLowerCase()));
  };
  const now = () => clock.now().toISOString();

  async function mailContributor(tx: Transaction, invitation: LibraryInvitationRow, event: 'published' | 'rejected', values: Record<string, string>) {
    const t = catalogs.translator(languageOf(invitation.language));
    const name = keyring.decrypt(invitation.name_enc, LIBRARY_SEALED.name);
    await enqueueEmail(jobs, tx, {
      to: keyring.decrypt(invitation.email_enc, LIBRARY_SEALED.email),
      subject: t(`learn.library.mail.${event}.subject`, values),
      text: t(`learn.library.mail.${event}.body`, { ...values, name }),
    });
  }

  /** Writes the document's rows in the search index: its own language, then each translation. */
  async function indexDocument(repo: LibraryRepository, tx: Transaction, document: LibraryDocumentRow) {
    const url = `${deps.publicUrl}${libraryDocumentPath(document.id)}`;
    const at = now();
    await search.index(
      tx,
      {
        kind: LIBRARY_SEARCH_KIND,
        id: document.id,
        language: document.language,
        title: document.title,
        body: [document.abstract, document.full_text ?? ''].join('\n\n').trim(),
        url,
      },
      at,
    );
    for (const translation of await repo.listTranslations([document.id])) {
      if (translation.language === document.language) continue;
      await search.index(
        tx,
        { kind: LIBRARY_SEARCH_KIND, id: document.id, language: translation.language, title: translation.title, body: translation.abstract, url },
        at,
      );
    }
  }

  return {
    /**
     * Stores a submission (state `submitted`) with its PDF, sealed as attachments are, and audits it.
     * A contributor's link is used once: the invitation then names the document.
     */
    async submit(submitter: Submitter, input: LibrarySubmissionInput, file: LibraryFileInput | null): Promise<LibraryOutcome> {
      let invitation: LibraryInvitationRow | undefined;
      if (submitter.kind === 'contributor') {
        invitation = await repository.findInvitationByTokenHash(hashToken(submitter.token));
        if (!invitation) return { ok: false, problem: 'notFound' };
        if (invitation.used_at !== null || invitation.expires_at <= now()) return { ok: false, problem: 'invitationClosed' };
      }
      const checked = checkSubmission(input, file, settings, now().slice(0, 10));
      if (!checked.ok) return { ok: false, problem: 'invalid', problems: checked.problems };
      const id = ids();
      const at = now();
      const actor: Actor = submitter.kind === 'staff' ? submitter.actor : { type: 'system', id: null };
      return repository.inTransaction(async (repo, tx) => {
        if (invitation && !(await repo.useInvitation(invitation.id, at, id))) return { ok: false, problem: 'invitationClosed' } as const;
        await repo.insertDocument(documentRow(id, checked.value, submitter, invitation?.id ?? null, at));
        if (file) {
          await repo.insertFile({
            document_id: id,
            media_type: 'application/pdf',
            size_bytes: file.content.length,
            sha256: createHash('sha256').update(file.content).digest('hex'),
            content_enc: keyring.encrypt(file.content.toString('base64'), LIBRARY_SEALED.file),
            created_at: at,
          });
        }
        await audit.record(tx, {
          actor,
          action: 'learn.library.submitted',
          entityType: 'learn_library_document',
          entityId: id,
          details: { source: submitter.kind, invitationId: invitation?.id ?? null, hasFile: file !== null, sizeBytes: file?.content.length ?? 0 },
        });
        return { ok: true, id } as const;
      });
    },

    /** Invites an outside contributor: a link with an unguessable token (only its keyed hash kept) sent by e-mail in their language. */
    async invite(actor: Actor, input: { name: string; email: string; language: string }): Promise<LibraryOutcome<{ id: string; token: string }>> {
      const name = input.name.trim();
      const email = input.email.trim();
      const problems: LibraryProblem[] = [];
      if (name === '') problems.push({ field: 'name', key: 'nameMissing' });
      else if (name.length > FIELD_LIMITS.name) problems.push({ field: 'name', key: 'tooLong', values: { max: FIELD_LIMITS.name } });
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > FIELD_LIMITS.email) problems.push({ field: 'email', key: 'emailInvalid' });
      if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(input.language)) problems.push({ field: 'language', key: 'languageMissing' });
      if (problems.length > 0) return { ok: false, problem: 'invalid', problems };
      const language = languageOf(input.language);
      const token = randomBytes(32).toString('base64url');
      const id = ids();
      const at = clock.now();
      const expiresAt = new Date(at.getTime() + settings.invitationExpiryDays * 86_400_000).toISOString();
      const t = catalogs.translator(language);
      const url = `${deps.publicUrl}${LIBRARY_PATHS.contribute.replace(':token', token)}?lang=${language}`;
      return repository.inTransaction(async (repo, tx) => {
        await repo.insertInvitation({
          id,
          token_hash: hashToken(token),
          name_enc: keyring.encrypt(name, LIBRARY_SEALED.name),
          email_enc: keyring.encrypt(email, LIBRARY_SEALED.email),
          language,
          created_by: actor.id,
          created_at: at.toISOString(),
          expires_at: expiresAt,
          used_at: null,
          document_id: null,
        });
        await enqueueEmail(jobs, tx, {
          to: email,
          subject: t('learn.library.mail.invite.subject', { authority: deps.authority }),
          text: t('learn.library.mail.invite.body', { name, authority: deps.authority, url, days: settings.invitationExpiryDays }),
        });
        await audit.record(tx, { actor, action: 'learn.library.invited', entityType: 'learn_library_invitation', entityId: id, details: { language } });
        return { ok: true, id, token } as const;
      });
    },

    /** What an invitation's link opens: the form for its own contributor only, or why it is closed; undefined for a token that names none. */
    async openInvitation(token: string): Promise<OpenedInvitation | undefined> {
      if (token.length > 100) return undefined;
      const invitation = await repository.findInvitationByTokenHash(hashToken(token));
      if (!invitation) return undefined;
      if (invitation.used_at !== null) return { state: 'used' };
      if (invitation.expires_at <= now()) return { state: 'expired' };
      return {
        state: 'open',
        name: keyring.decrypt(invitation.name_enc, LIBRARY_SEALED.name),
        language: languageOf(invitation.language),
        expiresAt: invitation.expires_at,
      };
    },

    /**
     * Moves a document (review, publish, reject, withdraw) if it is still at the version the
     * reviewer saw; publishing indexes it for search, withdrawing removes it, and a contributor
     * hears of the decision, with the reason of a rejection.
     */
    async move(actor: Actor, id: string, move: LibraryMove, seen: { version: string; reason: string }): Promise<LibraryOutcome> {
      const document = await repository.findDocument(id);
      if (!document) return { ok: false, problem: 'notFound' };
      const reason = seen.reason.trim();
      const needsReason = move === 'reject' || move === 'withdraw';
      if (needsReason && reason === '') return { ok: false, problem: 'invalid', problems: [{ field: 'reason', key: 'reasonMissing' }] };
      if (reason.length > FIELD_LIMITS.reason)
        return { ok: false, problem: 'invalid', problems: [{ field: 'reason', key: 'tooLong', values: { max: FIELD_LIMITS.reason } }] };
      const rule = LIBRARY_MOVES[move];
      if (String(document.version) !== seen.version || !(rule.from as readonly string[]).includes(document.state)) return { ok: false, problem: 'conflict' };
      const at = now();
      return repository.inTransaction(async (repo, tx) => {
        const isMoved = await repo.changeState(id, document.version, {
          state: rule.to,
          at,
          ...(move === 'publish' ? { publishedAt: at, reason: null } : {}),
          ...(needsReason ? { reason } : {}),
        });
        if (!isMoved) return { ok: false, problem: 'conflict' } as const;
        if (move === 'publish') await indexDocument(repo, tx, document);
        if (move === 'withdraw') await search.remove(tx, { kind: LIBRARY_SEARCH_KIND, id });
        const invitation = document.invitation_id ? await repo.findInvitation(document.invitation_id) : undefined;
        if (invitation && move === 'publish')
          await mailContributor(tx, invitation, 'published', { title: document.title, url: `${deps.publicUrl}${libraryDocumentPath(id)}` });
        if (invitation && move === 'reject') await mailContributor(tx, invitation, 'rejected', { title: document.title, reason });
        await audit.record(tx, {
          actor,
          action: `learn.library.${move}`,
          entityType: 'learn_library_document',
          entityId: id,
          // The reason stays on the document: free text may hold a name or an address, which the audit log refuses.
          details: { from: document.state, to: rule.to, version: document.version + 1 },
        });
        return { ok: true, id } as const;
      });
    },

    /** Adds or replaces the title and abstract in another language; a published document is indexed again. */
    async translate(actor: Actor, id: string, input: { language: string; title: string; abstract: string }): Promise<LibraryOutcome> {
      const document = await repository.findDocument(id);
      if (!document) return { ok: false, problem: 'notFound' };
      const title = input.title.trim();
      const abstract = input.abstract.trim();
      const problems: LibraryProblem[] = [];
      if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(input.language) || input.language === document.language)
        problems.push({ field: 'translationLanguage', key: 'translationLanguage' });
      if (title === '') problems.push({ field: 'translationTitle', key: 'titleMissing' });
      else if (title.length > FIELD_LIMITS.title) problems.push({ field: 'translationTitle', key: 'tooLong', values: { max: FIELD_LIMITS.title } });
      if (abstract === '') problems.push({ field: 'translationAbstract', key: 'abstractMissing' });
      else if (abstract.length > FIELD_LIMITS.abstract) problems.push({ field: 'translationAbstract', key: 'tooLong', values: { max: FIELD_LIMITS.abstract } });
      if (problems.length > 0) return { ok: false, problem: 'invalid', problems };
      return repository.inTransaction(async (repo, tx) => {
        await repo.upsertTranslation({ document_id: id, language: input.language, title, abstract });
        if (document.state === 'published') await indexDocument(repo, tx, document);
        await audit.record(tx, {
          actor,
          action: 'learn.library.translated',
          entityType: 'learn_library_document',
          entityId: id,
          details: { language: input.language },
        });
        return { ok: true, id } as const;
      });
    },

    /** One page of published documents, newest first, with the choices each filter offers. */
    async publicList(filters: LibraryFilters, page: number) {
      const { rows, total } = await repository.listPublished(filters, LIBRARY_PAGE_SIZE, (page - 1) * LIBRARY_PAGE_SIZE);
      const facets = await repository.publishedFacets();
      const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
      const translations = await repository.listTranslations(rows.map((r) => r.id));
      return {
        documents: rows.map((row) => publicOf(row, translations)),
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE)),
        choices: {
          type: settings.documentTypes.filter((t) => facets.some((f) => f.doc_type === t)),
          topic: settings.topics.filter((t) => facets.some((f) => f.topic === t)),
          country: distinct(facets.map((f) => f.country)),
          language: distinct(facets.map((f) => f.language)),
          year: distinct(facets.map((f) => f.issued.slice(0, 4))).reverse(),
        },
      };
    },

    /** A published document, or undefined (not found, or not published). */
    async publicDocument(id: string): Promise<PublicDocument | undefined> {
      const row = await repository.findDocument(id);
      if (row?.state !== 'published') return undefined;
      return publicOf(row, await repository.listTranslations([id]));
    },

    /** The PDF of a document: to anyone once published, to staff (`isStaff`) at any state. */
    async file(id: string, isStaff: boolean): Promise<Buffer | undefined> {
      const row = await repository.findDocument(id);
      if (!row || (!isStaff && row.state !== 'published')) return undefined;
      const file = await repository.findFile(id);
      return file ? Buffer.from(keyring.decrypt(file.content_enc, LIBRARY_SEALED.file), 'base64') : undefined;
    },

    /** What waits for staff: documents to review, published ones, decided ones, and invitations not answered yet. */
    async staffQueue() {
      const waiting = await repository.listByStates(['submitted', 'in_review']);
      const decided = await repository.listByStates(['published', 'rejected', 'withdrawn']);
      const at = now();
      const invitations = (await repository.listUnusedInvitations()).map((i) => ({
        id: i.id,
        name: keyring.decrypt(i.name_enc, LIBRARY_SEALED.name),
        language: i.language,
        createdAt: i.created_at,
        expiresAt: i.expires_at,
        isExpired: i.expires_at <= at,
      }));
      return { waiting, decided, invitations };
    },

    /** A document as staff review it, with its contributor while the invitation is kept. */
    async staffDocument(id: string): Promise<StaffDocument | undefined> {
      const row = await repository.findDocument(id);
      if (!row) return undefined;
      const invitation = row.invitation_id ? await repository.findInvitation(row.invitation_id) : undefined;
      return {
        ...row,
        translations: await repository.listTranslations([id]),
        contributor: invitation
          ? { name: keyring.decrypt(invitation.name_enc, LIBRARY_SEALED.name), email: keyring.decrypt(invitation.email_enc, LIBRARY_SEALED.email) }
          : null,
      };
    },

    /** Every published document as the CSV and JSON exports write it: Dublin Core names, no personal data. */
    async exportRecords(): Promise<ExportRecord[]> {
      const rows = await repository.allPublished();
      return rows.map((row) => {
        const record = {
          id: row.id,
          title: row.title,
          creator: row.issuer,
          date: row.issued,
          language: row.language,
          type: row.doc_type,
          subject: row.topic,
          coverage: row.country ?? '',
          rights: row.licence,
          description: row.abstract,
          source: row.link ?? '',
          file: row.has_file ? `${deps.publicUrl}${libraryFilePath(row.id)}` : '',
          identifier: `${deps.publicUrl}${libraryDocumentPath(row.id)}`,
        } satisfies ExportRecord;
        return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, record[c]])) as ExportRecord;
      });
    },

    /** Applies the retention rule of invitations: deletes the spent ones (with the contributor's name and address), a batch per transaction. */
    applyInvitationRetention(run: RetentionRun): Promise<number> {
      const held = [...run.heldIds];
      return runInBatches(
        run,
        () => repository.countSpentInvitations(run.cutoff, held),
        () => repository.deleteSpentInvitations(run.cutoff, held),
      );
    },

    /** The invitations sent to a person's proved e-mail addresses, decrypted. */
    async personInvitations(identity: SubjectIdentity): Promise<SubjectRecord[]> {
      return (await invitationsOf(identity)).map(({ row, name, email }) => ({
        id: row.id,
        createdAt: row.created_at,
        fields: { name, email, language: row.language, expiresAt: row.expires_at, usedAt: row.used_at, documentId: row.document_id },
      }));
    },

    /** Deletes the invitations sent to a person (their documents stay, unlinked), the held ones kept. */
    async erasePerson(identity: SubjectIdentity, context: { heldIds: ReadonlySet<string> }): Promise<KindErasure> {
      const found = (await invitationsOf(identity)).map(({ row }) => row.id);
      const outcomes: ErasureOutcome[] = found.filter((id) => context.heldIds.has(id)).map((id) => ({ id, result: 'kept', reason: 'legalHold' }));
      const erasable = found.filter((id) => !context.heldIds.has(id));
      if (erasable.length > 0)
        await repository.inTransaction(async (repo, tx) => {
          await repo.deleteInvitations(erasable);
          await audit.record(tx, {
            actor: { type: 'system', id: null },
            action: 'learn.library.invitations_erased',
            entityType: 'learn_library_invitation',
            details: { erased: erasable.length },
          });
        });
      return { outcomes: [...outcomes, ...erasable.map((id) => ({ id, result: 'erased' as const }))], operatorIds: [] };
    },
  };
}

/** The library service. */
export type LibraryService = ReturnType<typeof createLibraryService>;

function documentRow(id: string, value: CheckedSubmission, submitter: Submitter, invitationId: string | null, at: string): LibraryDocumentRow {
  return {
    id,
    state: 'submitted',
    title: value.title,
    issuer: value.issuer,
    issued: value.issued,
    language: value.language,
    doc_type: value.type,
    topic: value.topic,
    country: value.country,
    licence: value.licence,
    abstract: value.abstract,
    link: value.link,
    full_text: value.fullText,
    source: submitter.kind,
    submitted_by: submitter.kind === 'staff' ? submitter.actor.id : null,
    invitation_id: invitationId,
    submitted_at: at,
    state_changed_at: at,
    published_at: null,
    decision_reason: null,
    version: 1,
  };
}

function publicOf(row: LibraryListRow | (LibraryDocumentRow & { has_file: boolean }), translations: readonly LibraryTranslationRow[]): PublicDocument {
  return {
    id: row.id,
    state: row.state,
    title: row.title,
    issuer: row.issuer,
    issued: row.issued,
    language: row.language,
    doc_type: row.doc_type,
    topic: row.topic,
    country: row.country,
    licence: row.licence,
    abstract: row.abstract,
    link: row.link,
    submitted_at: row.submitted_at,
    state_changed_at: row.state_changed_at,
    published_at: row.published_at,
    version: row.version,
    has_file: row.has_file,
    translations: translations.filter((t) => t.document_id === row.id).map((t) => ({ language: t.language, title: t.title, abstract: t.abstract })),
  };
}
