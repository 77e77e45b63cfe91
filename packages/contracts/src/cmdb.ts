import { z } from 'zod';
import { refSchema } from './common.js';
import { ticketStatusSchema } from './tickets.js';

export const ciClassSchema = z.enum([
  'information_system',
  'application',
  'server',
  'workstation',
  'laptop',
  'printer',
  'phone',
  'network_device',
  'network_link',
  'site',
]);
export type CiClass = z.infer<typeof ciClassSchema>;

/** Lifecycle of an item, in order. */
export const ciStatusSchema = z.enum(['ordered', 'in_stock', 'deployed', 'in_repair', 'retired']);
export type CiStatus = z.infer<typeof ciStatusSchema>;

export const ciRelationKindSchema = z.enum([
  'runs_on',
  'depends_on',
  'connected_to',
  'located_at',
  'used_by',
  'part_of',
]);
export type CiRelationKind = z.infer<typeof ciRelationKindSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const ip = z.union([z.ipv4(), z.ipv6()], { error: 'not an IPv4 or IPv6 address' });

/** Per-class attributes: what the audit spreadsheets record beyond the core columns. */
export const ciAttributeSchemas = {
  information_system: z.strictObject({
    domain: optionalText(100),
    criticality: z.enum(['low', 'medium', 'high']).optional(),
  }),
  application: z.strictObject({
    vendor: optionalText(200),
    version: optionalText(50),
    criticality: z.enum(['low', 'medium', 'high']).optional(),
    users: z.number().int().min(0).max(1_000_000).optional(),
  }),
  server: z.strictObject({
    os: optionalText(100),
    cpu: z.number().int().min(1).max(1024).optional(),
    ramGb: z.number().int().min(1).max(65_536).optional(),
    ip: ip.optional(),
    virtual: z.boolean().optional(),
  }),
  workstation: z.strictObject({
    manufacturer: optionalText(100),
    model: optionalText(100),
    os: optionalText(100),
    ramGb: z.number().int().min(1).max(1024).optional(),
    ip: ip.optional(),
    purchasedOn: z.iso.date().optional(),
  }),
  laptop: z.strictObject({
    manufacturer: optionalText(100),
    model: optionalText(100),
    os: optionalText(100),
    ramGb: z.number().int().min(1).max(1024).optional(),
    purchasedOn: z.iso.date().optional(),
  }),
  printer: z.strictObject({
    manufacturer: optionalText(100),
    model: optionalText(100),
    color: z.boolean().optional(),
    ip: ip.optional(),
  }),
  phone: z.strictObject({
    model: optionalText(100),
    extension: z
      .string()
      .regex(/^\+?[0-9 ]{2,20}$/, 'digits, spaces and an optional +')
      .optional(),
    mobile: z.boolean().optional(),
  }),
  network_device: z.strictObject({
    kind: z.enum(['router', 'switch', 'firewall', 'access_point', 'other']).optional(),
    manufacturer: optionalText(100),
    model: optionalText(100),
    ip: ip.optional(),
    ports: z.number().int().min(1).max(10_000).optional(),
  }),
  network_link: z.strictObject({
    medium: z.enum(['fibre', 'copper', 'radio', 'leased_line']).optional(),
    bandwidthMbps: z.number().int().min(1).max(1_000_000).optional(),
    lengthKm: z.number().min(0).max(10_000).optional(),
  }),
  site: z.strictObject({ rack: optionalText(100) }),
} satisfies Record<CiClass, z.ZodType>;

/** Core columns shared by every class; `attributes` are checked against the class's schema. */
const ciFields = z.object({
  class: ciClassSchema,
  name: text(200),
  status: ciStatusSchema,
  /** the entity that owns the item (scope) */
  entityId: z.number().int().positive(),
  siteId: z.number().int().positive().nullable().optional(),
  /** the person who uses or is responsible for it */
  ownerId: z.number().int().positive().nullable().optional(),
  serialNumber: optionalText(100),
  inventoryNumber: optionalText(100),
  hostname: optionalText(253),
  attributes: z.record(z.string(), z.unknown()),
  /** other entities that use a shared item (a metropolis application): they see it too */
  usedByEntityIds: z.array(z.number().int().positive()).max(500),
});
export const ciInputSchema = ciFields.extend({
  status: ciFields.shape.status.default('deployed'),
  attributes: ciFields.shape.attributes.default({}),
  usedByEntityIds: ciFields.shape.usedByEntityIds.default([]),
});
export type CiInput = z.input<typeof ciInputSchema>;
/**
 * A PATCH: every field optional (no defaults: an absent field is left as it is), `attributes` replaces
 * the whole set, `version` for optimistic locking.
 */
export const ciUpdateSchema = ciFields
  .omit({ class: true })
  .partial()
  .extend({ version: z.number().int().positive().optional() });

