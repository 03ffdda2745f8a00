import type { Command } from 'commander';
import type { App } from '../../app.js';
import type { Deps } from '../../deps.js';
import { CliError } from '../../errors.js';
import { type GlobalOptions, readGlobals } from '../../globals.js';
import type { IO } from '../../io.js';
import { writeTable } from '../../output/table.js';
import { note, success, writeJson } from '../../output/write.js';

/**
 * Connects with the server's own Kafka settings (KAFKA_BROKERS, KAFKA_SASL_*, KAFKA_SSL*) and lists the topics;
 * fails when the brokers do not answer or one of the server's topics is missing.
 */
export async function runCheck(
  options: GlobalOptions,
  io: IO,
  deps: Pick<Deps, 'loadServer'>,
): Promise<void> {
  const server = await deps.loadServer();
  const check = await server.checkKafka(io.env);
  if (options.json) writeJson(io, check);
  else {
    success(io, `Kafka answers at ${check.brokers.join(',')}.`);
    if (check.topics.length === 0) note(io, 'No topics.');
    else
      await writeTable(io, check.topics, [
        { header: 'TOPIC', value: (topic) => topic.name },
        { header: 'PARTITIONS', value: (topic) => String(topic.partitions) },
      ]);
  }
  if (check.missing.length > 0) {
    throw new CliError(
      `Missing topics: ${check.missing.join(', ')}. Create them (or allow auto-creation) before starting a relay or consumer.`,
      { code: 'kafka_topics_missing' },
    );
  }
}

export function register(program: Command, app: App): void {
  const kafka = program
    .command('kafka')
    .description('The Kafka cluster the server publishes to and consumes from');
  kafka
    .command('check')
    .description(
      'Connect with KAFKA_* settings and list the topics (fails when one of the server’s is missing)',
    )
    .action((_flags: unknown, cmd: Command) => runCheck(readGlobals(cmd), app.io, app.deps));
}
