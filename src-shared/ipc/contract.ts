import { z } from 'zod';
import { clientInputSchema } from '../clients/model.ts';
import { errorCodes } from '../errors.ts';
import { journeyStateSchema } from '../journeys/model.ts';
import {
  playbookDefinitionSchema,
  playbookSchema,
  riskTierSchema,
  segmentSchema,
} from '../playbooks/model.ts';
import { segmentRulesSchema } from '../segments/table.ts';

/**
 * The calls the renderer makes to the back end, defined once. Each channel
 * is named `area:verb` and has a schema for its arguments, checked by the
 * back end, and for its result, checked by the renderer. The Electron
 * preload and the headless host's WebSocket expose exactly these.
 */

const id = z.string().min(1);
const empty = z.object({}).strict();

export const identitySchema = z.object({
  name: z.string().trim().min(1),
  email: z.string().trim().email().optional(),
  roles: z.array(z.string().min(1)).optional(),
});

export const boardQuerySchema = z.object({
  segment: segmentSchema.optional(),
  stage: z.string().optional(),
  riskTier: riskTierSchema.optional(),
  owner: z.string().optional(),
  hasIncident: z.boolean().optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(['updated', 'name', 'progress', 'due']).optional(),
  /** Cards to return; the board asks for every card it may show. */
  limit: z.number().int().min(1).max(100_000).optional(),
});

export const boardCardSchema = z.object({
  journeyId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  owner: z.string().nullable(),
  segment: segmentSchema,
  riskTier: riskTierSchema,
  stage: z.string(),
  status: z.string(),
  progress: z.number(),
  nextStep: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  hasIncident: z.boolean(),
  startedAt: z.string(),
});
export type BoardCard = z.infer<typeof boardCardSchema>;

export const boardSchema = z.object({
  stages: z.array(z.string()),
  counts: z.array(
    z.object({ segment: z.string(), stage: z.string(), count: z.number() }),
  ),
  cards: z.array(boardCardSchema),
  total: z.number(),
});
export type Board = z.infer<typeof boardSchema>;

const stepViewSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    kind: z.string(),
    state: z.string(),
    attempt: z.number(),
    role: z.string().optional(),
    assignee: z.string().optional(),
    dueAt: z.string().optional(),
    runId: z.string().optional(),
    help: z.string().optional(),
    form: z.record(z.string(), z.unknown()).optional(),
    review: z.boolean().optional(),
    milestone: z.string().optional(),
  })
  .passthrough();

export const journeyViewSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  playbookId: z.string(),
  playbookVersion: z.number(),
  segment: segmentSchema,
  riskTier: riskTierSchema,
  status: journeyStateSchema.shape.status,
  stage: z.string(),
  progress: z.number(),
  incidents: journeyStateSchema.shape.incidents,
  vars: z.record(z.string(), z.unknown()),
  steps: z.array(stepViewSchema),
});
export type JourneyViewData = z.infer<typeof journeyViewSchema>;

export const timelineEntrySchema = z.object({
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  by: z.string(),
  stepKey: z.string().nullable(),
  data: z.unknown(),
});

