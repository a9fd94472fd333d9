import type { ModuleCommands } from '../platform/module.ts';
import { registerOffersCommands } from './offers/catalogue/offer.cli.ts';
import { registerDevicesCommands } from './devices/devices.cli.ts';
import { registerQualityModuleCommands } from './quality/quality.cli.ts';
import { registerComplaintsCommands } from './complaints/complaints.cli.ts';
import { registerChannelsCommands } from './channels/channels.cli.ts';
import { registerPrivacyCommands } from './privacy/retention/retention.cli.ts';

/**
 * The `commands` of the modules in `index.ts`, in the same order, listed apart so that `kinga
 * --help` loads only the command files: loading the modules themselves would load their routes,
 * services and the database drivers. `src/modules/commands.test.ts` keeps the two lists equal.
 */
export const moduleCommands: readonly ModuleCommands[] = [
  registerOffersCommands,
  registerDevicesCommands,
  registerQualityModuleCommands,
  registerComplaintsCommands,
  registerChannelsCommands,
  registerPrivacyCommands,
];
