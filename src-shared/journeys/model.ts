import { z } from 'zod';
import { riskTierSchema, segmentSchema } from '../playbooks/model.ts';

export const stepStates = [
  'blocked',
  'ready',
  'in_progress',
  'done',
  'skipped',
  'rejected',
  'cancelled',
] as const;
export const stepStateSchema = z.enum(stepStates);
export type StepState = z.infer<typeof stepStateSchema>;

export const journeyStatuses = [
  'active',
  'completed',
  'cancelled',
  'paused',
] as const;
export const journeyStatusSchema = z.enum(journeyStatuses);
export type JourneyStatus = z.infer<typeof journeyStatusSchema>;

/** The person who acts; every command records one. */
export const actorSchema = z.object({
  name: z.string().min(1),
  email: z.string().optional(),
  /** Roles the person holds, used to route approval votes. */
  roles: z.array(z.string()).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const voteSchema = z.object({
  by: z.string(),
  role: z.string().optional(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().optional(),
  at: z.string(),
});
export type Vote = z.infer<typeof voteSchema>;

export const documentRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  hash: z.string(),
  version: z.number().int().positive(),
});
export type DocumentRef = z.infer<typeof documentRefSchema>;

/** One activation of a node: a node reached again gets a new run. */
export const stepRunSchema = z.object({
  id: z.string(),
  key: z.string(),
  state: stepStateSchema,
  /** 1 for the first activation of the node, 2 for the next, and so on. */
  attempt: z.number().int().positive(),
  role: z.string().optional(),
  assignee: z.string().optional(),
  readyAt: z.string().optional(),
  dueAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** Id of the run whose completion activated this one. */
  cameFrom: z.string().optional(),
  data: z.unknown().optional(),
  files: z.record(z.string(), documentRefSchema).optional(),
  votes: z.array(voteSchema).optional(),
  comment: z.string().optional(),
  reason: z.string().optional(),
  by: z.string().optional(),
});
export type StepRun = z.infer<typeof stepRunSchema>;

export const incidentSchema = z.object({
  id: z.string(),
  nodeKey: z.string(),
  message: z.string(),
  openedAt: z.string(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  edgeKey: z.string().optional(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const journeyStateSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  playbookId: z.string(),
  playbookVersion: z.number().int().positive(),
  segment: segmentSchema,
  riskTier: riskTierSchema,
  status: journeyStatusSchema,
  /** Variables that conditions read: attributes, answers, segment, risk tier. */
  vars: z.record(z.string(), z.unknown()),
  runs: z.array(stepRunSchema),
  incidents: z.array(incidentSchema),
  /** Join bookkeeping: per join node, the incoming edge keys already settled. */
  arrivals: z.record(
    z.string(),
    z.record(z.string(), z.enum(['live', 'dead'])),
  ),
  /** Open timers: waits, deadlines and reminders, mirrored in storage. */
  timers: z.array(
    z.object({
      id: z.string(),
      runId: z.string(),
      kind: z.enum(['wait', 'deadline', 'reminder']),
      fireAt: z.string(),
      /** Reminders still to send after this one, when limited. */
      remaining: z.number().int().nonnegative().optional(),
    }),
  ),
  /**
   * Nodes whose finished runs came over in a migration and lie after a
   * step that is still open: the flow passes through them once instead of
   * running them again.
   */
  carried: z.array(z.string()).optional(),
  /**
   * Carried nodes that finished a new run after the migration and so sent
   * the flow on already. The next arrival at one of them ends there.
   */
  forwarded: z.array(z.string()).optional(),
  /** Board stage from the last milestone reached. */
  stage: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type JourneyState = z.infer<typeof journeyStateSchema>;

const stepCommand = { key: z.string().min(1) };

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submit'), ...stepCommand, data: z.unknown() }),
  z.object({
    type: z.literal('upload'),
    ...stepCommand,
    slot: z.string().optional(),
    document: documentRefSchema,
  }),
  z.object({
    type: z.literal('approve'),
    ...stepCommand,
    comment: z.string().optional(),
  }),
  z.object({
    type: z.literal('reject'),
    ...stepCommand,
    comment: z.string().optional(),
  }),
  z.object({
    type: z.literal('complete'),
    ...stepCommand,
    comment: z.string().optional(),
  }),
  z.object({
    type: z.literal('skip'),
    ...stepCommand,
    reason: z.string().min(1),
  }),
  z.object({
    type: z.literal('reopen'),
    ...stepCommand,
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('reassign'),
    ...stepCommand,
    assignee: z.string().min(1),
  }),
  z.object({
    type: z.literal('setVars'),
    vars: z.record(z.string(), z.unknown()),
  }),
  /** Records a new risk tier after the client was reclassified. */
  z.object({ type: z.literal('setRiskTier'), riskTier: riskTierSchema }),
  z.object({
    type: z.literal('resolve'),
    branchKey: z.string().min(1),
    edgeKey: z.string().min(1),
  }),
  z.object({ type: z.literal('pause'), reason: z.string().optional() }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('cancel'), reason: z.string().min(1) }),
  z.object({ type: z.literal('fireTimer'), timerId: z.string().min(1) }),
]);
export type Command = z.infer<typeof commandSchema>;

export type JourneyEvent = {
  type: string;
  at: string;
  by: string;
  stepKey?: string;
  runId?: string;
  data?: Record<string, unknown>;
};

export type TimerKind = 'wait' | 'deadline' | 'reminder';

export type Effect =
  | {
      type: 'scheduleTimer';
      timerId: string;
      runId: string;
      kind: TimerKind;
      fireAt: string;
    }
  | { type: 'cancelTimers'; runId: string }
  | {
      type: 'notify';
      topic: string;
      stepKey?: string;
      role?: string;
      assignee?: string;
      message: string;
    };

export type EngineContext = {
  /** ISO timestamp of the command; the engine reads no clock of its own. */
  now: string;
  /** Source of new ids; the engine makes no randomness of its own. */
  newId: () => string;
  actor: Actor;
};

export type EngineResult = {
  state: JourneyState;
  events: JourneyEvent[];
  effects: Effect[];
};