export const documentSchema = z.object({
  id: z.string(),
  stepKey: z.string().nullable(),
  slot: z.string().nullable(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  version: z.number(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const clientSchema = z.object({
  id: z.string(),
  name: z.string(),
  contacts: clientInputSchema.shape.contacts,
  attributes: z.record(z.string(), z.unknown()),
  owner: z.string().nullable(),
  notes: z.string(),
  segment: segmentSchema,
  riskTier: riskTierSchema,
  segmentOverride: z.unknown().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const classificationSchema = z.object({
  segment: segmentSchema,
  riskTier: riskTierSchema,
  segmentRule: z.number(),
  riskRule: z.number(),
});

const migrationSchema = z.object({
  journeyId: z.string(),
  from: z.object({
    playbookId: z.string(),
    version: z.number(),
    segment: segmentSchema,
  }),
  to: z.object({
    playbookId: z.string(),
    version: z.number(),
    segment: segmentSchema,
  }),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  kept: z.array(z.string()),
  applied: z.boolean(),
});

const issueSchema = z.object({
  nodeKey: z.string().optional(),
  edgeKey: z.string().optional(),
  message: z.string(),
});

const playbookSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  segment: segmentSchema.nullable(),
  version: z.number(),
});

/** File content crossing the boundary, base64-encoded. */
const fileSchema = z.object({
  name: z.string().min(1).max(255),
  base64: z.string(),
});

const stepActionSchema = z.enum([
  'submit',
  'upload',
  'approve',
  'reject',
  'complete',
  'skip',
  'reopen',
  'reassign',
]);

const classificationOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    segment: segmentSchema,
    riskTier: riskTierSchema,
    segmentRule: z.number(),
    riskRule: z.number(),
    /** Descriptions of the rules that matched, empty when they have none. */
    segmentReason: z.string(),
    riskReason: z.string(),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ClassificationOutcome = z.infer<typeof classificationOutcomeSchema>;

export const rulesPreviewSchema = z.object({
  /** The reason the draft rules are invalid, with the cell at fault, or null. */
  error: z
    .object({
      code: z.enum(errorCodes),
      message: z.string(),
      table: z.enum(['segment', 'risk']).optional(),
      rule: z.number().optional(),
      input: z.number().optional(),
    })
    .nullable(),
  samples: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** `example` for the built-in clients, `workspace` for real ones. */
      source: z.enum(['example', 'workspace']),
      attributes: z.record(z.string(), z.unknown()),
      saved: classificationOutcomeSchema,
      /** Null when the draft rules are invalid. */
      draft: classificationOutcomeSchema.nullable(),
    }),
  ),
});
export type RulesPreview = z.infer<typeof rulesPreviewSchema>;

export const stageUsageSchema = z.object({
  /** Milestones of the latest version of each playbook that name a stage. */
  milestones: z.array(
    z.object({
      stage: z.string(),
      playbookId: z.string(),
      playbookName: z.string(),
      nodeKey: z.string(),
      nodeName: z.string(),
    }),
  ),
  /** Journeys whose card sits in each stage. */
  journeys: z.array(z.object({ stage: z.string(), count: z.number() })),
});
export type StageUsage = z.infer<typeof stageUsageSchema>;

function call<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const contract = {
  'workspace:info': call(
    empty,
    z.object({
      dataDir: z.string(),
      identity: identitySchema,
      clients: z.number(),
      journeys: z.number(),
      /**
       * True while the workspace never had a client and no user has chosen
       * how to begin; the app then shows its first-run screen.
       */
      firstRun: z.boolean(),
    }),
  ),
  'workspace:loadSample': call(
    z.object({
      clients: z.number().int().min(1).max(20_000),
      /** Index of the first sample client, to load the sample in chunks. */
      first: z.number().int().min(0).max(20_000).optional(),
    }),
    z.object({ clients: z.number(), journeys: z.number() }),
  ),
  'workspace:chooseStart': call(
    z.object({ choice: z.enum(['sample', 'empty']) }),
    z.object({ choice: z.enum(['sample', 'empty']) }),
  ),
  'workspace:backup': call(
    z.object({ file: z.string().min(1), overwrite: z.boolean().optional() }),
    z.object({ file: z.string(), documents: z.number(), bytes: z.number() }),
  ),
  'workspace:checkBackup': call(
    z.object({ file: z.string().min(1) }),
    z.object({
      file: z.string(),
      /** When the file was last written, as an ISO 8601 instant. */
      writtenAt: z.string(),
      clients: z.number(),
      journeys: z.number(),
      documents: z.number(),
    }),
  ),
  'workspace:restore': call(
    z.object({ file: z.string().min(1) }),
    z.object({
      file: z.string(),
      documents: z.number(),
      /** Copy of the database as it was before the restore. */
      previousDatabase: z.string(),
      clients: z.number(),
      journeys: z.number(),
    }),
  ),
  'board:get': call(boardQuerySchema, boardSchema),
  'clients:classify': call(
    z.object({ attributes: z.record(z.string(), z.unknown()) }),
    classificationSchema,
  ),
  'clients:add': call(
    clientInputSchema.extend({
      segment: segmentSchema.optional(),
      reason: z.string().optional(),
      playbookId: z.string().optional(),
    }),
    z.object({
      clientId: z.string(),
      segment: segmentSchema,
      riskTier: riskTierSchema,
      journeyId: z.string().nullable(),
    }),
  ),
  'clients:get': call(z.object({ id }), clientSchema),
  'clients:update': call(
    z.object({
      id,
      name: z.string().optional(),
      contacts: clientInputSchema.shape.contacts.optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
      owner: z.string().optional(),
      notes: z.string().optional(),
      reclassify: z.boolean().optional(),
    }),
    z.object({
      client: clientSchema,
      classification: z.object({
        segment: segmentSchema,
        riskTier: riskTierSchema,
      }),
      reclassificationOffered: z.boolean(),
      reclassified: z.boolean(),
      migrateHint: z.string().optional(),
    }),
  ),
  'clients:archive': call(z.object({ id }), clientSchema),
  'clients:importCsv': call(
    z.object({ text: z.string(), skipInvalid: z.boolean().optional() }),
    z.object({
      added: z.array(
        z.object({ line: z.number(), clientId: z.string() }).passthrough(),
      ),
      errors: z.array(z.object({ line: z.number(), message: z.string() })),
    }),
  ),
  'journeys:get': call(z.object({ id }), journeyViewSchema),
  'journeys:act': call(
    z.object({
      id,
      stepKey: id,
      action: stepActionSchema,
      data: z.unknown().optional(),
      file: fileSchema.optional(),
      slot: z.string().optional(),
      comment: z.string().optional(),
      assignee: z.string().optional(),
    }),
    journeyViewSchema,
  ),
  'journeys:timeline': call(z.object({ id }), z.array(timelineEntrySchema)),
  'journeys:documents': call(z.object({ id }), z.array(documentSchema)),
  'journeys:resolve': call(
    z.object({ id, branchKey: id, edgeKey: id }),
    journeyViewSchema,
  ),
  'journeys:setStatus': call(
    z.object({
      id,
      status: z.enum(['pause', 'resume', 'cancel']),
      reason: z.string().optional(),
    }),
    journeyViewSchema,
  ),
  'journeys:migrate': call(
    z.object({
      id,
      segment: segmentSchema.optional(),
      playbookId: z.string().optional(),
      version: z.number().int().positive().optional(),
      dryRun: z.boolean(),
      reason: z.string().optional(),
    }),
    migrationSchema,
  ),
  'documents:read': call(
    z.object({ id }),
    z.object({ name: z.string(), mime: z.string(), base64: z.string() }),
  ),
  'playbooks:list': call(empty, z.array(playbookSummarySchema)),
  'playbooks:get': call(
    z.object({ id, version: z.number().int().positive().optional() }),
    playbookSchema,
  ),
  'playbooks:validate': call(
    z.object({ definition: z.unknown() }),
    z.object({
      valid: z.boolean(),
      errors: z.array(issueSchema),
      warnings: z.array(issueSchema),
    }),
  ),
  'playbooks:publish': call(
    z.object({
      id: z.string().optional(),
      definition: playbookDefinitionSchema,
    }),
    z.object({ id: z.string(), version: z.number() }),
  ),
  'playbooks:importBpmn': call(
    fileSchema.extend({ processId: z.string().optional() }),
    z.object({
      definition: playbookDefinitionSchema,
      warnings: z.array(
        z.object({ elementId: z.string(), message: z.string() }),
      ),
    }),
  ),
  'playbooks:export': call(
    z.object({
      id,
      version: z.number().int().positive().optional(),
      format: z.enum(['bpmn', 'json']),
    }),
    z.object({ name: z.string(), text: z.string() }),
  ),
  'settings:get': call(
    empty,
    z.object({
      identity: identitySchema,
      segmentRules: segmentRulesSchema,
      stages: z.array(z.string()),
      dataDir: z.string(),
      maxDocumentBytes: z.number(),
    }),
  ),
  'settings:setIdentity': call(identitySchema, identitySchema),
  'settings:setSegmentRules': call(
    z.object({ rules: z.unknown() }),
    segmentRulesSchema,
  ),
  'settings:previewSegmentRules': call(
    z.object({ rules: z.unknown() }),
    rulesPreviewSchema,
  ),
  'settings:stageUsage': call(empty, stageUsageSchema),
  'settings:setStages': call(
    z.object({
      stages: z.array(z.string().trim().min(1)).min(1).max(20),
      /** Stages given a new name; the journeys in each move with it. */
      renames: z
        .array(z.object({ from: z.string(), to: z.string() }))
        .max(20)
        .optional(),
    }),
    z.array(z.string()),
  ),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** An error as it crosses the boundary: its code survives. */
export const ipcErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** The envelope of every reply: a result or an error. */
export type IpcReply<C extends Channel> =
  { ok: true; result: ResultOf<C> } | { ok: false; error: IpcError };
