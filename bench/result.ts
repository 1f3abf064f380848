import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One benchmark figure with its budget, as written to results.json. */
export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  /** The budget as text, such as ">= 2000" or "<= 100". */
  budget: string;
  pass: boolean;
};

export function atLeast(
  name: string,
  value: number,
  unit: string,
  minimum: number,
): BenchResult {
  return { name, value, unit, budget: `>= ${minimum}`, pass: value >= minimum };
}

export function atMost(
  name: string,
  value: number,
  unit: string,
  maximum: number,
): BenchResult {
  return { name, value, unit, budget: `<= ${maximum}`, pass: value <= maximum };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Makes an empty data folder under the system's temporary folder. */
export function tempDataDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `embark-bench-${name}-`));
}
