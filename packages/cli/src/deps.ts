import { type ClientOptions, createSdkClient, type MolamClient } from './api/client.js';
import { loadServerModule, type ServerModule } from './api/server.js';
import { createTerminalPrompter, type Prompter } from './prompt.js';

/** What commands get from outside the process; tests pass fakes. */
export interface Deps {
  createClient(options: ClientOptions): Promise<MolamClient>;
  loadServer(): Promise<ServerModule>;
  prompter(): Promise<Prompter>;
}

export const defaultDeps: Deps = {
  createClient: createSdkClient,
  loadServer: loadServerModule,
  prompter: createTerminalPrompter,
};
