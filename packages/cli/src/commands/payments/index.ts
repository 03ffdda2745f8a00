import type { Command } from 'commander';
import type { App } from '../../app.js';
import { register as registerAttempts } from './attempts.js';
import { register as registerCreate } from './create.js';
import { register as registerGet } from './get.js';
import { register as registerList } from './list.js';
import { register as registerWatch } from './watch.js';

export function register(program: Command, app: App): void {
  const payments = program
    .command('payments')
    .description('Create and follow payments: collections and disbursements (amounts in minor units)');
  registerCreate(payments, app);
  registerList(payments, app);
  registerGet(payments, app);
  registerWatch(payments, app);
  registerAttempts(payments, app);
}
