export { createJobQueue, backoffMs, JOB_PAYLOAD_CONTEXT, DEFAULT_MAX_ATTEMPTS } from './job-queue.ts';
export type { JobQueue, JobHandler, EnqueueOptions, JobQueueOptions } from './job-queue.ts';
