// The desktop UI in headless Chromium through the headless host: cold start
// to a rendered board of 10,000 clients, frame times while that board
// scrolls, and frame times while a 500-node playbook is panned on the canvas.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
// @ts-expect-error: scripts/ is plain JavaScript without type declarations.
import { ensureRendererBuilt } from '../scripts/renderer-build.js';
import { openWorkspace } from '../src-main/workspace/workspace.ts';
import {
  launchChromium,
  startHostProcess,
  stopHostProcess,
} from '../test/helpers/host-process.ts';
import { seedLargeBoard } from './board.ts';
import {
  boardRendered,
  emptyPanePoint,
  scrollEachFrame,
  startFrames,
  stopFrames,
} from './page-frames.ts';
import { largePlaybook } from './playbook.ts';
import {
  atMost,
  percentile,
  round,
  tempDataDir,
  type BenchResult,
} from './result.ts';

const root = path.resolve(import.meta.dirname, '..');
const clientTotal = 10_000;
const playbookSize = 500;
const playbookName = 'Large benchmark playbook';
/** Measured runs, each a cold start, a board scroll and a canvas pan. */
const runs = 5;
const viewport = { width: 1440, height: 900 };
/** Board scroll: frames driven, and pixels scrolled in each. */
const scrollFrames = 300;
const scrollStep = 80;
/** Canvas pan: drags, mouse moves per drag, and pixels per move. */
const panDrags = 4;
const panMoves = 60;
const panStep = 10;
/** Time between two mouse moves of a pan, about one frame at 60 Hz. */
const panMoveMillis = 16;

/** One measured run; start-up times count from spawning the host. */
type Run = {
  /** Until the host printed its address. */
  addressMillis: number;
  /** Until the page's load event. */
  loadMillis: number;
  /** Until the board was rendered. */
  startMillis: number;
  scroll: number[];
  pan: number[];
};

type Start = Pick<Run, 'addressMillis' | 'loadMillis' | 'startMillis'>;

/**
 * Opens a page in a fresh context. tsx compiles this file with esbuild's
 * keepNames, which wraps named functions in calls to `__name`. The page
 * gets a stand-in, so that the functions sent to `evaluate` run there.
 */
async function newBenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport });
  await context.addInitScript('globalThis.__name = (target) => target;');
  return context.newPage();
}

/** Seeds the board and publishes the large playbook with the CLI. */
async function prepareDataDir(): Promise<string> {
  const dataDir = tempDataDir('browser');
  const ws = openWorkspace(dataDir, { log: false });
  try {
    await seedLargeBoard(ws, clientTotal);
  } finally {
    ws.close();
  }
  const file = path.join(dataDir, 'large-playbook.json');
  writeFileSync(file, JSON.stringify(largePlaybook(playbookSize)));
  const embark = path.join(root, 'bin', 'embark.js');
  const cli = spawnSync(
    process.execPath,
    [embark, '--data', dataDir, 'playbook', 'import', file],
    { cwd: root, encoding: 'utf8' },
  );
  if (cli.status !== 0) {
    throw new Error(`Importing the large playbook failed:\n${cli.stderr}`);
  }
  return dataDir;
}

/** Returns the board's idle frame intervals: the browser's own cadence. */
async function idleFrames(page: Page): Promise<number[]> {
  await page.evaluate(startFrames);
  await page.waitForTimeout(2000);
  return page.evaluate(stopFrames);
}

/** Starts the host and loads the board in `page`, timing each phase. */
async function coldStart(
  page: Page,
  dataDir: string,
): Promise<{ child: ChildProcess; start: Start }> {
  const started = performance.now();
  const since = () => performance.now() - started;
  const { child, host } = await startHostProcess(dataDir);
  const addressMillis = since();
  await page.goto(host.url);
  const loadMillis = since();
  await page.waitForFunction(boardRendered, `${clientTotal} clients`, {
    polling: 'raf',
    timeout: 60_000,
  });
  return { child, start: { addressMillis, loadMillis, startMillis: since() } };
}

