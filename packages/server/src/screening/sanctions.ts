import type { Database, Queryable } from '../platform/db/index.js';

/**
 * Name matching, one documented rule: a name is reduced to its key by decomposing accents away (NFKD),
 * upper-casing, turning every run of characters other than letters and digits into one space, and sorting the
 * words. Two names match when their keys are equal, so "Ahmad Abdul Rahman", "ABDUL RAHMAN, Ahmad" and
 * "Ahmad ABDUL-RAHMAN" are one name, while a missing or extra word is not a match (no fuzzy scoring: a
 * screening hit must be explainable).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

export interface SanctionsEntry {
  entryId: string;
  name: string;
  entityType: string | null;
  programs: string | null;
}

export interface ParsedList {
  entries: SanctionsEntry[];
  /** 1-based line numbers of rows that are not SDN records. */
  skipped: number[];
}

/** The character OFAC's files end with. */
const END_OF_FILE = String.fromCharCode(0x1a);

/** OFAC writes `-0-` for an empty field. */
const value = (field: string | undefined): string | null => {
  const trimmed = field?.trim() ?? '';
  return trimmed === '' || trimmed === '-0-' ? null : trimmed;
};

/**
 * Rows of OFAC's SDN.CSV (no header; ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
 * Tonnage, GRT, Vess_flag, Vess_owner, Remarks), already split into fields by a CSV reader. The file's last
 * line is a lone end-of-file character (0x1A), which is not a record.
 */
export function parseSdnRows(rows: readonly (readonly string[])[]): ParsedList {
  const entries: SanctionsEntry[] = [];
  const skipped: number[] = [];
  rows.forEach((row, index) => {
    if (row.length === 1 && (row[0] ?? '').replaceAll(END_OF_FILE, '').trim() === '') return;
    const id = value(row[0]);
    const name = value(row[1]);
    if (row.length < 4 || id === null || !/^\d+$/.test(id) || name === null || nameKey(name) === '') {
      skipped.push(index + 1);
      return;
    }
    entries.push({ entryId: id, name, entityType: value(row[2]), programs: value(row[3]) });
  });
  return { entries, skipped };
}

/** Replaces a source's whole list in one transaction: a screening never sees half an import. */
export async function replaceSanctionsList(
  db: Database,
  source: string,
  entries: readonly SanctionsEntry[],
): Promise<{ imported: number }> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM sanctions_entries WHERE source = $1', [source]);
    for (let start = 0; start < entries.length; start += 1000) {
      const chunk = entries.slice(start, start + 1000);
      await tx.query(
        `INSERT INTO sanctions_entries (source, entry_id, name, name_key, entity_type, programs)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         ON CONFLICT (source, entry_id) DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key,
           entity_type = EXCLUDED.entity_type, programs = EXCLUDED.programs`,
        [
          source,
          chunk.map((entry) => entry.entryId),
          chunk.map((entry) => entry.name),
          chunk.map((entry) => nameKey(entry.name)),
          chunk.map((entry) => entry.entityType),
          chunk.map((entry) => entry.programs),
        ],
      );
    }
  });
  return { imported: entries.length };
}

export interface SanctionsMatch {
  source: string;
  entry_id: string;
  name: string;
  programs: string | null;
}

/** The entries whose name is the given name under the rule above. */
export const screenName = (db: Queryable, name: string): Promise<SanctionsMatch[]> => screenNames(db, [name]);

/** Every name's matches, name after name, in one query (a transfer screens both of its parties at once). */
export async function screenNames(db: Queryable, names: readonly string[]): Promise<SanctionsMatch[]> {
  const keys = names.map(nameKey).filter((key) => key !== '');
  if (keys.length === 0) return [];
  const { rows } = await db.query<SanctionsMatch>(
    `SELECT s.source, s.entry_id, s.name, s.programs
       FROM unnest($1::text[]) WITH ORDINALITY AS screened (name_key, position)
       JOIN sanctions_entries s ON s.name_key = screened.name_key
      ORDER BY screened.position, s.source, s.entry_id`,
    [keys],
  );
  return rows;
}
