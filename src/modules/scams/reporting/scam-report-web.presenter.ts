import type { ScamsSettings } from '../scams.settings.ts';
import { defang } from './scam-evidence.ts';
import { findLinks } from './scam-evidence-links.ts';
import type { FiledReport } from './scam-report.service.ts';

/** A contact of the profile's triage block, as the urgent page links it. */
export interface TriageContact {
  name: string;
  /** As the profile writes it, shown as it is. */
  phone: string;
  /** The number a `tel:` link dials: digits and a leading plus only. */
  dial: string;
}

/** The urgent page's contacts by group; an empty group is left out. */
export interface TriageContacts {
  police: TriageContact[];
  banks: TriageContact[];
  mobileMoney: TriageContact[];
}

/** What the report form offers and how it bounds the answers. */
export interface ReportFormRules {
  categories: readonly string[];
  maxTextChars: number;
  /** The largest screenshot, in megabytes, rounded for people. */
  screenshotMegabytes: number;
  reportWindowDays: number;
}

/** The confirmation's view of a filed report. */
export interface FiledReportView {
  reference: string;
  isLate: boolean;
  /** The links the report's text named, defanged: shown as text, never as links. */
  defangedLinks: string[];
  reportWindowDays: number;
}

/** A contact of the profile with the number a `tel:` link dials (spaces, brackets and dashes taken out). */
function contactOf(contact: { name: string; phone: string }): TriageContact {
  return { name: contact.name, phone: contact.phone, dial: contact.phone.replace(/[^+0-9]/g, '') };
}

/** The profile's triage block as the urgent page lists it. */
export function presentTriageContacts(triage: ScamsSettings['triage']): TriageContacts {
  return {
    police: triage.police ? [contactOf(triage.police)] : [],
    banks: triage.banks.map(contactOf),
    mobileMoney: triage.mobileMoney.map(contactOf),
  };
}

/** What the report form offers, from the profile. */
export function presentFormRules(settings: ScamsSettings): ReportFormRules {
  return {
    categories: settings.categories,
    maxTextChars: settings.reporting.maxTextChars,
    screenshotMegabytes: Math.max(0.1, Math.round((settings.screenshotMaxBytes / 1_048_576) * 10) / 10),
    reportWindowDays: settings.reportWindowDays,
  };
}

/** The confirmation of a filed report; the links of its text are echoed only defanged. */
export function presentFiledReport(filed: FiledReport, text: string, settings: Pick<ScamsSettings, 'reportWindowDays'>): FiledReportView {
  return {
    reference: filed.reference,
    isLate: filed.isLate,
    defangedLinks: findLinks(text).map((link) => defang(link.url)),
    reportWindowDays: settings.reportWindowDays,
  };
}
