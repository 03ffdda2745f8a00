import { type ClientOptions, createSdkClient, type MolamClient } from './api/client.js';
import { loadServerModule, type ServerModule } from './api/server.js';
import { createTerminalPrompter, type Prompter } from './prompt.js';
import { type Clock, type Fetch, type Interruption, interruptOnSignals, systemClock } from './runtime.js';

/** What commands get from outside the process; tests pass fakes. */
export interface Deps {
  createClient(options: ClientOptions): Promise<MolamClient>;
  loadServer(): Promise<ServerModule>;
  prompter(): Promise<Prompter>;
  /** Time and backoff jitter (`webhooks listen`). */
  clock: Clock;
  /** HTTP requests to your own servers (`webhooks listen --forward-to`), not to the API. */
  fetch: Fetch;
  /** Starts watching for Ctrl-C and SIGTERM (`webhooks listen`). */
  onInterrupt(): Interruption;
}

export const defaultDeps: Deps = {
  createClient: createSdkClient,
  loadServer: loadServerModule,
  prompter: createTerminalPrompter,
  clock: systemClock,
  fetch: (url, init) => globalThis.fetch(url, init),
  onInterrupt: interruptOnSignals,
};
