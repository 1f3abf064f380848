import { z } from 'zod';
import { clientAttributesSchema } from '../segments/attributes.ts';

export const contactSchema = z.object({
  name: z.string().trim().min(1),
  email: z.email(),
  /** The contact's role at the client, such as `IT lead`. */
  role: z.string().trim().min(1).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** A client as the CLI, the CSV import and the app create or edit it. */
export const clientInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n\t]*$/, 'must be on one line'),
  contacts: z.array(contactSchema).default([]),
  attributes: clientAttributesSchema.default({}),
  /** Internal owner of the client, such as the coordinator's name. */
  owner: z.string().trim().min(1).optional(),
  notes: z.string().optional(),
});
export type ClientInput = z.infer<typeof clientInputSchema>;
