import type { Command } from 'commander';
import type { App } from '../../app.js';
import { register as registerGet } from './get.js';
import { register as registerList } from './list.js';
import { register as registerSet } from './set.js';

export function register(program: Command, app: App): void {
  const config = program
    .command('config')
    .description('Read and write profiles in the config file (api_key, base_url)');
  registerSet(config, app);
  registerGet(config, app);
  registerList(config, app);
}
