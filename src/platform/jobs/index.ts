export { createJobQueue } from './job-queue.ts';
export type { JobQueue, JobHandler, EnqueueOptions } from './job-queue.ts';
