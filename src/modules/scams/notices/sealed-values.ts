/**
 * The keyring contexts the scams module seals values with, named after the keyed-hash purposes of
 * the same columns (`scams.tables.ts`): the notices and the list open them to show operators and
 * banks what to block.
 */

/** `scam_identifiers.value_enc`: a confirmed identifier's value, shown to operators and banks. */
export const IDENTIFIER_VALUE_CONTEXT = 'scam_identifiers.value';

/** `scam_reports.reporter_enc`: the reporter's number, read only to find the operator that carries it. */
export const REPORTER_NUMBER_CONTEXT = 'scam_reports.reporter';
