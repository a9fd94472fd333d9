// Entry of the load generator's worker thread. Node 20 does not carry the tsx loader into worker
// threads, so it is registered here before the TypeScript client is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./load-client.ts');
