import os from 'node:os';
import path from 'node:path';

/**
 * Returns the operating system's application-data folder for Embark:
 * `%APPDATA%\Embark` on Windows, `~/Library/Application Support/Embark` on
 * macOS, and `$XDG_DATA_HOME/embark` (default `~/.local/share/embark`)
 * elsewhere. `EMBARK_DATA` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EMBARK_DATA) return path.resolve(env.EMBARK_DATA);
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(
      env.APPDATA ?? path.join(home, 'AppData', 'Roaming'),
      'Embark',
    );
  }
  if (process.platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', 'Embark');
  }
  const base = env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return path.join(base, 'embark');
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'embark.db');
}

/**
 * Returns the path of the copy of the database that a restore keeps, such
 * as `embark.db.before-restore-2025-03-01T09-30-00-000Z`: the UTC time of
 * the restore, with `:` and `.` replaced so that Windows accepts the name.
 */
export function previousDatabaseFile(dataDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${databaseFile(dataDir)}.before-restore-${stamp}`;
}

export function documentsDir(dataDir: string): string {
  return path.join(dataDir, 'documents');
}

export function logFile(dataDir: string): string {
  return path.join(dataDir, 'logs', 'embark.log');
}
