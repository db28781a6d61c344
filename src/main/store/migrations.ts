// Versions of the two stored documents and the steps that bring an older file up to date.
export const SETTINGS_VERSION = 1;
export const TASKS_VERSION = 1;

export type StoredDocument = Record<string, unknown> & { version?: unknown };
/** migrations[n] turns a version-n document into a version n+1 one. */
export type Migrations = Record<number, (document: StoredDocument) => StoredDocument>;

// Version 0: early builds kept the values at the top level without a version field.
export const settingsMigrations: Migrations = {
  0: (document) => {
    const { version: _version, ...settings } = document;
    return { version: 1, settings };
  },
};

export const tasksMigrations: Migrations = {
  0: (document) => ({ version: 1, tasks: Array.isArray(document.tasks) ? document.tasks : [] }),
};

export type MigrationOutcome =
  | { kind: 'current'; document: StoredDocument }
  | { kind: 'migrated'; document: StoredDocument; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'broken'; reason: string };

export function migrateDocument(document: StoredDocument, current: number, migrations: Migrations): MigrationOutcome {
  const version = document.version === undefined ? 0 : document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { kind: 'broken', reason: 'its version field is not a whole number' };
  }
  if (version > current) return { kind: 'newer', version };
  let migrated = document;
  for (let step = version; step < current; step++) {
    const migrate = migrations[step];
    if (!migrate) return { kind: 'broken', reason: `there is no migration from version ${step}` };
    migrated = migrate(migrated);
  }
  return version === current ? { kind: 'current', document } : { kind: 'migrated', document: migrated, from: version };
}
