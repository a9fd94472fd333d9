import type { Translate } from '../../../platform/i18n/index.ts';
import type { Jurisdiction } from '../../../platform/jurisdiction.ts';
import type { RecordKind, RetentionRule } from '../../../platform/privacy/record-kinds.ts';
import { readRetentionPeriod, resolveRetentionSchedule } from '../../../platform/privacy/retention-schedule.ts';
import { csvRecord } from '../../../platform/csv-writer.ts';
import type { PrivacySettings } from '../privacy.settings.ts';

/** A kind of record with its rule in force, in words of the reader's language. */
export interface KindView {
  name: string;
  label: string;
  purpose: string;
  data: readonly string[];
  subjects: readonly string[];
  recipients: readonly string[];
  /** "5 years after it is closed or ends". */
  howLong: string;
  /** What happens once the period ends. */
  then: string;
  basis: string;
  reference: string | null;
  isDefault: boolean;
  rule: RetentionRule;
}

/** A rule's period and trigger in words: "5 years after it is closed or ends", "90 days after it is created". */
export function periodInWords(rule: RetentionRule, t: Translate): string {
  const duration = readRetentionPeriod(rule.period);
  const [unit, count] =
    duration.years > 0
      ? ['years', duration.years]
      : duration.months > 0
        ? ['months', duration.months]
        : duration.days > 0
          ? ['days', duration.days]
          : ['hours', duration.hours];
  return t(`privacy.retention.trigger.${rule.trigger}`, { period: t(`privacy.retention.period.${unit}`, { count }) });
}

/** Every kind with its rule in force, in words, in the order the platform declares them. */
export function kindViews(kinds: readonly RecordKind[], schedule: Readonly<Record<string, RetentionRule>>, t: Translate): KindView[] {
  return resolveRetentionSchedule(kinds, schedule).map(({ kind, rule, isDefault }) => ({
    name: kind.name,
    label: t(kind.labelKey),
    purpose: t(kind.purposeKey),
    data: kind.categories.map((c) => t(`privacy.retention.category.${c}`)),
    subjects: kind.subjects.map((s) => t(`privacy.retention.subject.${s}`)),
    recipients: kind.recipients.map((r) => t(`privacy.retention.recipient.${r}`)),
    howLong: periodInWords(rule, t),
    then: t(`privacy.retention.action.${rule.action}`),
    basis: t(`privacy.retention.basis.${rule.legalBasis}`),
    reference: rule.reference ?? null,
    isDefault,
    rule,
  }));
}

/** The register of processing (GDPR Art. 30), as the page, the JSON and the CSV give it. */
export interface ProcessingRegister {
  controller: { name: string; email: string; phone: string; address: string | null };
  dpo: { name: string; email: string } | null;
  transfers: readonly string[];
  security: string;
  activities: readonly {
    kind: string;
    name: string;
    purposes: string;
    subjects: readonly string[];
    data: readonly string[];
    recipients: readonly string[];
    timeLimit: string;
    rule: RetentionRule;
    legalBasis: string;
  }[];
}

/** The register of processing from the kinds, the schedule, the profile's authority and the settings. */
export function processingRegister(
  kinds: readonly RecordKind[],
  settings: PrivacySettings['retention'],
  jurisdiction: Pick<Jurisdiction, 'authority' | 'contacts'>,
  t: Translate,
): ProcessingRegister {
  return {
    controller: {
      name: jurisdiction.authority.name,
      email: jurisdiction.contacts.email,
      phone: jurisdiction.contacts.phone,
      address: jurisdiction.contacts.address ?? null,
    },
    dpo: settings.dpo ?? null,
    transfers: settings.transfers,
    security: t('privacy.retention.register.securityText'),
    activities: kindViews(kinds, settings.schedule, t).map((k) => ({
      kind: k.name,
      name: k.label,
      purposes: k.purpose,
      subjects: k.subjects,
      data: k.data,
      recipients: k.recipients,
      timeLimit: `${k.howLong}. ${k.then}`,
      rule: k.rule,
      legalBasis: k.basis,
    })),
  };
}

/** The register as CSV: one row per processing activity, the controller's and officer's columns repeated so each row stands alone. */
export function registerCsv(register: ProcessingRegister): string {
  const header = [
    'kind',
    'activity',
    'purposes',
    'data_subjects',
    'personal_data',
    'recipients',
    'transfers',
    'time_limit',
    'period',
    'trigger',
    'action',
    'legal_basis',
    'reference',
    'security_measures',
    'controller',
    'controller_email',
    'dpo_name',
    'dpo_email',
  ];
  const rows = register.activities.map((a) => [
    a.kind,
    a.name,
    a.purposes,
    a.subjects.join('; '),
    a.data.join('; '),
    a.recipients.join('; '),
    register.transfers.join('; '),
    a.timeLimit,
    a.rule.period,
    a.rule.trigger,
    a.rule.action,
    a.rule.legalBasis,
    a.rule.reference ?? '',
    register.security,
    register.controller.name,
    register.controller.email,
    register.dpo?.name ?? '',
    register.dpo?.email ?? '',
  ]);
  return [header, ...rows].map((r) => csvRecord(r)).join('');
}
