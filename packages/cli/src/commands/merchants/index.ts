import type { Command } from 'commander';
import type { App } from '../../app.js';
import { register as registerCreate } from './create.js';
import { register as registerGet } from './get.js';
import { register as registerKeys } from './keys.js';
import { register as registerList } from './list.js';
import { register as registerRouting } from './routing.js';
import { register as registerUpdate } from './update.js';

export function register(program: Command, app: App): void {
  const merchants = program
    .command('merchants')
    .description('Manage merchants, the tenants of the platform, their keys and payment routing');
  registerCreate(merchants, app);
  registerList(merchants, app);
  registerGet(merchants, app);
  registerUpdate(merchants, app);
  registerKeys(merchants, app);
  registerRouting(merchants, app);
}
