// Starts the Kafka test broker (librdkafka's mock cluster, see build.mjs) for the tests and the benchmarks.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildHolder } from './build.mjs';

/** `topics`: name → partitions. Resolves once the brokers listen, with their bootstrap address. */
export async function startMockBroker({ brokers = 3, topics = {} } = {}) {
  const holder = spawn(
    buildHolder(),
    [String(brokers), ...Object.entries(topics).map(([name, partitions]) => `${name}:${partitions}`)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: holder.stdout });
  const bootstrap = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`the Kafka test broker exited with ${code}`)));
  });
  return {
    brokers: bootstrap,
    async stop() {
      if (holder.exitCode !== null) return;
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.stdin.end(); // the holder stops at the end of its input
      await exited;
    },
  };
}