async function scrollBoard(page: Page): Promise<number[]> {
  return page.evaluate(scrollEachFrame, {
    selector: 'section.lane .cell-scroll',
    frames: scrollFrames,
    step: scrollStep,
  });
}

async function openPlaybook(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Playbooks' }).first().click();
  await page
    .getByLabel('Playbook', { exact: true })
    .selectOption({ label: `${playbookName} (version 1)` });
  await page.getByTestId('rf__node-start').waitFor({ state: 'visible' });
  // Opening fits the view once every node is measured; let that settle.
  await page.waitForTimeout(1000);
}

/** Drags the empty pane leftwards, moving through the playbook. */
async function panCanvas(page: Page): Promise<number[]> {
  await page.evaluate(startFrames);
  for (let drag = 0; drag < panDrags; drag += 1) {
    const point = await page.evaluate(emptyPanePoint);
    if (!point) throw new Error('the canvas has no empty spot to drag');
    await page.mouse.move(point.x, point.y);
    await page.mouse.down();
    for (let move = 1; move <= panMoves; move += 1) {
      const moved = performance.now();
      await page.mouse.move(point.x - move * panStep, point.y);
      const left = panMoveMillis - (performance.now() - moved);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
    await page.mouse.up();
  }
  return page.evaluate(stopFrames);
}

async function measureRun(browser: Browser, dataDir: string): Promise<Run> {
  const page = await newBenchPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let child: ChildProcess | undefined;
  try {
    const cold = await coldStart(page, dataDir);
    child = cold.child;
    await page.waitForTimeout(500);
    const scroll = await scrollBoard(page);
    await openPlaybook(page);
    const pan = await panCanvas(page);
    if (errors.length > 0) {
      throw new Error(`The page reported errors:\n${errors.join('\n')}`);
    }
    return { ...cold.start, scroll, pan };
  } finally {
    await page.context().close();
    if (child) await stopHostProcess(child);
  }
}

function median(values: number[]): number {
  return percentile(values, 50);
}

export async function benchBrowser(): Promise<BenchResult[]> {
  (ensureRendererBuilt as () => void)();
  const dataDir = await prepareDataDir();
  const browser = await launchChromium();
  try {
    const idlePage = await newBenchPage(browser);
    await idlePage.setContent('<p>idle</p>');
    const idle = await idleFrames(idlePage);
    await idlePage.context().close();
    // One unmeasured run first, so that every measured start finds the
    // host's sources, the renderer bundle and the database in the file
    // cache, as on a machine where the app was used before.
    await measureRun(browser, dataDir);
    const measured: Run[] = [];
    for (let run = 0; run < runs; run += 1) {
      measured.push(await measureRun(browser, dataDir));
    }
    return summarize(idle, measured);
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function summarize(idle: number[], measured: Run[]): BenchResult[] {
  const starts = measured.map((run) => run.startMillis);
  const reference = (name: string, value: number, unit: string) => ({
    name,
    value: round(value),
    unit,
    budget: 'reference',
    pass: true,
  });
  return [
    reference('idle page frame interval (p95)', percentile(idle, 95), 'ms'),
    reference('load average over the last minute', os.loadavg()[0]!, ''),
    atMost(
      `cold start to a rendered board of ${clientTotal} clients (median of ${runs})`,
      round(median(starts), 0),
      'ms',
      2000,
    ),
    reference('slowest cold start', Math.max(...starts), 'ms'),
    reference(
      'host printed its address (median)',
      median(measured.map((run) => run.addressMillis)),
      'ms',
    ),
    reference(
      'page loaded (median)',
      median(measured.map((run) => run.loadMillis)),
      'ms',
    ),
    atMost(
      `board scroll frame time, ${clientTotal} clients (p95)`,
      round(
        percentile(
          measured.flatMap((run) => run.scroll),
          95,
        ),
      ),
      'ms',
      25,
    ),
    atMost(
      `canvas pan frame time, ${playbookSize}-node playbook (p95)`,
      round(
        percentile(
          measured.flatMap((run) => run.pan),
          95,
        ),
      ),
      'ms',
      33,
    ),
  ];
}