export const ciSummarySchema = z.object({
  id: z.number().int(),
  class: ciClassSchema,
  name: z.string(),
  status: ciStatusSchema,
  entity: refSchema,
  site: refSchema.nullable(),
  owner: refSchema.nullable(),
  serialNumber: z.string().nullable(),
  inventoryNumber: z.string().nullable(),
  hostname: z.string().nullable(),
  updatedAt: z.string(),
});
export type CiSummary = z.infer<typeof ciSummarySchema>;

export const ciSchema = ciSummarySchema.extend({
  attributes: z.record(z.string(), z.unknown()),
  usedBy: z.array(refSchema),
  createdAt: z.string(),
  version: z.number().int(),
  can: z.object({ update: z.boolean() }),
});
export type Ci = z.infer<typeof ciSchema>;

export const ciListQuerySchema = z.object({
  /** name, serial number, inventory number or hostname; accent-insensitive */
  q: z.string().trim().max(200).optional(),
  class: ciClassSchema.optional(),
  status: ciStatusSchema.optional(),
  /** this entity and its sub-entities */
  entity: z.coerce.number().int().positive().optional(),
  site: z.coerce.number().int().positive().optional(),
  owner: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CiListQuery = z.input<typeof ciListQuerySchema>;
export const ciPageSchema = z.object({ items: z.array(ciSummarySchema), nextCursor: z.string().nullable() });

export const ciRelationCreateSchema = z
  .object({
    kind: ciRelationKindSchema,
    sourceId: z.number().int().positive(),
    targetId: z.number().int().positive(),
  })
  .refine((r) => r.sourceId !== r.targetId, {
    path: ['targetId'],
    message: 'an item cannot relate to itself',
  });

/** "source <kind> target": a workstation runs_on nothing, an application runs_on a server, a site is connected_to a link. */
export const ciRelationSchema = z.object({
  id: z.number().int(),
  kind: ciRelationKindSchema,
  source: z.object({ id: z.number().int(), name: z.string(), class: ciClassSchema }),
  target: z.object({ id: z.number().int(), name: z.string(), class: ciClassSchema }),
});
export type CiRelation = z.infer<typeof ciRelationSchema>;

/** An item's neighbourhood for the graph view: items within `depth` relations, and the relations between them. */
export const ciGraphQuerySchema = z.object({ depth: z.coerce.number().int().min(1).max(4).default(2) });
export const ciGraphSchema = z.object({
  nodes: z.array(
    z.object({ id: z.number().int(), name: z.string(), class: ciClassSchema, status: ciStatusSchema }),
  ),
  edges: z.array(
    z.object({
      id: z.number().int(),
      kind: ciRelationKindSchema,
      sourceId: z.number().int(),
      targetId: z.number().int(),
    }),
  ),
});
export type CiGraph = z.infer<typeof ciGraphSchema>;

export const ciEventSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['created', 'updated', 'related', 'unrelated', 'linked_ticket', 'unlinked_ticket']),
  actor: refSchema.nullable(),
  at: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});
export type CiEvent = z.infer<typeof ciEventSchema>;

/** Tickets concerning an item, and items a ticket concerns. */
export const ciTicketSchema = z.object({
  number: z.string(),
  title: z.string(),
  status: ticketStatusSchema,
  createdAt: z.string(),
});
export const ticketItemsBodySchema = z.object({ itemId: z.number().int().positive() });

/** One step of an impact path; `name` is null for an item outside the actor's scope. */
export const ciImpactStepSchema = z.object({
  id: z.number().int(),
  class: ciClassSchema,
  name: z.string().nullable(),
});
/**
 * What fails when an item fails: impacted items (at most 200 per class, nearest first) each with the
 * path from the analysed item, complete counts per class, people at impacted sites or owning impacted
 * items (count and a sample), and open tickets concerning the analysed or impacted items.
 */
export const ciImpactSchema = z.object({
  item: z.object({ id: z.number().int(), name: z.string(), class: ciClassSchema }),
  counts: z.partialRecord(ciClassSchema, z.number().int()),
  /** impacted items outside the actor's scope: counted, not shown */
  hiddenCount: z.number().int(),
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      class: ciClassSchema,
      status: ciStatusSchema,
      depth: z.number().int(),
      path: z.array(ciImpactStepSchema),
    }),
  ),
  people: z.object({
    count: z.number().int(),
    sample: z.array(z.object({ id: z.number().int(), name: z.string() })),
  }),
  openTickets: z.object({
    count: z.number().int(),
    items: z.array(
      z.object({
        number: z.string(),
        title: z.string(),
        status: ticketStatusSchema,
        createdAt: z.string(),
        itemId: z.number().int(),
      }),
    ),
  }),
});
export type CiImpact = z.infer<typeof ciImpactSchema>;
