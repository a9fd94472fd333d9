import type { KingaModule } from '../platform/module.ts';

/** The business modules of this installation, in navigation order. */
export const modules: readonly KingaModule[] = [];
