import type { Migrations } from '../../../platform/db/index.ts';
import * as tac from './2026-11-29-10-devices-01-tac.ts';
import * as theftReports from './2026-11-29-10-devices-02-theft-reports.ts';
import * as operatorData from './2026-11-30-10-devices-03-operator-data.ts';
import * as classification from './2026-11-30-10-devices-04-classification.ts';
import * as policeReportFiles from './2026-11-30-10-devices-05-police-report-files.ts';
import * as observationIndex from './2026-11-30-10-devices-06-observation-index.ts';
import * as dumpStaging from './2026-12-07-10-devices-07-dump-staging.ts';
import * as ratGenerations from './2026-12-07-10-devices-08-rat-generations.ts';
import * as imsiClean from './2026-12-07-10-devices-09-imsi-clean.ts';
import * as pairingSubscribers from './2026-12-07-10-devices-10-pairing-subscribers.ts';
import * as tacStaging from './2026-12-07-10-devices-11-tac-staging.ts';
import * as listApply from './2026-12-07-10-devices-12-list-apply.ts';
import * as reportPhone from './2026-12-22-10-devices-13-report-phone.ts';
import * as observationMsisdnHash from './2026-12-27-10-devices-14-observation-msisdn-hash.ts';

/** The devices module's migrations; names sort after the platform's. */
export const devicesMigrations: Migrations = {
  '2026-11-29-10-devices-01-tac': tac,
  '2026-11-29-10-devices-02-theft-reports': theftReports,
  '2026-11-30-10-devices-03-operator-data': operatorData,
  '2026-11-30-10-devices-04-classification': classification,
  '2026-11-30-10-devices-05-police-report-files': policeReportFiles,
  '2026-11-30-10-devices-06-observation-index': observationIndex,
  '2026-12-07-10-devices-07-dump-staging': dumpStaging,
  '2026-12-07-10-devices-08-rat-generations': ratGenerations,
  '2026-12-07-10-devices-09-imsi-clean': imsiClean,
  '2026-12-07-10-devices-10-pairing-subscribers': pairingSubscribers,
  '2026-12-07-10-devices-11-tac-staging': tacStaging,
  '2026-12-07-10-devices-12-list-apply': listApply,
  '2026-12-22-10-devices-13-report-phone': reportPhone,
  '2026-12-27-10-devices-14-observation-msisdn-hash': observationMsisdnHash,
};
