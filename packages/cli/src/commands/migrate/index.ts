import type { Command } from 'commander';
import type { App } from '../../app.js';
import { register as registerDown } from './down.js';
import { register as registerStatus } from './status.js';
import { register as registerUp } from './up.js';

export function register(program: Command, app: App): void {
  const migrate = program
    .command('migrate')
    .description('Run database migrations directly against PostgreSQL or the embedded database');
  registerUp(migrate, app);
  registerDown(migrate, app);
  registerStatus(migrate, app);
}
