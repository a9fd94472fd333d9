import type { Platform } from '../../../platform/platform.ts';
import type { Language } from '../../../platform/jurisdiction.ts';
import type { IdentifierStates } from '../reputation/identifier-states.service.ts';
import { createReporterNewsRepository } from './reporter-news.repository.ts';
import { createReporterNews } from './reporter-news.service.ts';

/** Adds the news to reporters to the module's identifier states (called once where `scamsCoreOf` builds them). */
export function addReporterNews(platform: Platform, states: IdentifierStates): void {
  const { catalogs } = platform;
  const languageOf = (language: string): Language => catalogs.languages.find((l) => l === language) ?? 'en';
  states.onMove(
    createReporterNews({
      repositoryIn: (tx) => createReporterNewsRepository(tx),
      keyring: platform.keyring,
      sms: platform.sms,
      jobs: platform.jobs,
      translator: (language) => catalogs.translator(languageOf(language)),
    }),
  );
}
