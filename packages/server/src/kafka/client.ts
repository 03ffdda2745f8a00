import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';

export type KafkaClientModule = typeof KafkaJS;
export type KafkaSettings = Pick<
  Config,
  | 'KAFKA_BROKERS'
  | 'KAFKA_CLIENT_ID'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA_LOCATION'
>;

/**
 * The Kafka client (librdkafka through @confluentinc/kafka-javascript) is an optional dependency: a server
 * without KAFKA_BROKERS never loads it, so an install where its native part could not be built still runs.
 */
export async function loadKafkaClient(): Promise<KafkaClientModule> {
  try {
    const module = await import('@confluentinc/kafka-javascript');
    return module.KafkaJS;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError(
      500,
      'kafka_client_missing',
      `KAFKA_BROKERS is set but the Kafka client (@confluentinc/kafka-javascript) cannot be loaded (${reason}): ` +
        'reinstall @molam/server where its prebuilt binding can be downloaded, or with a C++ toolchain, OpenSSL ' +
        'and zlib headers and CKJS_LINKING=dynamic.',
      { cause: error },
    );
  }
}

const MECHANISMS = {
  'SCRAM-SHA-512': 'scram-sha-512',
  'SCRAM-SHA-256': 'scram-sha-256',
  PLAIN: 'plain',
} as const;

/** The client settings every producer, consumer and admin of this server shares. */
export function kafkaClientConfig(settings: KafkaSettings): KafkaJS.CommonConstructorConfig {
  const brokers = settings.KAFKA_BROKERS;
  if (!brokers) throw new AppError(500, 'kafka_not_configured', 'KAFKA_BROKERS is not set.');
  const sasl =
    settings.KAFKA_SASL_USERNAME !== undefined && settings.KAFKA_SASL_PASSWORD !== undefined
      ? {
          mechanism: MECHANISMS[settings.KAFKA_SASL_MECHANISM],
          username: settings.KAFKA_SASL_USERNAME,
          password: settings.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  return {
    kafkaJS: {
      brokers,
      clientId: settings.KAFKA_CLIENT_ID,
      ssl: settings.KAFKA_SSL,
      ...(sasl ? { sasl } : {}),
      // Quiet unless a caller passes a logger of its own (the server does: warnings and errors).
      logLevel: 0,
    },
    ...(settings.KAFKA_SSL_CA_LOCATION ? { 'ssl.ca.location': settings.KAFKA_SSL_CA_LOCATION } : {}),
  };
}
