/**
 * The kinds of record Kinga keeps about people, as modules declare them: what each holds and
 * why, the retention rule the profile gives it, and how to apply that rule or answer a person
 * who asks for their data. The privacy module runs the schedule, answers data-subject requests
 * and writes the public "what we keep and why" page and the register of processing from these
 * declarations alone.
 */

/** What starts a record's retention period. */
export const RETENTION_TRIGGERS = ['created', 'closed', 'lastActivity'] as const;
/** What starts a record's retention period: its creation, its closing, or its last activity. */
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

/** What happens to a record once its period ends. */
export const RETENTION_ACTIONS = ['delete', 'anonymise', 'archive'] as const;
/**
 * `delete` removes the record, `anonymise` removes what identifies a person and keeps the rest
 * (for statistics), `archive` keeps the record, sealed and out of every working view.
 */
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/** The lawful bases of GDPR Art. 6(1), which most data-protection laws follow. */
export const LEGAL_BASES = ['consent', 'contract', 'legalObligation', 'vitalInterests', 'publicTask', 'legitimateInterests'] as const;
/** A lawful basis for processing. */
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** The categories of personal data a kind of record holds, as the register of processing names them. */
export const DATA_CATEGORIES = ['contact', 'identity', 'content', 'evidence', 'device', 'location', 'network', 'account', 'preferences'] as const;
/** A category of personal data. */
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Whom a kind of record is about. */
export const SUBJECT_CATEGORIES = ['consumers', 'reporters', 'testers', 'subscribers', 'participants', 'staff', 'operatorStaff'] as const;
/** A category of data subject. */
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];

/** To whom a kind of record is disclosed. */
export const RECIPIENT_CATEGORIES = ['operators', 'police', 'regulatorStaff', 'associations', 'public'] as const;
/** A category of recipient; `public` only ever receives counts, never a person's data. */
export type RecipientCategory = (typeof RECIPIENT_CATEGORIES)[number];

/**
 * A retention rule, as the profile writes it: keep for `period` (an ISO 8601 duration of years,
 * months, days or hours, such as `P5Y`, `P6M`, `P90D` or `PT24H`) from `trigger`, then apply
 * `action`, on `legalBasis`, with an optional citation of the law (`reference`).
 */
export interface RetentionRule {
  period: string;
  trigger: RetentionTrigger;
  action: RetentionAction;
  legalBasis: LegalBasis;
  reference?: string;
}

/** One run of a kind's rule, as the schedule hands it to the kind. */
export interface RetentionRun {
  rule: RetentionRule;
  /** Records whose trigger instant is strictly before this instant (ISO 8601, UTC) are due. */
  cutoff: string;
  /** The instant of the run (ISO 8601, UTC). */
  now: string;
  /** Count what is due and change nothing. */
  dryRun: boolean;
  /** Ids of this kind's records under a legal hold: never touched, never counted. */
  heldIds: ReadonlySet<string>;
}

/** Applies a kind's rule. */
export interface RetentionHandler {
  /** Applies (or, in a dry run, counts) the rule to every due record not held; answers how many. */
  run(run: RetentionRun): Promise<number>;
}

/**
 * A person, as proved by a one-time code or by staff: e-mail addresses in lower case and mobile
 * numbers in E.164. Each kind hashes them with its own columns' purposes to find its records.
 */
export interface SubjectIdentity {
  emails: readonly string[];
  phones: readonly string[];
  /**
   * Identifiers of the person's own device or measuring app (the `device_id` of measurement
   * files), entered by staff only once they checked the person holds that device: measurements
   * are pseudonymous, and a typed id proves nothing.
   */
  deviceIds: readonly string[];
}

/** A value of a record shown to the person it is about. */
export type SubjectValue = string | number | boolean | null;

/** A file a record holds (an attachment, a police report), given back in an access archive. */
export interface SubjectFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** One record about a person, decrypted, as an access archive gives it back. */
export interface SubjectRecord {
  /** The record's id in its table (the id a legal hold names). */
  id: string;
  /** When it was created (ISO 8601, UTC). */
  createdAt: string;
  /** Field names (camelCase, English, stable) and values, personal ones decrypted. */
  fields: Readonly<Record<string, SubjectValue>>;
  files?: readonly SubjectFile[];
}

/** Why a record was kept when its person asked for erasure, shown to them. */
export const KEPT_REASONS = ['openCase', 'legalObligation', 'legalClaim', 'legalHold', 'statistics'] as const;
/** A reason a record survives an erasure request. */
export type KeptReason = (typeof KEPT_REASONS)[number];

/** What an erasure request did to one record. */
export type ErasureOutcome = { id: string; result: 'erased' | 'anonymised' } | { id: string; result: 'kept'; reason: KeptReason };

/** What an erasure did for one kind, and which operators were served a copy and must erase theirs. */
export interface KindErasure {
  outcomes: readonly ErasureOutcome[];
  operatorIds: readonly string[];
  /**
   * For an operator served, the references of the records it received (a complaint case's
   * reference), which its notice to erase lists: the operator finds its copies by them.
   */
  operatorReferences?: Readonly<Record<string, readonly string[]>>;
}

/** Finds and erases one person's records of a kind. */
export interface SubjectHandler {
  /** Every record of the kind that refers to the person, oldest first. */
  find(identity: SubjectIdentity): Promise<readonly SubjectRecord[]>;
  /**
   * Erases or anonymises every such record that may be, in one transaction, and keeps the others
   * with their reason (an open case, a legal hold, a duty to keep); erasing again finds nothing new.
   */
  erase(identity: SubjectIdentity, context: { now: string; heldIds: ReadonlySet<string> }): Promise<KindErasure>;
}

/**
 * A kind of record holding personal data, as a module declares it (`recordKinds` of the module).
 * Messages are keys of the module's catalogues.
 */
export interface RecordKind {
  /** `<module>.<kind>` (`complaints.complaints`), the key of its rule in the profile's schedule. */
  name: string;
  /** A short plural name ("Complaints"). */
  labelKey: string;
  /** What is kept and why, in one or two sentences for the public. */
  purposeKey: string;
  categories: readonly DataCategory[];
  subjects: readonly SubjectCategory[];
  recipients: readonly RecipientCategory[];
  /** The triggers and actions the kind can apply; the profile may choose only among them. */
  triggers: readonly RetentionTrigger[];
  actions: readonly RetentionAction[];
  /** The rule when the profile names none. */
  defaultRule: RetentionRule;
  retention: RetentionHandler;
  /** Absent when records cannot be tied to a person (a measurement keyed by a salted device hash). */
  subject?: SubjectHandler;
}

/** The pattern of a kind's name. */
export const RECORD_KIND_NAME = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;
