import type { Segment } from '../../src-shared/playbooks/model.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { currentActor } from '../workspace/workspace.ts';
import { addClient } from '../clients/service.ts';
import { advanceJourney } from './drive.ts';

const companyWords = [
  'Northwind',
  'Bluebird',
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Oscorp',
  'Wonka',
  'Gringotts',
  'Aperture',
  'Massive',
  'Dunder',
  'Pied Piper',
];
const suffixes = ['Labs', 'Foods', 'Logistics', 'Health', 'Bank', 'Retail'];

/** Returns a deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleAttributes(index: number, next: () => number) {
  const kind = index % 3;
  const pick = <T>(values: T[]): T =>
    values[Math.floor(next() * values.length)]!;
  if (kind === 0) {
    return {
      employees: 5 + Math.floor(next() * 40),
      annualContractValue: 2000 + Math.floor(next() * 15000),
      stakeholders: 1 + Math.floor(next() * 2),
      integrations: [],
      compliance: [],
      risk: pick(['low', 'low', 'medium']),
    };
  }
  if (kind === 1) {
    return {
      employees: 150 + Math.floor(next() * 600),
      annualContractValue: 60000 + Math.floor(next() * 150000),
      stakeholders: 4 + Math.floor(next() * 3),
      integrations: pick([['crm'], ['sso', 'crm'], ['erp']]),
      compliance: pick([[], ['GDPR'], ['SOC2']]),
      risk: pick(['low', 'medium']),
    };
  }
  return {
    employees: 2000 + Math.floor(next() * 20000),
    annualContractValue: 300000 + Math.floor(next() * 900000),
    stakeholders: 8 + Math.floor(next() * 10),
    integrations: ['sso', 'crm', 'erp'],
    compliance: pick([['SOC2'], ['SOC2', 'GDPR'], ['HIPAA']]),
    risk: pick(['medium', 'high']),
  };
}

/** Seed of the sample generator; client `i` uses `sampleSeed + i`. */
const sampleSeed = 20261204;

export type SampleOptions = {
  /**
   * Index of the first sample client to create. Each client depends only
   * on its index, so loading 30 clients in chunks of 5 (first 0, 5, 10…)
   * gives the same workspace as loading them at once.
   */
  first?: number;
  onProgress?: (done: number, total: number) => void;
};

function sampleName(index: number): string {
  const word = companyWords[index % companyWords.length];
  const suffix =
    suffixes[Math.floor(index / companyWords.length) % suffixes.length];
  const repeat = index >= companyWords.length * suffixes.length;
  return `${word} ${suffix}${repeat ? ` ${index}` : ''}`;
}

/**
 * Maximum number of actions a sample journey is advanced by, per segment: about one
 * more than its playbook's longest path, so that every board column gets
 * cards and some journeys finish.
 */
const sampleActions: Record<Segment, number> = {
  smb: 10,
  'mid-market': 15,
  enterprise: 26,
};

/**
 * Fills a workspace with `count` clients across the segments, each journey
 * advanced by a different number of steps so the board shows every stage.
 */
export async function createSampleWorkspace(
  ws: Workspace,
  count = 30,
  options: SampleOptions = {},
): Promise<{ clients: number; journeys: number }> {
  const first = options.first ?? 0;
  const actor = currentActor(ws);
  let journeys = 0;
  for (let offset = 0; offset < count; offset += 1) {
    const index = first + offset;
    const next = random(sampleSeed + index);
    const added = addClient(
      ws,
      {
        name: sampleName(index),
        contacts: [
          {
            name: 'Alex Morgan',
            email: `alex.${index}@example.com`,
            role: 'sponsor',
          },
        ],
        attributes: sampleAttributes(index, next),
      },
      {},
      actor,
    );
    if (added.journeyId) {
      journeys += 1;
      // Segments alternate by index, so the ten clients of a segment in
      // each run of 30 take every tenth of the way once.
      const share = ((index % 10) + next()) / 10;
      const steps = Math.floor(share * sampleActions[added.segment]);
      for (let step = 0; step < steps; step += 1) {
        if (!(await advanceJourney(ws, added.journeyId))) break;
      }
    }
    options.onProgress?.(offset + 1, count);
  }
  ws.log.info({ clients: count, first, journeys }, 'sample clients created');
  return { clients: count, journeys };
}
