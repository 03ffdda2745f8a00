import type { Deps } from './deps.js';
import type { IO } from './io.js';

/** What every command's registration closes over. */
export interface App {
  io: IO;
  deps: Deps;
}
