/**
 * Every job kind and the payload its jobs carry, in the spirit of graphile-worker's `Tasks`. Each domain adds its
 * own kinds to this interface (declaration merging) beside the code that handles them, so enqueuing a job with
 * the wrong payload, or registering a handler for a kind nobody declared, fails to compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each domain through declaration merging
export interface JobTasks {}

export type JobKind = keyof JobTasks & string;
export type JobPayload<K extends JobKind> = JobTasks[K];
