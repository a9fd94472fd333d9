import type { Actor, AuditEntry, AuditLog } from '../../../platform/audit/index.ts';
import type { Executor } from '../../../platform/db/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { RetentionRun } from '../../../platform/privacy/record-kinds.ts';
import { runInBatches } from '../../../platform/privacy/retention-batches.ts';
import { parseStoredProfile, profileDifferences, storedProfile, type AssociationProfile, type ProfileDifference } from './association-profile.ts';
import type { AssociationsRepository } from './associations.repository.ts';
import type { LearnAssociationProposalRow, LearnAssociationRow } from './associations.tables.ts';

/** The states of an entry. */
export const ASSOCIATION_STATES = ['published', 'unpublished'] as const;

/** One state of an entry. */
export type AssociationState = (typeof ASSOCIATION_STATES)[number];

/** An entry as pages and exports read it. */
export interface Association {
  id: string;
  profile: AssociationProfile;
  state: AssociationState;
  updatedAt: string;
  version: number;
}

/** A representative's account as the entry's staff page lists it. */
export interface RepAccount {
  userId: string;
  displayName: string;
  organisation: string | null;
  isActive: boolean;
  associationId: string | null;
}

/** A proposal with the entry it would change and what it changes. */
export interface Proposal {
  id: string;
  associationId: string;
  associationName: string;
  proposedAt: string;
  state: string;
  decidedAt: string | null;
  differences: ProfileDifference[];
}

/** What narrows the public list. */
export interface DirectoryFilter {
  region?: string;
  service?: string;
  language?: string;
}

/** The directory of consumer associations: entries, their representatives and the changes they propose. */
export interface Associations {
  /** Published entries by name, narrowed by the filter. */
  published(filter?: DirectoryFilter): Promise<Association[]>;
  /** A published entry; undefined for an unpublished or unknown one. */
  findPublished(id: string): Promise<Association | undefined>;
  /** Every entry, for staff. */
  all(): Promise<Association[]>;
  find(id: string): Promise<Association | undefined>;
  /** Adds an entry; `id` is given only by the demo, whose pages are checked at stable paths. */
  create(actor: Actor, profile: AssociationProfile, state: AssociationState, id?: string): Promise<string>;
  /** Saves staff's edit; false when the entry changed since `version` was read. */
  update(actor: Actor, id: string, version: number, profile: AssociationProfile, state: AssociationState): Promise<boolean>;
  repAccounts(): Promise<RepAccount[]>;
  /** The entry an account represents, if it is linked to one. */
  associationOfRep(userId: string): Promise<string | undefined>;
  /** Links a representative's account to the entry (moving it from any other); false when the account is not a representative's or the entry is unknown. */
  link(actor: Actor, associationId: string, userId: string): Promise<boolean>;
  unlink(actor: Actor, associationId: string, userId: string): Promise<boolean>;
  /**
   * Records a representative's proposal for their own entry; nothing is published until staff
   * approve. The recognised rights stay as the regulator recorded them, whatever was sent.
   */
  propose(actor: Actor, userId: string, profile: AssociationProfile): Promise<{ ok: true; id: string } | { ok: false; problem: 'notLinked' | 'noChange' }>;
  /** Pending proposals (oldest first), of one entry or all. */
  pending(associationId?: string): Promise<Proposal[]>;
  proposal(id: string): Promise<(Proposal & { profile: AssociationProfile }) | undefined>;
  /** Approves (publishing the proposed profile into the entry) or rejects a pending proposal. */
  decide(actor: Actor, id: string, decision: 'approve' | 'reject'): Promise<'done' | 'notFound' | 'decided'>;
  /** Applies the retention rule of proposals: deletes those decided before `run.cutoff`, a batch per transaction. */
  applyProposalRetention(run: RetentionRun): Promise<number>;
}

/** What the service needs. */
export interface AssociationsDeps {
  repository: AssociationsRepository;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  /** Opens an account's sealed display name. */
  displayName(sealed: string): string;
}

