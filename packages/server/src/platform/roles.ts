import type { Config } from './config.js';

export type ServerRole = Config['MOLAM_ROLE'];
export const SERVER_ROLES: readonly ServerRole[] = ['all', 'api', 'worker', 'relay', 'consumer'];

export const isServerRole = (value: string): value is ServerRole =>
  (SERVER_ROLES as string[]).includes(value);

/** What a process of a role does. Every role serves health and metrics. */
export interface RoleDuties {
  api: boolean;
  /** The job workers, the aggregator and the periodic sweeps. */
  jobs: boolean;
  /** The outbox relay to Kafka. */
  relay: boolean;
  /** The consumer of `payments.payment-requested`. */
  consumer: boolean;
}

export function dutiesOf(role: ServerRole, kafkaConfigured: boolean): RoleDuties {
  const backgroundWork = role === 'all' || role === 'worker';
  return {
    api: role === 'all' || role === 'api',
    jobs: backgroundWork,
    relay: kafkaConfigured && (backgroundWork || role === 'relay'),
    consumer: kafkaConfigured && (backgroundWork || role === 'consumer'),
  };
}
