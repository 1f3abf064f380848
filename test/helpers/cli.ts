import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runCli } from '../../src-main/cli/main.ts';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the CLI in this process against a data folder. */
export async function embark(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data', dataDir, ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { ...process.env, ...env },
    cwd: repoRoot,
  });
  return { code, stdout, stderr };
}

/** Runs the CLI and parses its single JSON value, failing on a non-zero exit. */
export async function embarkJson<T = unknown>(
  dataDir: string,
  args: string[],
): Promise<T> {
  const result = await embark(dataDir, ['--json', ...args]);
  if (result.code !== 0) {
    throw new Error(`embark ${args.join(' ')} failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** Runs the real `embark` binary in a child process. */
export function spawnEmbark(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): CliResult {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bin/embark.js'), '--data', dataDir, ...args],
    { encoding: 'utf8', env: { ...process.env, ...env }, cwd: repoRoot },
  );
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** Makes a fresh data folder; the returned function removes it. */
export function tempDir(prefix = 'embark-test-'): {
  dir: string;
  remove: () => void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const corpus = process.env.EMBARK_CORPUS;

/**
 * Checks a failed run: a non-zero exit, nothing on stdout, and one stderr
 * line with the error code and the given text.
 */
export function expectFailure(
  result: CliResult,
  code: string,
  text: string,
): void {
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`[${code}]`);
  expect(lines[0]).toContain(text);
}
