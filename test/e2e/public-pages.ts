/** A page anyone can open without signing in; the browser suite checks each one in every test language. */
export interface PublicPage {
  /** The path, optionally with a query; the suite adds `lang`. */
  path: string;
  /** The HTTP status the page answers with; 200 unless said. */
  status?: number;
  /**
   * The one language in which a variant of a page is checked: another state of a page that is
   * checked in every language (an error, another result), whose words the catalogue checks cover.
   * The variants share out the languages, so each language and direction meets some of them.
   */
  onlyIn?: 'en' | 'fr' | 'ar';
}

/**
 * Every public page of the platform and the modules. A module that adds a public page adds it
 * here, so it is checked for accessibility, weight, third-party requests and keyboard use.
 */
export const PUBLIC_PAGES: readonly PublicPage[] = [
  { path: '/' },
  { path: '/api/docs' },
  { path: '/staff/sign-in' },
  { path: '/devices/check' },
  { path: '/devices/check?imei=35-209900-176148-1' },
  { path: '/devices/check?imei=35999999123456', onlyIn: 'fr' },
  // A model on the demo's barred TAC list: the check says blocked, with the barred TAC verdict.
  { path: '/devices/check?imei=359999010000172', onlyIn: 'ar' },
  { path: '/devices/check?imei=12345', status: 422, onlyIn: 'en' },
  // The demo's cloned IMEI, seen with more SIMs than the duplicate threshold: duplicate under watch.
  { path: '/devices/check?imei=867345032188162', onlyIn: 'ar' },
  { path: '/devices/report' },
  // Is this number or link a scam? (its answers come from a POST, checked by its route tests).
  { path: '/scams/check' },
  { path: '/scams/appeal' },
  // Monthly theft statistics (counts only) and the first step of a recovery (its errors come from a POST).
  { path: '/devices/statistics' },
  { path: '/devices/recover' },
  // The open-data catalogue for people: every dataset, its period, frequency, licence and files.
  { path: '/open-data' },
  { path: '/this-page-does-not-exist', status: 404 },
  // Learning: the hub, the rights guides, a guide with its easy-read version, and an unknown guide.
  { path: '/learn' },
  { path: '/learn/guides' },
  { path: '/learn/guides/billing' },
  { path: '/learn/guides/scams/easy' },
  { path: '/learn/guides/stolen-phones', onlyIn: 'ar' },
  { path: '/learn/guides/complaints/easy', onlyIn: 'fr' },
  { path: '/learn/guides/no-such-guide', status: 404, onlyIn: 'en' },
  // Workshops: the list (and filtered), an event with sign language, one full with its waiting list full, an online one, a past one, and an unknown private link.
  { path: '/learn/workshops' },
  { path: '/learn/workshops?region=KE-30&topic=mobileMoney&language=en&arrangement=signLanguage', onlyIn: 'ar' },
  { path: '/learn/workshops/demo-nairobi-mobile-money' },
  { path: '/learn/workshops/demo-mombasa-phone-bill', onlyIn: 'fr' },
  { path: '/learn/workshops/demo-online-complaints-seminar', onlyIn: 'ar' },
  { path: '/learn/workshops/demo-nairobi-smartphone-basics', onlyIn: 'en' },
  { path: '/learn/workshops/registration/unknown-link', status: 404, onlyIn: 'fr' },

  // The good-practice library: the list, filtered, a document in Arabic, the demo authority's decision with its
  // translated summary, an unknown document, and a contributor's link that names no invitation.
  { path: '/learn/library' },
  { path: '/learn/library?type=resolution&language=ar', onlyIn: 'ar' },
  { path: '/learn/library/demo-un-resolution-70-186-ar' },
  { path: '/learn/library/demo-dca-decision-03-2026', onlyIn: 'fr' },
  { path: '/learn/library/no-such-document', status: 404, onlyIn: 'en' },
  { path: '/learn/library/contribute/no-such-invitation', status: 404, onlyIn: 'fr' },
  { path: '/offers/compare' },
  { path: '/offers/compare?type=mobile&data_gb=2&voice_min=70&sms=20&months=12' },
  { path: '/offers/compare?preset=itu-fixed&months=24', onlyIn: 'fr' },
  { path: '/offers/compare?type=mobile&data_gb=lots&months=12', status: 422, onlyIn: 'ar' },
  // The comparison's social tariff and accessibility filters with their badges, and the list of social tariffs.
  { path: '/offers/compare?type=mobile&data_gb=1&voice_min=30&sms=20&months=12&eligible=disability&accessible=1', onlyIn: 'en' },
  { path: '/offers/compare?type=mobile&social=1&include_stale=1', onlyIn: 'ar' },
  { path: '/offers/social-tariffs' },
  { path: '/offers/M9900000001SVM10GB30000000' },
  // The offer's date form answered with a day that does not exist (day, month and year boxes).
  { path: '/offers/M9900000001SVM10GB30000000?onDay=30&onMonth=2&onYear=2026', status: 422, onlyIn: 'en' },
  // The travel estimator: a first visit, a country trip with a spending limit (bill shock), a zone, and bad input.
  { path: '/offers/roaming' },
  { path: '/offers/roaming?destination=UG&days=7&data_mb=3000&voice_out_min=30&voice_in_min=30&sms=10&limit=3000' },
  { path: '/offers/roaming?destination=europe&days=10&data_mb=1500&voice_out_min=20&voice_in_min=20&sms=5', onlyIn: 'ar' },
  { path: '/offers/roaming?destination=KE&days=0&data_mb=lots', status: 422, onlyIn: 'fr' },
  // The contract summary of a version, its date error, and the subscription pages (a spent or unknown link answers 404).
  { path: '/offers/M9900000001SVM10GB30000000/summary' },
  { path: '/offers/M9900000001SVM10GB30000000/summary?on=soon', status: 422, onlyIn: 'ar' },
  { path: '/offers/M9900000001SVM10GB30000000/subscribe' },
  { path: '/offers/subscriptions/confirm?token=unknown', status: 404, onlyIn: 'fr' },
  { path: '/offers/subscriptions/unsubscribe?token=unknown', status: 404, onlyIn: 'ar' },
  { path: '/affordability' },
  { path: '/affordability?asOf=2026-01-01', onlyIn: 'fr' },
  { path: '/affordability?asOf=soon', status: 422, onlyIn: 'ar' },
  { path: '/affordability?asOfDay=31&asOfMonth=4&asOfYear=2026', status: 422, onlyIn: 'fr' },
  { path: '/speedtest' },
  { path: '/speedtest/methodology' },
  // Network quality: the figures with their map, one filtered view by cell, bad filters, and the methodology.
  { path: '/quality' },
  { path: '/quality?operator=OP-DEMO-2&technology=4G&metric=upload&period=30&view=cell&resolution=6' },
  { path: '/quality?metric=speed&period=7', status: 422, onlyIn: 'fr' },
  { path: '/quality/methodology' },
  // Network KPIs against targets with the open data files, and a period that ends before it starts.
  { path: '/quality/kpis' },
  { path: '/quality/kpis?operator=OP-DEMO-2&from=2026-11&to=2026-06', status: 422, onlyIn: 'ar' },
  // Complaints: know your rights, the start page, every question of the filing flow (each answers 422 when sent
  // empty, which the form check covers), resuming a saved complaint and following one.
  { path: '/complaints' },
  { path: '/complaints/new' },
  { path: '/complaints/new/operator' },
  { path: '/complaints/new/service' },
  { path: '/complaints/new/problem' },
  { path: '/complaints/new/what-happened' },
  { path: '/complaints/new/outcome' },
  { path: '/complaints/new/operator-contact' },
  { path: '/complaints/new/your-details' },
  { path: '/complaints/new/support' },
  { path: '/complaints/new/evidence' },
  { path: '/complaints/new/consent' },
  { path: '/complaints/resume' },
  { path: '/complaints/resume?sent=1', onlyIn: 'fr' },
  { path: '/complaints/follow' },
  // Quarterly complaint statistics with disclosure control.
  { path: '/complaints/statistics' },
  // Scam reports: the triage question first, what to do at once, then the reporter's number (the code and
  // report steps need a number proved by a code, which the HTTP tests walk through).
  { path: '/scams/report' },
  { path: '/scams/report/urgent' },
  { path: '/scams/report/number' },
  // Search of the learn content: the form, a search (results when the demo has published content, the
  // empty state before), a search with filters, and a query over 200 characters.
  { path: '/learn/search' },
  { path: '/learn/search?q=consumer' },
  { path: '/learn/search?q=zzzz&kind=learn.guide&language=fr', onlyIn: 'fr' },
  { path: `/learn/search?q=${'x'.repeat(201)}`, status: 422, onlyIn: 'ar' },

  // Consumer associations: the directory with its map, a filtered view, a filter that matches none, and two entries
  // (one recognised to represent consumers, one for older people).
  { path: '/learn/associations' },
  { path: '/learn/associations?region=RVA&service=digitalSkills&language=sw', onlyIn: 'ar' },
  { path: '/learn/associations?region=NEA', onlyIn: 'fr' },
  { path: '/learn/associations/demo-consumers-union' },
  { path: '/learn/associations/wazee-connect', onlyIn: 'ar' },

  // Digital-skills courses: the list, a course, a lesson and a quiz (its result comes from a POST,
  // checked with axe in test/e2e/learn-courses.e2e.test.ts).
  { path: '/learn/courses' },
  { path: '/learn/courses/safe-mobile-money' },
  { path: '/learn/courses/check-a-phone/find-the-imei' },
  { path: '/learn/courses/your-bill-and-data/quiz' },
  { path: '/learn/courses/no-such-course', status: 404, onlyIn: 'en' },
  // What we keep and why: every kind of record with its rule in force, and people's rights.
  { path: '/privacy' },

  // Requests about one's personal data: choosing the right, and following a request (the steps after a code are POSTs, checked by their route tests).
  { path: '/privacy/requests' },
  { path: '/privacy/requests/follow' },
];
