import type { Command } from 'commander';
import type { App } from '../../app.js';
import { register as registerDeliveries } from './deliveries.js';
import { register as registerEndpoints } from './endpoints.js';
import { register as registerListen } from './listen.js';
import { register as registerRecover } from './recover.js';
import { register as registerTrigger } from './trigger.js';
import { register as registerVerify } from './verify.js';

export function register(program: Command, app: App): void {
  const webhooks = program
    .command('webhooks')
    .description(
      'Webhook endpoints and deliveries; listen to events locally, trigger them, verify signatures',
    );
  registerEndpoints(webhooks, app);
  registerDeliveries(webhooks, app);
  registerRecover(webhooks, app);
  registerListen(webhooks, app);
  registerTrigger(webhooks, app);
  registerVerify(webhooks, app);
}
