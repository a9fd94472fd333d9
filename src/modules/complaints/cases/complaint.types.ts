import type { Actor } from '../../../platform/audit/index.ts';
import type { Executor } from '../../../platform/db/index.ts';

/** The kind of service a complaint is about. */
export type ComplaintService = 'mobile' | 'fixed_internet' | 'pay_tv' | 'other';

/** The services a complaint may name, in display order. */
export const COMPLAINT_SERVICES: readonly ComplaintService[] = ['mobile', 'fixed_internet', 'pay_tv', 'other'];

/** Why a consumer needs extra support (shorter deadlines when the profile says so). */
export type ExtraSupportNeed = 'disability' | 'age' | 'language' | 'financial_hardship';

/** The extra-support needs, in display order. */
export const EXTRA_SUPPORT_NEEDS: readonly ExtraSupportNeed[] = ['disability', 'age', 'language', 'financial_hardship'];

/** How a complaint reached the regulator. */
export type ComplaintChannel = 'web' | 'api' | 'phone' | 'post' | 'in_person' | 'association';

/** The channels, in display order. */
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = ['web', 'api', 'phone', 'post', 'in_person', 'association'];

/** How a consumer chose to be reached: by e-mail, or by text message to a mobile number. */
export type ContactChannel = 'email' | 'sms';

/** The ways to be reached, in display order. */
export const CONTACT_CHANNELS: readonly ContactChannel[] = ['email', 'sms'];

/** What a consumer (or staff, or an association on their behalf) files. */
export interface ComplaintSubmission {
  /** One case per operator, linked by one filing reference. */
  operatorIds: string[];
  service: ComplaintService;
  /** A category id from the profile (`modules.complaints.categories`). */
  category: string;
  /** What happened. */
  description: string;
  /** What the consumer wants. */
  desiredOutcome: string;
  priorContact: { contacted: boolean; /** YYYY-MM-DD */ date?: string; operatorReference?: string };
  /** The local day the problem started, YYYY-MM-DD. */
  problemStartedOn?: string;
  /**
   * `phone` is how to reach the consumer; `serviceNumber` the phone or line number the complaint
   * is about; `accountNumber` their account or customer number with the operator. With
   * `contactBy` `sms` (e-mail when absent), `phone` is a mobile number that receipts, notices and
   * codes go to by text message, and `email` may be empty.
   */
  consumer: {
    name: string;
    email: string;
    phone?: string;
    contactBy?: ContactChannel;
    accountNumber?: string;
    serviceNumber?: string;
    language: string;
  };
  extraSupport: ExtraSupportNeed[];
  extraSupportDetails?: string;
  /** Consent to process the data and share it with the operator; must be true. */
  consent: boolean;
  channel: ComplaintChannel;
  /** Association filings: the representative recorded the consumer's consent to act for them. */
  onBehalfConsentRecorded?: boolean;
}

/** The stages of a case, in their usual order. */
export const COMPLAINT_STAGES = [
  'received',
  'assessed',
  'referred_to_operator',
  'operator_responded',
  'resolution_proposed',
  'accepted',
  'rejected',
  'investigation',
  'decision',
  'implemented',
  'closed',
] as const;

/** One stage of a case. */
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

/** One deadline of a case: the stage it applies to and the instant (UTC ISO 8601) it ends. */
export interface StageDeadline {
  stage: string;
  dueAt: string;
}

/** What {@link ComplaintsService.file} returns: the filing reference and one case per operator. */
export interface FiledComplaint {
  reference: string;
  cases: Array<{ reference: string; operatorId: string; stage: string; deadlines: StageDeadline[] }>;
}

/** One message between the consumer and the regulator or the operator, as the consumer sees it. */
export interface ConsumerMessageView {
  /** Who wrote it. */
  from: 'consumer' | 'regulator' | 'operator';
  text: string;
  /** UTC ISO 8601. */
  at: string;
  /** True when the regulator asked for information and waits for the answer (the clock is stopped). */
  isInformationRequest: boolean;
  /** True when the provider reads it too: its own messages, and the consumer's addressed to it. */
  isSharedWithOperator: boolean;
  /** True for the consumer's reason to refuse the provider's answer. */
  isRefusalReason: boolean;
}

/** Who reads a consumer's message: the regulator alone, or the provider as well (once the case is referred). */
export type MessageAudience = 'regulator' | 'operator';

