#!/usr/bin/env node
// Builds the test suite's Kafka broker: a small holder of librdkafka's mock cluster (brokers speaking the Kafka
// protocol on local TCP ports), linked against the librdkafka that @confluentinc/kafka-javascript ships as
// source. When the client built that library at install (no prebuilt binding), the holder links to it in a
// second; otherwise librdkafka is built here once (about a minute) into node_modules/.cache. Prints the path.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const holderSource = join(root, 'scripts/kafka-mock/holder.c');
const cache = join(root, 'node_modules/.cache/molam-kafka-mock');

/** The installed Kafka client's folder, or null when its optional install did not happen. */
function clientFolder() {
  try {
    const require = createRequire(join(root, 'packages/server/package.json'));
    return dirname(require.resolve('@confluentinc/kafka-javascript/package.json'));
  } catch {
    return null;
  }
}

/** Where the holder for this client version and this holder source lives. */
export function holderPath() {
  const client = clientFolder();
  if (client === null) return null;
  const { version } = JSON.parse(readFileSync(join(client, 'package.json'), 'utf8'));
  const digest = createHash('sha256').update(version).update(readFileSync(holderSource)).digest('hex');
  return join(cache, `holder-${digest.slice(0, 16)}`);
}

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

/** The libraries a static librdkafka needs, as its own configure recorded them. */
function linkFlags(libraryRoot) {
  const config = readFileSync(join(libraryRoot, 'Makefile.config'), 'utf8');
  return [...config.matchAll(/^LIBS\+=(.*)$/gm)].flatMap((match) => match[1].trim().split(/\s+/));
}

/** A static librdkafka: the client's own when it built one, else one built here from the client's source. */
function staticLibrary(client) {
  const built = join(client, 'build/deps/librdkafka.a');
  const clientSource = join(client, 'deps/librdkafka');
  if (existsSync(built) && existsSync(join(clientSource, 'Makefile.config'))) {
    return { archive: built, include: join(clientSource, 'src'), flags: linkFlags(clientSource) };
  }
  const source = join(cache, 'librdkafka');
  const archive = join(source, 'src/librdkafka.a');
  if (!existsSync(archive)) {
    console.error('Building librdkafka for the Kafka test broker (about a minute)…');
    rmSync(source, { recursive: true, force: true });
    cpSync(clientSource, source, { recursive: true });
    // Only the mock cluster is needed: no TLS, SASL, compression or HTTP, so nothing outside the tarball.
    run(
      './configure',
      [
        '--disable-ssl',
        '--disable-gssapi',
        '--disable-zstd',
        '--disable-curl',
        '--disable-zlib',
        '--disable-lz4-ext',
        '--disable-syslog',
      ],
      source,
    );
    run('make', ['-j2', '-C', 'src', 'librdkafka.a'], source);
  }
  return { archive, include: join(source, 'src'), flags: linkFlags(source) };
}

export function buildHolder() {
  const target = holderPath();
  if (target === null) throw new Error('@confluentinc/kafka-javascript is not installed (see the README).');
  if (existsSync(target)) return target;
  const client = clientFolder();
  mkdirSync(cache, { recursive: true });
  const library = staticLibrary(client);
  const partial = `${target}.partial`;
  run('cc', ['-O2', '-o', partial, holderSource, `-I${library.include}`, library.archive, ...library.flags]);
  renameSync(partial, target);
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${buildHolder()}\n`);
}
