import type { KingaModule } from '../platform/module.ts';
import { offersModule } from './offers/index.ts';
import { devicesModule } from './devices/index.ts';
import { qualityModule } from './quality/index.ts';
import { complaintsModule } from './complaints/index.ts';
import { channelsModule } from './channels/index.ts';
import { scamsModule } from './scams/index.ts';
import { learnModule } from './learn/index.ts';
import { privacyModule } from './privacy/index.ts';
import { opendataModule } from './opendata/index.ts';

/** The business modules of this installation, in navigation order. */
export const modules: readonly KingaModule[] = [
  offersModule,
  devicesModule,
  qualityModule,
  complaintsModule,
  scamsModule,
  learnModule,
  channelsModule,
  privacyModule,
  opendataModule,
];
