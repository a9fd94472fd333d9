import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkDate,
  checkStep,
  FILING_STEPS,
  firstIncompleteStep,
  isoDateOf,
  nextStep,
  previousStep,
  readStepAnswers,
  toSubmission,
  type DraftAnswers,
} from './complaint-draft.ts';

const rules = { operatorIds: ['OP-1', 'OP-2'], categories: ['billing', 'contract'], today: '2026-12-01', country: 'KE' };
const complete: DraftAnswers = {
  operatorIds: ['OP-1', 'OP-2'],
  service: 'mobile',
  category: 'billing',
  description: 'Charged twice for one bundle.',
  problemStartDay: '2',
  problemStartMonth: '11',
  problemStartYear: '2026',
  desiredOutcome: 'A refund.',
  contacted: 'yes',
  contactDateDay: '20',
  contactDateMonth: '11',
  contactDateYear: '2026',
  operatorReference: 'SV-1',
  name: 'Amina',
  email: 'Amina@Example.org',
  needsSupport: 'yes',
  extraSupport: ['age'],
  extraSupportDetails: 'Call in the morning.',
  isEvidenceDone: true,
  consent: 'yes',
};

test('a date in three boxes names the missing parts, refuses impossible and future dates', () => {
  assert.equal(checkDate('', '', '', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateMissing');
  assert.equal(checkDate('3', '', '2026', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateMissingMonth');
  assert.equal(checkDate('', '', '2026', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateMissingDayMonth');
  assert.equal(checkDate('31', '4', '2026', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateReal');
  assert.equal(checkDate('29', '2', '2025', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateReal');
  assert.equal(checkDate('1', '12', '26', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateReal');
  assert.equal(checkDate('2', '12', '2026', '2026-12-01', 'complaints.web.error.dateMissing')?.messageKey, 'complaints.web.error.dateFuture');
  assert.equal(checkDate('1', '12', '2026', '2026-12-01', 'complaints.web.error.dateMissing'), undefined);
  assert.equal(isoDateOf('29', '2', '2028'), '2028-02-29');
});

test('each page checks its own answers', () => {
  assert.deepEqual(
    checkStep('operator', {}, rules).map((i) => i.field),
    ['operatorIds'],
  );
  assert.equal(checkStep('operator', { operatorIds: ['OP-9'] }, rules)[0]?.messageKey, 'complaints.web.error.operatorUnknown');
  assert.equal(checkStep('problem', { category: 'roaming' }, rules).length, 1, 'a category the profile does not list is refused');
  assert.equal(checkStep('what-happened', { description: 'short' }, rules)[0]?.messageKey, 'complaints.web.error.descriptionShort');
  assert.deepEqual(checkStep('what-happened', { description: 'x'.repeat(4001) }, rules)[0]?.values, { max: 4000, count: 4001 });
  assert.deepEqual(checkStep('operator-contact', { contacted: 'no' }, rules), [], 'no date is asked when the operator was not contacted');
  assert.equal(checkStep('operator-contact', { contacted: 'yes' }, rules)[0]?.field, 'contactDate');
  assert.deepEqual(
    checkStep('your-details', { name: 'A', email: 'a@b', phone: '12' }, rules).map((i) => i.field),
    ['email', 'phone'],
  );
  // Texts to a mobile number: no e-mail address needed, but a number that can receive them.
  const bySms = (phone: string, email = '') => checkStep('your-details', { name: 'A', email, phone, contactBy: 'sms' }, rules).map((i) => i.messageKey);
  assert.deepEqual(bySms('0712 345 678'), []);
  assert.deepEqual(bySms('+254 712 345 678', 'a@example.org'), []);
  assert.deepEqual(bySms(''), ['complaints.web.error.mobileMissing']);
  assert.deepEqual(bySms('12345'), ['complaints.web.error.mobileInvalid']);
  assert.deepEqual(bySms('020 222 2222'), ['complaints.web.error.mobileNotMobile'], 'a fixed line cannot receive a text');
  assert.deepEqual(bySms('0712 345 678', 'nope'), ['complaints.web.error.emailInvalid'], 'an address given anyway must be one');
  assert.deepEqual(
    checkStep('your-details', { name: 'A', email: 'a@example.org', contactBy: 'fax' }, rules).map((i) => i.field),
    ['contactBy'],
  );
  assert.deepEqual(
    checkStep('support', { needsSupport: 'yes', extraSupport: [] }, rules).map((i) => i.field),
    ['extraSupport'],
  );
  assert.deepEqual(
    checkStep('consent', { consent: 'no' }, rules).map((i) => i.field),
    ['consent'],
  );
  assert.deepEqual(checkStep('service', { service: 'mobile' }, rules), [], 'the account and the number concerned are optional');
  assert.deepEqual(
    checkStep('service', { service: 'mobile', serviceNumber: 'my phone' }, rules).map((i) => i.field),
    ['serviceNumber'],
  );
  assert.deepEqual(
    checkStep('what-happened', { description: 'Charged twice for one bundle.' }, rules).map((i) => [i.field, i.messageKey]),
    [['problemStart', 'complaints.web.error.problemDateMissing']],
  );
  for (const step of FILING_STEPS) assert.deepEqual(checkStep(step, complete, rules), [], step);
});

test('reading a page keeps only its own fields, and forgets the date when the operator was not contacted', () => {
  assert.deepEqual(readStepAnswers('operator', { operatorIds: 'OP-1', service: 'mobile' }), { operatorIds: ['OP-1'] });
  const contact = readStepAnswers('operator-contact', { contacted: 'no', contactDateDay: '1', contactDateMonth: '2', contactDateYear: '2026' });
  assert.deepEqual(contact, { contacted: 'no', contactDateDay: '', contactDateMonth: '', contactDateYear: '', operatorReference: '' });
  assert.equal(readStepAnswers('what-happened', { description: '  line\r\nnext  ' }).description, 'line\nnext');
  assert.deepEqual(readStepAnswers('service', { accountNumber: ' ACC-1 ', serviceNumber: '0712 000 000', service: 'mobile', category: 'billing' }), {
    service: 'mobile',
    accountNumber: 'ACC-1',
    serviceNumber: '0712 000 000',
  });
});

test('the first unanswered page, the order of pages, and the submission built from complete answers', () => {
  assert.equal(firstIncompleteStep({}, rules), 'operator');
  assert.equal(firstIncompleteStep({ ...complete, consent: undefined }, rules), 'consent');
  assert.equal(firstIncompleteStep(complete, rules), undefined);
  assert.equal(previousStep('operator'), undefined);
  assert.equal(nextStep('consent'), undefined);
  assert.equal(nextStep('support'), 'evidence');
  const submission = toSubmission(complete, 'fr');
  assert.deepEqual(submission.priorContact, { contacted: true, date: '2026-11-20', operatorReference: 'SV-1' });
  assert.deepEqual(submission.consumer, { name: 'Amina', email: 'amina@example.org', language: 'fr' });
  assert.equal(submission.problemStartedOn, '2026-11-02');
  assert.deepEqual(submission.extraSupport, ['age']);
  assert.equal(submission.consent, true);
  assert.equal(submission.channel, 'web');
  assert.deepEqual(toSubmission({ ...complete, needsSupport: 'no' }, 'en').extraSupport, [], 'needs ticked before answering no are not filed');
});
