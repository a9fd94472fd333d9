import type { Platform } from '../../platform/platform.ts';
import type { RecordKind } from '../../platform/privacy/record-kinds.ts';
import { associationsOf } from './associations/associations.wiring.ts';
import { createLibraryServiceFor } from './library/library.wiring.ts';
import { createWorkshopServiceFor } from './workshops/workshop.wiring.ts';

/**
 * The kinds of record of learn holding personal data: workshop registrations and feedback, library
 * invitations (a contributor's name and address) and associations' proposals.
 */
export function learnRecordKinds(platform: Platform): readonly RecordKind[] {
  const workshops = createWorkshopServiceFor(platform);
  const library = createLibraryServiceFor(platform);
  const associations = associationsOf(platform);

  return [
    {
      name: 'learn.workshopRegistrations',
      labelKey: 'learn.privacy.workshopRegistrations.label',
      purposeKey: 'learn.privacy.workshopRegistrations.purpose',
      categories: ['identity', 'contact', 'preferences'],
      subjects: ['participants'],
      recipients: ['regulatorStaff'],
      triggers: ['closed'],
      actions: ['anonymise'],
      defaultRule: { period: 'P90D', trigger: 'closed', action: 'anonymise', legalBasis: 'consent' },
      retention: { run: (run) => workshops.applyRegistrationRetention(run) },
      subject: {
        find: (identity) => workshops.personRegistrations(identity),
        erase: (identity, context) => workshops.erasePerson(identity, context),
      },
    },
    {
      name: 'learn.workshopFeedback',
      labelKey: 'learn.privacy.workshopFeedback.label',
      purposeKey: 'learn.privacy.workshopFeedback.purpose',
      categories: ['content'],
      subjects: ['participants'],
      recipients: ['regulatorStaff'],
      triggers: ['closed'],
      actions: ['anonymise'],
      defaultRule: { period: 'P90D', trigger: 'closed', action: 'anonymise', legalBasis: 'consent' },
      // Feedback is stored with no link to who gave it, so no person's request can find it.
      retention: { run: (run) => workshops.applyFeedbackRetention(run) },
    },
    {
      name: 'learn.libraryInvitations',
      labelKey: 'learn.privacy.libraryInvitations.label',
      purposeKey: 'learn.privacy.libraryInvitations.purpose',
      categories: ['identity', 'contact'],
      subjects: ['participants'],
      recipients: ['regulatorStaff'],
      triggers: ['closed'],
      actions: ['delete'],
      defaultRule: { period: 'P180D', trigger: 'closed', action: 'delete', legalBasis: 'legitimateInterests' },
      retention: { run: (run) => library.applyInvitationRetention(run) },
      subject: {
        find: (identity) => library.personInvitations(identity),
        erase: (identity, context) => library.erasePerson(identity, context),
      },
    },
    {
      name: 'learn.associationProposals',
      labelKey: 'learn.privacy.associationProposals.label',
      purposeKey: 'learn.privacy.associationProposals.purpose',
      categories: ['account', 'content'],
      subjects: ['participants'],
      recipients: ['regulatorStaff', 'public'],
      triggers: ['closed'],
      actions: ['delete'],
      defaultRule: { period: 'P365D', trigger: 'closed', action: 'delete', legalBasis: 'legitimateInterests' },
      // A proposal names its author by account id only; the account is the platform's staffAccounts kind.
      retention: { run: (run) => associations.applyProposalRetention(run) },
    },
  ];
}
