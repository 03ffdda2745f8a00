import type { Command } from 'commander';
import type { App } from '../../app.js';
import { register as registerCreate } from './create.js';
import { register as registerGet } from './get.js';
import { register as registerList } from './list.js';
import { register as registerRevoke } from './revoke.js';
import { register as registerRotate } from './rotate.js';

export function register(program: Command, app: App): void {
  const keys = program.command('keys').description('Manage API keys: create, list, get, revoke, rotate');
  registerCreate(keys, app);
  registerList(keys, app);
  registerGet(keys, app);
  registerRevoke(keys, app);
  registerRotate(keys, app);
}
