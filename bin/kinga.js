#!/usr/bin/env node
// Entry point of the `kinga` command: TypeScript sources run through tsx's loader, so the
// repository needs no build step before `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
