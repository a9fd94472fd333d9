/**
 * The keyring contexts the scams module seals values with, one per column, named after the
 * column (`scams.tables.ts`): every capability that seals or opens a value takes its context from
 * here, so that what one seals the others can open.
 */
export const SEALED = {
  /** `scam_identifiers.value_enc`: the number, short code, sender id or domain. */
  identifierValue: 'scam_identifiers.value',
  /** `scam_reports.reporter_enc`: the reporter's number. */
  reporterNumber: 'scam_reports.reporter',
  /** `scam_reports.text_enc`: the scam's text or the reporter's account. */
  reportText: 'scam_reports.text',
  /** `scam_reports.contact_enc`: the reporter's address or number for news. */
  reportContact: 'scam_reports.contact',
  /** `scam_report_targets.url_enc`: a whole link as evidence. */
  linkUrl: 'scam_report_targets.url',
  /** `scam_campaigns.sample_enc`: the first instance's text. */
  campaignSample: 'scam_campaigns.sample',
  /** `scam_screenshots.content_enc`: the image, base64. */
  screenshot: 'scam_screenshots.content',
  /** `scam_number_checks.number_enc`: the number a code was sent to. */
  checkedNumber: 'scam_number_checks.number',
  /** `scam_appeals.statement_enc`: the holder's account. */
  appealStatement: 'scam_appeals.statement',
  /** `scam_appeals.contact_enc`: the holder's contact for the decision. */
  appealContact: 'scam_appeals.contact',
} as const;
