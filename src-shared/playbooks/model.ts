import { z } from 'zod';

export const segments = ['smb', 'mid-market', 'enterprise'] as const;
export const segmentSchema = z.enum(segments);
export type Segment = z.infer<typeof segmentSchema>;

export const riskTiers = ['low', 'medium', 'high'] as const;
export const riskTierSchema = z.enum(riskTiers);
export type RiskTier = z.infer<typeof riskTierSchema>;

export const nodeKinds = [
  'start',
  'end',
  'task',
  'form',
  'fileRequest',
  'approval',
  'milestone',
  'branch',
  'fork',
  'join',
  'wait',
] as const;
export const nodeKindSchema = z.enum(nodeKinds);
export type NodeKind = z.infer<typeof nodeKindSchema>;

/** ISO 8601 duration such as `P7D`, `PT12H` or `P1DT2H`. */
export const isoDurationSchema = z
  .string()
  .regex(
    /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
    'must be an ISO 8601 duration such as P7D or PT4H',
  );

export const formSpecSchema = z.object({
  /** JSON Schema of the answers; `$schema` selects the draft (default draft-07). */
  schema: z.record(z.string(), z.unknown()),
  uiSchema: z.record(z.string(), z.unknown()).optional(),
  /** Extra schemas that `$ref` may resolve against, keyed by their `$id`. */
  refs: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type FormSpec = z.infer<typeof formSpecSchema>;

export const fileSlotSchema = z.object({
  name: z.string().min(1),
  label: z.string().optional(),
  /** Accepted MIME types, checked against the file's content. */
  accept: z.array(z.string()).default(['application/pdf']),
  required: z.boolean().default(true),
});
export type FileSlot = z.infer<typeof fileSlotSchema>;

export const approvalModes = ['single', 'sequential', 'all', 'nOfM'] as const;
export const approvalSpecSchema = z.object({
  mode: z.enum(approvalModes),
  /** Roles whose members may vote; for `sequential` the order of the chain. */
  approvers: z.array(z.string().min(1)).min(1),
  /** Votes needed for `nOfM`. */
  required: z.number().int().positive().optional(),
});
export type ApprovalSpec = z.infer<typeof approvalSpecSchema>;

export const deadlineSchema = z.object({
  /** Time allowed after the step becomes ready. */
  after: isoDurationSchema,
  /** Key of the edge taken when the step is not done in time. */
  edge: z.string().min(1),
});

export const reminderSchema = z.object({
  every: isoDurationSchema,
  /** How many reminders at most; unlimited while the step is open. */
  times: z.number().int().positive().optional(),
});

export const nodeSchema = z.object({
  key: z
    .string()
    .min(1)
    .regex(/^[A-Za-z_][\w.-]*$/, 'must start with a letter or _'),
  kind: nodeKindSchema,
  name: z.string(),
  /** Help text shown with the step (BPMN documentation). */
  help: z.string().optional(),
  /** Role that owns the step (BPMN lane). */
  role: z.string().optional(),
  /** Days from ready to due. */
  dueInDays: z.number().nonnegative().optional(),
  form: formSpecSchema.optional(),
  slots: z.array(fileSlotSchema).optional(),
  /** A file request whose uploads a coordinator approves or rejects. */
  review: z.boolean().optional(),
  approval: approvalSpecSchema.optional(),
  branch: z.object({ mode: z.enum(['exclusive', 'inclusive']) }).optional(),
  wait: z
    .object({
      duration: isoDurationSchema.optional(),
      until: z.string().optional(),
    })
    .optional(),
  /** Board stage that a milestone moves the journey to. */
  stage: z.string().optional(),
  deadline: deadlineSchema.optional(),
  reminders: reminderSchema.optional(),
  /** A task that a person marks as received (BPMN message catch). */
  receive: z.boolean().optional(),
  /** Free-form origin data, such as the BPMN element type it came from. */
  source: z.record(z.string(), z.unknown()).optional(),
});
export type PlaybookNode = z.infer<typeof nodeSchema>;

export const edgeSchema = z.object({
  key: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  name: z.string().optional(),
  /** FEEL expression over the journey's variables. */
  condition: z.string().optional(),
  /** Taken by an exclusive or inclusive branch when no condition holds. */
  isDefault: z.boolean().optional(),
  /** Taken when the source step is rejected. */
  onReject: z.boolean().optional(),
});
export type PlaybookEdge = z.infer<typeof edgeSchema>;

export const playbookDefinitionSchema = z.object({
  name: z.string().min(1),
  segment: segmentSchema.optional(),
  description: z.string().optional(),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
});
export type PlaybookDefinition = z.infer<typeof playbookDefinitionSchema>;

export const playbookSchema = playbookDefinitionSchema.extend({
  id: z.string().min(1),
  version: z.number().int().positive(),
});
export type Playbook = z.infer<typeof playbookSchema>;

/** Node kinds that are work for a person and count towards progress. */
export const workKinds: readonly NodeKind[] = [
  'task',
  'form',
  'fileRequest',
  'approval',
  'milestone',
  'wait',
];

/** Default board stages; every milestone maps to one of them. */
export const defaultStages = [
  'Intake',
  'Discovery',
  'Setup',
  'Validation',
  'Launch',
  'Live',
] as const;