/** Builds the service. */
export function createAssociations(deps: AssociationsDeps): Associations {
  const { repository, audit } = deps;
  const now = () => deps.clock.now().toISOString();
  /** Records in the audit log what an actor did to an entry. */
  const recordChange = (tx: Executor, actor: Actor, action: string, associationId: string, details: AuditEntry['details']) =>
    audit.record(tx, { actor, action, entityType: 'learn_association', entityId: associationId, details });
  const present = (row: LearnAssociationRow): Association => ({
    id: row.id,
    profile: parseStoredProfile(row.name, row.profile_json),
    state: row.state === 'published' ? 'published' : 'unpublished',
    updatedAt: row.updated_at,
    version: Number(row.version),
  });
  const proposalOf = (row: LearnAssociationProposalRow, entry: Association | undefined): Proposal & { profile: AssociationProfile } => {
    const profile = JSON.parse(row.profile_json) as AssociationProfile;
    return {
      id: row.id,
      associationId: row.association_id,
      associationName: entry?.profile.name ?? row.association_id,
      proposedAt: row.proposed_at,
      state: row.state,
      decidedAt: row.decided_at,
      differences: entry ? profileDifferences(entry.profile, profile) : [],
      profile,
    };
  };
  const matches = (a: Association, filter: DirectoryFilter) =>
    (!filter.region || a.profile.regions.includes(filter.region)) &&
    (!filter.service || (a.profile.services as string[]).includes(filter.service)) &&
    (!filter.language || a.profile.languages.includes(filter.language));

  return {
    async published(filter = {}) {
      return (await repository.list({ isAll: false })).map(present).filter((a) => matches(a, filter));
    },
    async findPublished(id) {
      const row = await repository.find(id);
      return row && row.state === 'published' ? present(row) : undefined;
    },
    async all() {
      return (await repository.list({ isAll: true })).map(present);
    },
    async find(id) {
      const row = await repository.find(id);
      return row ? present(row) : undefined;
    },
    async create(actor, profile, state, givenId) {
      const id = givenId ?? deps.ids();
      const at = now();
      await repository.inTransaction(async (r, tx) => {
        await r.insert({ id, name: profile.name, profile_json: storedProfile(profile), state, created_at: at, updated_at: at, version: 1 });
        await recordChange(tx, actor, 'learn.association.created', id, { state });
      });
      return id;
    },
    async update(actor, id, version, profile, state) {
      return repository.inTransaction(async (r, tx) => {
        const before = await r.find(id);
        if (!before) return false;
        const isSaved = await r.update(id, version, { name: profile.name, profile_json: storedProfile(profile), state, updated_at: now() });
        if (!isSaved) return false;
        const fields = profileDifferences(present(before).profile, profile).map((d) => d.field);
        await recordChange(tx, actor, 'learn.association.updated', id, { fields: fields.join(','), stateBefore: before.state, state });
        return true;
      });
    },
    async repAccounts() {
      return (await repository.repAccounts()).map((row) => {
        let displayName = row.id;
        try {
          displayName = deps.displayName(row.display_name_enc);
        } catch {
          // A name that cannot be opened (a key retired) is shown as the account's id.
        }
        return { userId: row.id, displayName, organisation: row.organisation, isActive: row.is_active, associationId: row.association_id };
      });
    },
    associationOfRep(userId) {
      return repository.associationOfRep(userId);
    },
    async link(actor, associationId, userId) {
      return repository.inTransaction(async (r, tx) => {
        const isRep = (await r.repAccounts()).some((a) => a.id === userId);
        if (!isRep || !(await r.find(associationId))) return false;
        await r.link({ user_id: userId, association_id: associationId, linked_at: now(), linked_by: actor.id ?? 'system' });
        await recordChange(tx, actor, 'learn.association.rep_linked', associationId, { userId });
        return true;
      });
    },
    async unlink(actor, associationId, userId) {
      return repository.inTransaction(async (r, tx) => {
        if (!(await r.unlink(associationId, userId))) return false;
        await recordChange(tx, actor, 'learn.association.rep_unlinked', associationId, { userId });
        return true;
      });
    },
    async propose(actor, userId, proposed) {
      return repository.inTransaction(async (r, tx) => {
        const associationId = await r.associationOfRep(userId);
        const row = associationId ? await r.find(associationId) : undefined;
        if (!associationId || !row) return { ok: false as const, problem: 'notLinked' as const };
        const current = present(row).profile;
        const profile: AssociationProfile = { ...proposed, rights: current.rights };
        if (profileDifferences(current, profile).length === 0) return { ok: false as const, problem: 'noChange' as const };
        const id = deps.ids();
        await r.insertProposal({
          id,
          association_id: associationId,
          proposed_by: userId,
          proposed_at: now(),
          profile_json: storedProfile(profile),
          state: 'pending',
          decided_by: null,
          decided_at: null,
        });
        await recordChange(tx, actor, 'learn.association.proposal_submitted', associationId, {
          proposalId: id,
          fields: profileDifferences(current, profile)
            .map((d) => d.field)
            .join(','),
        });
        return { ok: true as const, id };
      });
    },
    async pending(associationId) {
      const rows = await repository.proposals({ state: 'pending', ...(associationId ? { associationId } : {}) });
      const entries = new Map((await repository.list({ isAll: true })).map((row) => [row.id, present(row)]));
      return rows.map((row) => {
        const { profile: _profile, ...proposal } = proposalOf(row, entries.get(row.association_id));
        return proposal;
      });
    },
    async proposal(id) {
      const row = await repository.findProposal(id);
      if (!row) return undefined;
      const entry = await repository.find(row.association_id);
      return proposalOf(row, entry ? present(entry) : undefined);
    },
    async decide(actor, id, decision) {
      return repository.inTransaction(async (r, tx) => {
        const row = await r.findProposal(id);
        if (!row) return 'notFound';
        const at = now();
        if (!(await r.decide(id, { state: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.id ?? 'system', decided_at: at })))
          return 'decided';
        if (decision === 'approve') {
          const entry = await r.find(row.association_id);
          if (!entry) return 'notFound';
          const profile = JSON.parse(row.profile_json) as AssociationProfile;
          await r.update(entry.id, Number(entry.version), { name: profile.name, profile_json: storedProfile(profile), state: entry.state, updated_at: at });
        }
        await recordChange(
          tx,
          actor,
          decision === 'approve' ? 'learn.association.proposal_approved' : 'learn.association.proposal_rejected',
          row.association_id,
          { proposalId: id },
        );
        return 'done';
      });
    },
    applyProposalRetention(run) {
      const held = [...run.heldIds];
      return runInBatches(
        run,
        () => repository.countDecidedBefore(run.cutoff, held),
        () => repository.deleteDecidedBefore(run.cutoff, held),
      );
    },
  };
}
