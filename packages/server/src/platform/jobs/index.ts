export { registerJobMetrics } from './metrics.js';
export {
  DEFAULT_MAX_ATTEMPTS,
  type DeadJob,
  type EnqueueOptions,
  enqueueJob,
  JOBS_CHANNEL,
  listDeadJobs,
  type QueueDepth,
  queueDepth,
  readyJobsByKind,
  redriveDeadJobs,
} from './queue.js';
export type { JobKind, JobPayload, JobTasks } from './tasks.js';
export { type ClaimedJob, type JobHandler, type JobResult, JobWorker, type WorkerOptions } from './worker.js';
