/**
 * The headless host: runs Embark's services without Electron and serves
 * the desktop UI to a browser on 127.0.0.1. Prints the address to open,
 * with its per-launch token, and runs until SIGINT or SIGTERM.
 *
 * Usage: npm run web -- [--data DIR] [--port N]
 * `EMBARK_DATA` and `EMBARK_PORT` give the same settings.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServices } from '../api/service-host.ts';
import { createLogger, getLogger } from '../log.ts';
import { defaultDataDir, logFile } from '../workspace/paths.ts';
import { startHost } from './server.ts';

const usage =
  'usage: npm run web -- [--data DIR] [--port N]\n' +
  '  --data DIR  data folder (default: EMBARK_DATA, else the app data folder)\n' +
  '  --port N    TCP port on 127.0.0.1 (default: EMBARK_PORT, else a free one)\n';

/**
 * The built renderer: beside the bundled host in out/, or under out/ from
 * the sources.
 */
const rendererDir =
  [
    path.resolve(import.meta.dirname, '../renderer'),
    path.resolve(import.meta.dirname, '../../out/renderer'),
  ].find((dir) => existsSync(path.join(dir, 'index.html'))) ??
  path.resolve(import.meta.dirname, '../../out/renderer');

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    fail(`Invalid port "${value}": give a whole number from 0 to 65535.`);
  }
  return port;
}

function readOptions(): { dataDir: string; port: number } {
  let values: { data?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const dataDir = values.data ? path.resolve(values.data) : defaultDataDir();
  return { dataDir, port: parsePort(values.port ?? process.env.EMBARK_PORT) };
}

async function main(): Promise<void> {
  const { dataDir, port } = readOptions();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    fail(
      `The renderer is not built (${rendererDir} has no index.html); ` +
        'start the host with "npm run web", which builds it first.',
      1,
    );
  }
  createLogger({ file: logFile(dataDir) });
  const log = getLogger('host');
  const services = startServices(dataDir);
  const host = await startHost({ rendererDir, services, port });
  process.stdout.write(`Embark is running at ${host.url}\n`);
  log.info({ dataDir, port: host.port }, 'headless host started');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'headless host stopping');
    void host
      .close()
      .then(() => services.close())
      .then(() => {
        log.info('headless host stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  await main();
} catch (error) {
  getLogger('host').error({ err: error }, 'headless host failed to start');
  fail(`Embark could not start: ${(error as Error).message}`, 1);
}
