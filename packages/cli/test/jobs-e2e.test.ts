import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigratedDataDir, migratedDataDir } from './helpers/data-dir.js';
import { assertBuilt, runBin } from './helpers/run-bin.js';

// The runbook's "re-drive dead jobs": list the jobs that ran out of attempts, and re-queue them by id, by kind
// or all, straight in the database, with the built CLI.
let data: MigratedDataDir;
const molam = (args: string[]) => runBin([...args, '--data-dir', data.dataDir], { env: {} });
const ids: string[] = [];

/** Dead jobs as a worker leaves them, written with the server's own database code. */
async function buryJobs(): Promise<void> {
  await data.write(async (db) => {
    for (const [kind, error] of [
      ['payment.submit:mtn', 'MTN answered 500 with token mk_test_abcdEFGHijklMNOPqrst'],
      ['webhook.deliver', 'connect ECONNREFUSED'],
      ['webhook.deliver', 'timeout after 15 s'],
    ]) {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO jobs (kind, payload, state, attempts, last_error) VALUES ($1, '{}', 'dead', 25, $2) RETURNING id::text`,
        [kind, error],
      );
      ids.push(rows[0]?.id ?? '');
    }
  });
}

beforeAll(async () => {
  assertBuilt();
  data = await migratedDataDir();
  await buryJobs();
});
afterAll(() => data?.cleanup());

describe('molam jobs', () => {
  it('lists dead jobs, newest first, filtered by kind, with secrets masked', async () => {
    const listed = await molam(['jobs', 'list', '--json']);
    expect(listed.code).toBe(0);
    const data = JSON.parse(listed.stdout).data as { id: string; kind: string; last_error: string }[];
    expect(data.map((job) => job.id).sort()).toEqual([...ids].sort());
    expect(JSON.stringify(data)).not.toContain('abcdEFGHijklMNOPqrst');
    const webhooks = JSON.parse(
      (await molam(['jobs', 'list', '--kind', 'webhook.deliver', '--json'])).stdout,
    ).data;
    expect(webhooks).toHaveLength(2);
  });

  it('re-queues by id, then by kind, and says when nothing matched', async () => {
    const one = await molam(['jobs', 'retry', ids[0] ?? '', '--json']);
    expect(JSON.parse(one.stdout)).toEqual({ requeued: 1 });
    const again = await molam(['jobs', 'retry', ids[0] ?? '']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing was re-queued');
    expect(
      JSON.parse((await molam(['jobs', 'retry', '--kind', 'webhook.deliver', '--json'])).stdout),
    ).toEqual({
      requeued: 2,
    });
    const left = await molam(['jobs', 'list']);
    expect(left.stderr).toContain('No dead jobs.');
  });

  it('asks which jobs rather than guessing', async () => {
    for (const args of [
      ['jobs', 'retry'],
      ['jobs', 'retry', 'abc'],
      ['jobs', 'retry', '7', '--all'],
    ]) {
      const refused = await molam(args);
      expect(refused.code).toBe(2);
    }
  });
});
