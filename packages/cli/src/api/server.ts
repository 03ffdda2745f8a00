/** The part of `@molam/server` the CLI uses, loaded only by the commands that need a database. */
export type ServerModule = Pick<
  typeof import('@molam/server'),
  | 'startServer'
  | 'runServerUntilSignal'
  | 'openDatabase'
  | 'migrateUp'
  | 'migrateDown'
  | 'migrationStatus'
  | 'createAdminKey'
  | 'parseSdnRows'
  | 'replaceSanctionsList'
  | 'screenName'
  | 'listDeadJobs'
  | 'redriveDeadJobs'
  | 'outboxStatus'
  | 'replayOutbox'
  | 'checkKafka'
>;

export type StartOptions = NonNullable<Parameters<ServerModule['startServer']>[0]>;
export type RunningServer = Awaited<ReturnType<ServerModule['startServer']>>;
export type Database = Awaited<ReturnType<ServerModule['openDatabase']>>;
export type MigrationState = Awaited<ReturnType<ServerModule['migrationStatus']>>[number];

export function loadServerModule(): Promise<ServerModule> {
  return import('@molam/server');
}
