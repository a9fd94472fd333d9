import type { FilingStep } from './complaint-draft.ts';

/** The paths of the consumer's filing pages: know your rights, the questions, drafts and resuming. */
export const FILING_PATHS = {
  rights: '/complaints',
  start: '/complaints/new',
  check: '/complaints/new/check',
  sent: '/complaints/new/sent',
  save: '/complaints/new/save',
  saved: '/complaints/new/saved',
  evidenceContinue: '/complaints/new/evidence/continue',
  evidenceRemove: '/complaints/new/evidence/remove',
  resume: '/complaints/resume',
  resumeNewCode: '/complaints/resume/new-code',
} as const;

/** The path of a question page, with `?change=1` when it was opened from the check page. */
export function stepPath(step: FilingStep, isChange = false): string {
  return `/complaints/new/${step}${isChange ? '?change=1' : ''}`;
}