/** One case as the consumer who filed it sees it on the follow page. */
export interface ConsumerCaseView {
  reference: string;
  filingReference: string;
  operatorId: string;
  operatorName: string;
  service: ComplaintService;
  category: string;
  stage: ComplaintStage;
  /** UTC ISO 8601. */
  filedAt: string;
  /** The consumer's language, for pages and e-mails. */
  language: string;
  description: string;
  desiredOutcome: string;
  /** The deadline of the current stage, when it has one (null while the clock is stopped). */
  currentDeadline: StageDeadline | null;
  deadlines: StageDeadline[];
  /** True while the regulator waits for an answer from the consumer. */
  isWaitingForConsumer: boolean;
  /** The operator's latest answer or proposed resolution, when there is one. */
  operatorResponse: { kind: 'response' | 'resolution' | 'deadlock'; text: string; at: string } | null;
  /** The regulator's decision, when there is one. */
  decision: { outcome: 'upheld' | 'partly_upheld' | 'not_upheld'; text: string; at: string } | null;
  messages: ConsumerMessageView[];
  stageHistory: Array<{ stage: ComplaintStage; at: string }>;
  /** What the consumer may do now. */
  can: { accept: boolean; reject: boolean; escalate: boolean; survey: boolean; message: boolean; messageOperator: boolean };
  /** True once the consumer may take the case to the regulator (weeks passed or deadlock). */
  isEscalationOpen: boolean;
  /** UTC ISO 8601, when escalation opens (or opened). */
  escalationOpensAt: string;
  hasSurvey: boolean;
}

/** A filing as the consumer sees it: its reference and each case, one per operator. */
export interface ConsumerComplaintView {
  reference: string;
  cases: ConsumerCaseView[];
}

/** How the consumer can be reached, for one-time codes on the follow page. */
export interface ConsumerContact {
  /** Empty when the consumer gave only a mobile number. */
  email: string;
  /** Where codes go: the address (when absent), or `mobile` by text message. */
  contactBy?: ContactChannel;
  /** The mobile number in E.164 when `contactBy` is `sms`. */
  mobile?: string;
  name: string;
  language: string;
}

/** The satisfaction survey answers (1 = very dissatisfied … 5 = very satisfied). */
export interface SurveyAnswers {
  satisfaction: 1 | 2 | 3 | 4 | 5;
  wasEasy?: 1 | 2 | 3 | 4 | 5;
  comment?: string;
}

/** A file filed with a complaint, already checked by the caller (size, type by its first bytes). */
export interface FilingAttachment {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/**
 * Work that must commit with a filing or not at all (a draft marked filed, say): run inside the
 * filing's transaction, on its executor, once the filing is stored. Throwing rolls the filing back.
 */
export type FilingHook = (executor: Executor, filed: FiledComplaint) => Promise<void>;

/** What a filing runs besides storing the complaint: see {@link ComplaintsService.file}. */
export interface FilingOptions {
  inTransaction?: FilingHook;
  admitReceipt?: (recipient: string) => Promise<void>;
}

/**
 * The complaint service the consumer pages and the API call. Every method validates its input
 * and throws the platform's errors: `Invalid` (422, with field problems), `NotFound`
 * (`COMPLAINT_NOT_FOUND`), `Conflict` (`COMPLAINT_TRANSITION_REFUSED` and similar codes).
 */
export interface ComplaintsService {
  /**
   * Validates and files a complaint: one case per operator under one filing reference. Every case
   * gets a copy of each attachment, stored in the same transaction: no case is filed without them.
   * `options.inTransaction` runs in that transaction too (see {@link FilingHook}).
   * `options.admitReceipt` is given the consumer's address once the submission is valid, before
   * anything is stored or sent: it counts the receipt against the send limits and throws to refuse.
   */
  file(actor: Actor, submission: ComplaintSubmission, attachments?: readonly FilingAttachment[], options?: FilingOptions): Promise<FiledComplaint>;
  /** The filing, or the single case, named by a filing or case reference; throws NotFound. */
  findForConsumer(reference: string): Promise<ConsumerComplaintView>;
  /** The consumer's contact for a filing or case reference (to send a one-time code); throws NotFound. */
  contactFor(reference: string): Promise<ConsumerContact>;
  /** The consumer accepts the proposed resolution of a case. */
  consumerAccept(reference: string): Promise<ConsumerCaseView>;
  /**
   * The consumer refuses the proposed resolution (or the operator's answer) of a case, saying why;
   * the reason goes to the regulator and the operator. `Invalid` (field `reason`) without one.
   */
  consumerReject(reference: string, reason: string): Promise<ConsumerCaseView>;
  /** The consumer takes the case to the regulator (investigation); only once entitled. */
  consumerEscalate(reference: string): Promise<ConsumerCaseView>;
  /** Records the satisfaction survey of a case (once, after it is closed, accepted or decided). */
  recordSurvey(reference: string, answers: SurveyAnswers): Promise<void>;
  /**
   * Adds a message from the consumer, for the regulator alone or for the provider too (once the
   * case is referred); answers an information request and restarts the clock.
   */
  consumerMessage(reference: string, text: string, audience?: MessageAudience): Promise<ConsumerCaseView>;
}

/**
 * What of a complaint goes to the operator once the regulator refers it, in the order the consent
 * text lists it (`complaints.shared.<field>`); the operator's view is built from the same list.
 * The e-mail address, the contact phone number and why the consumer needs extra support stay
 * with the regulator.
 */
export const OPERATOR_SHARED_FIELDS = [
  'name',
  'account',
  'serviceNumber',
  'description',
  'outcome',
  'priorContact',
  'documents',
  'messages',
  'extraSupport',
] as const;
