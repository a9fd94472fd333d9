import type { KingaModule } from '../../platform/module.ts';
import { opendataSettings } from './opendata.settings.ts';
import { createCatalogueService } from './catalogue/catalogue.service.ts';
import { registerCatalogueRoutes } from './catalogue/catalogue.routes.tsx';
import { CATALOGUE_PATHS } from './catalogue/catalogue.paths.ts';

export type { OpendataSettings } from './opendata.settings.ts';
export { DEFAULT_OPENDATA_SETTINGS } from './opendata.settings.ts';

/**
 * Open data (issue 19): one DCAT-AP 3.0 catalogue of every dataset the modules publish
 * (`/catalog.jsonld`), the Table Schemas of their CSV files, the public `/open-data` page, and the
 * one small-cell rule every dataset applies (`modules.opendata.smallestCount`).
 */
export const opendataModule: KingaModule = {
  name: 'opendata',
  settings: opendataSettings,
  footerLinks: [{ href: CATALOGUE_PATHS.page, labelKey: 'layout.openData' }],
  routes(app, platform) {
    registerCatalogueRoutes(app, createCatalogueService(platform), platform.settings.opendata.smallestCount);
  },
};
