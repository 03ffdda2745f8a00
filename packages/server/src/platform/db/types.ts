export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepares the statement under this name on each connection (PostgreSQL), so it is parsed and planned once per
   * connection rather than per call: for hot statements whose planning costs as much as running them. The name
   * must always stand for the same text. The embedded database ignores it.
   */
  prepare?: string;
}

/** Something SQL can be sent to: the database itself, or one open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * One query interface over a real PostgreSQL pool and the embedded PGlite, so that every store, migration
 * and test runs unchanged on both.
 */
export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Where the data lives, with any password masked: safe to print. */
  readonly description: string;
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  poolStats(): PoolStats;
  /**
   * Calls `onNotify` with the payload of each NOTIFY on `channel` (PostgreSQL LISTEN). Resolves with a function
   * that stops listening. Notifications are wake-up hints only: every consumer also polls.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
