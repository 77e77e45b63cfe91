import { z } from 'zod';
import { roleSchema } from './auth.js';
import { languageSchema, pageSchema, refSchema } from './common.js';

const name = z.string().trim().min(1).max(200);

export const entityKindSchema = z.enum(['metropolis', 'commune', 'service']);
export const entitySchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  kind: entityKindSchema,
  depth: z.number().int(),
});
export type Entity = z.infer<typeof entitySchema>;
export const entityCreateSchema = z.object({
  parentId: z.number().int().positive(),
  name,
  kind: entityKindSchema.exclude(['metropolis']),
});
export const entityUpdateSchema = z.object({ name });

export const siteKindSchema = z.enum([
  'town_hall',
  'school',
  'library',
  'depot',
  'office',
  'sports',
  'cultural',
  'social',
  'technical',
]);
export const siteSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: siteKindSchema,
  address: z.string(),
  entity: refSchema,
});
export type Site = z.infer<typeof siteSchema>;
export const siteCreateSchema = z.object({
  entityId: z.number().int().positive(),
  name,
  kind: siteKindSchema,
  address: z.string().trim().max(500).default(''),
});
/** No defaults here: a PATCH that omits a field leaves it unchanged. */
export const siteUpdateSchema = siteCreateSchema.extend({ address: z.string().trim().max(500) }).partial();
/** `entity` matches that entity and its sub-entities. */
export const siteListQuerySchema = z.object({
  entity: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const sitePageSchema = pageSchema(siteSchema);

export const personSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  language: languageSchema,
  entity: refSchema,
  site: refSchema.nullable(),
  active: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;
export const personCreateSchema = z.object({
  name,
  email: z.email().max(320),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 .()-]{4,30}$/, 'expected a phone number')
    .nullable()
    .optional(),
  language: languageSchema.default('fr'),
  entityId: z.number().int().positive(),
  siteId: z.number().int().positive().nullable().optional(),
  password: z.string().min(8).max(200).optional(),
});
/** No defaults here: a PATCH that omits a field leaves it unchanged. */
export const personUpdateSchema = personCreateSchema
  .omit({ entityId: true })
  .extend({ language: languageSchema, active: z.boolean() })
  .partial();
export const personSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  entity: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export const personPageSchema = pageSchema(personSchema);

export const moveOpenTicketsSchema = z.enum(['follow', 'stay']);
export const moveBodySchema = z.object({
  personIds: z.array(z.number().int().positive()).min(1).max(5_000),
  toEntityId: z.number().int().positive(),
  toSiteId: z.number().int().positive().nullable().optional(),
  openTickets: moveOpenTicketsSchema,
});
export const movePreviewSchema = z.object({
  people: z.array(
    z.object({ id: z.number().int(), name: z.string(), from: refSchema, openTickets: z.number().int() }),
  ),
  to: refSchema,
  openTickets: z.number().int(),
});
export const moveResultSchema = z.object({ moved: z.number().int(), ticketsMoved: z.number().int() });

export const groupKindSchema = z.enum(['service_desk', 'local_support', 'experts', 'contractor']);
export const groupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: groupKindSchema,
  entity: refSchema,
  members: z.array(refSchema),
});
export type Group = z.infer<typeof groupSchema>;
export const groupCreateSchema = z.object({
  name,
  kind: groupKindSchema,
  entityId: z.number().int().positive(),
  memberIds: z.array(z.number().int().positive()).max(500).default([]),
});
/** No defaults here: `memberIds`, when sent, replaces the members; when omitted, keeps them. */
export const groupUpdateSchema = groupCreateSchema
  .extend({ memberIds: z.array(z.number().int().positive()).max(500) })
  .partial();

export const roleAssignmentSchema = z.object({
  id: z.number().int(),
  person: refSchema,
  role: roleSchema,
  entity: refSchema,
  includeDescendants: z.boolean(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;
export const roleListQuerySchema = z.object({ person: z.coerce.number().int().positive().optional() });
export const roleAssignmentCreateSchema = z.object({
  personId: z.number().int().positive(),
  role: roleSchema,
  entityId: z.number().int().positive(),
  includeDescendants: z.boolean().default(true),
});

export const categorySchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  nameEn: z.string(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryCreateSchema = z.object({
  parentId: z.number().int().positive().nullable().default(null),
  name,
  nameEn: name,
});
export const categoryUpdateSchema = z
  .object({ parentId: z.number().int().positive().nullable(), name, nameEn: name })
  .partial();

/** impact (1-3) × urgency (1-3) → priority (1-5); key "impact-urgency". */
export const priorityMatrixSchema = z.record(
  z.string().regex(/^[1-3]-[1-3]$/),
  z.number().int().min(1).max(5),
);
export const settingsSchema = z.object({
  priorityMatrix: priorityMatrixSchema,
  reopenDays: z.number().int().min(0).max(90),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsUpdateSchema = settingsSchema.partial();
