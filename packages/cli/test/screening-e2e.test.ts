import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/fake-io.js';
import { assertBuilt, runBin } from './helpers/run-bin.js';

// `molam screening import` reads OFAC's SDN.CSV exactly as published (no header, quoted fields, `-0-` for
// empty ones, CRLF, a trailing end-of-file character) into the database; `check` screens names by the rule.
const SAMPLE = fileURLToPath(new URL('./fixtures/sdn-sample.csv', import.meta.url));

let dir: Awaited<ReturnType<typeof tempDir>>;
let dataDir: string;
const molam = (args: string[]) => runBin([...args, '--data-dir', dataDir], { env: {} });

beforeAll(async () => {
  assertBuilt();
  dir = await tempDir();
  dataDir = join(dir.path, 'data');
  expect((await molam(['migrate', 'up'])).code).toBe(0);
});
afterAll(() => dir?.cleanup());

describe('molam screening', () => {
  it('imports the SDN list, skipping what is not a record, and screens names by their words', async () => {
    const imported = await molam(['screening', 'import', SAMPLE, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ source: 'ofac-sdn', imported: 3, skipped: [4] });

    const hit = await molam(['screening', 'check', 'Ahmad Ben QUARRY', '--json']);
    expect(hit.code).toBe(1);
    expect(JSON.parse(hit.stdout).matches).toEqual([
      { source: 'ofac-sdn', entry_id: '102', name: 'QUARRY, Ahmad Ben', programs: 'SDGT] [IFSR' },
    ]);
    expect(JSON.parse(hit.stderr).error.code).toBe('sanctions_match');
    expect((await molam(['screening', 'check', 'Northwind Trading Co'])).code).toBe(1);
    expect((await molam(['screening', 'check', 'MV Sea Lark'])).code).toBe(1);
    const miss = await molam(['screening', 'check', 'Ahmad Quarry']);
    expect(miss.code).toBe(0);
    expect(miss.stderr).toContain('No match');
  });

  it('replaces the whole list on the next import', async () => {
    const smaller = join(dir.path, 'sdn-next.csv');
    writeFileSync(
      smaller,
      '101,"NORTHWIND TRADING CO.",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
    );
    expect((await molam(['screening', 'import', smaller])).code).toBe(0);
    expect((await molam(['screening', 'check', 'Ahmad Ben Quarry'])).code).toBe(0);
    expect((await molam(['screening', 'check', 'northwind trading co'])).code).toBe(1);
  });

  it('refuses a file that holds no SDN record, changing nothing', async () => {
    const wrong = join(dir.path, 'not-sdn.csv');
    writeFileSync(wrong, 'name,amount\nrice,12\n');
    const refused = await molam(['screening', 'import', wrong, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error.code).toBe('invalid_file');
    expect((await molam(['screening', 'check', 'northwind trading co'])).code).toBe(1);
  });
});
