export { defaultMigrationsDir, readMigrationFiles } from './files.js';
export { type MigrationState, migrateDown, migrateUp, migrationStatus } from './runner.js';
