import { z } from 'zod';
import {
  agentDiagnosticSchema,
  agentHardwareSchema,
  agentServiceNameSchema,
  agentSoftwareSchema,
} from './agent-protocol.js';
import { ciClassSchema } from './cmdb.js';
import { refSchema } from './common.js';

/**
 * The workstation agent (apps/agent) and the remote terminal/diagnostics it offers: enrolment tokens,
 * enrolled agents, inventory reports, the WebSocket protocol between agent and server, remote
 * sessions and the per-entity policies. See docs/adr/0015-workstation-agent.md.
 */

export * from './agent-protocol.js';

// ------------------------------------------------------------------------------------------ enrolment

export const enrolmentTokenCreateSchema = z.object({
  entityId: z.number().int().positive(),
  label: z.string().trim().min(1).max(200),
  /** hours until the token stops enrolling (a day by default, a month at most) */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(24),
  maxUses: z.number().int().min(1).max(10_000).default(1),
});
export type EnrolmentTokenCreate = z.input<typeof enrolmentTokenCreateSchema>;

export const enrolmentTokenSchema = z.object({
  id: z.number().int(),
  entity: refSchema,
  label: z.string(),
  expiresAt: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revokedAt: z.string().nullable(),
  createdBy: refSchema.nullable(),
  createdAt: z.string(),
  /** unrevoked, unexpired and not used up */
  usable: z.boolean(),
});
export type EnrolmentToken = z.infer<typeof enrolmentTokenSchema>;
/** The creation answer: the only time the secret is shown. */
export const enrolmentTokenCreatedSchema = enrolmentTokenSchema.extend({ token: z.string() });
export type EnrolmentTokenCreated = z.infer<typeof enrolmentTokenCreatedSchema>;

// ------------------------------------------------------------------------------------ agents and sessions

export const agentSchema = z.object({
  id: z.number().int(),
  entity: refSchema,
  hostname: z.string(),
  serialNumber: z.string().nullable(),
  os: z.string().nullable(),
  agentVersion: z.string().nullable(),
  loggedInUser: z.string().nullable(),
  item: refSchema.nullable(),
  lastSeenAt: z.string().nullable(),
  lastInventoryAt: z.string().nullable(),
  online: z.boolean(),
  terminal: z.boolean(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentSessionKindSchema = z.enum(['terminal', 'diagnostic']);
export const agentSessionStatusSchema = z.enum(['pending_consent', 'active', 'refused', 'ended']);
export type AgentSessionStatus = z.infer<typeof agentSessionStatusSchema>;

export const agentSessionCreateSchema = z
  .object({
    kind: agentSessionKindSchema,
    diagnostic: agentDiagnosticSchema.optional(),
    service: agentServiceNameSchema.optional(),
    /** opened from a ticket: the log goes to its history (the workstation must be among its items) */
    ticketNumber: z
      .string()
      .regex(/^(INC|REQ)\d{7,}$/i, 'expected a ticket number such as INC0000001')
      .transform((s) => s.toUpperCase())
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'diagnostic' && !v.diagnostic) {
      ctx.addIssue({ code: 'custom', path: ['diagnostic'], message: 'choose a diagnostic' });
    }
    if (v.diagnostic === 'restart_service' && !v.service) {
      ctx.addIssue({ code: 'custom', path: ['service'], message: 'name the service to restart' });
    }
  });
export type AgentSessionCreate = z.input<typeof agentSessionCreateSchema>;

export const agentSessionLogEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['command', 'diagnostic', 'event']),
  command: z.string(),
  output: z.string(),
  truncated: z.boolean(),
});
export type AgentSessionLogEntry = z.infer<typeof agentSessionLogEntrySchema>;

export const agentSessionSchema = z.object({
  id: z.number().int(),
  agentId: z.number().int(),
  hostname: z.string(),
  kind: agentSessionKindSchema,
  diagnostic: agentDiagnosticSchema.nullable(),
  service: z.string().nullable(),
  status: agentSessionStatusSchema,
  consent: z.enum(['user', 'unattended']).nullable(),
  item: refSchema.nullable(),
  ticketNumber: z.string().nullable(),
  requestedBy: refSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  log: z.array(agentSessionLogEntrySchema),
});
export type AgentSession = z.infer<typeof agentSessionSchema>;
/** The creation answer carries the terminal's short-lived, single-use connection token. */
export const agentSessionCreatedSchema = agentSessionSchema.extend({
  token: z.string(),
  tokenExpiresAt: z.string(),
});
export type AgentSessionCreated = z.infer<typeof agentSessionCreatedSchema>;

/** What a workstation's user sees in the portal: requests to answer and sessions running. */
export const agentConsentRequestSchema = z.object({
  sessionId: z.number().int(),
  hostname: z.string(),
  technician: z.string(),
  kind: agentSessionKindSchema,
  diagnostic: agentDiagnosticSchema.nullable(),
  status: agentSessionStatusSchema,
  createdAt: z.string(),
});
export type AgentConsentRequest = z.infer<typeof agentConsentRequestSchema>;
export const agentConsentAnswerSchema = z.object({ granted: z.boolean() });

/** The agent panel of a CMDB item. */
export const itemAgentSchema = z.object({
  agent: agentSchema.nullable(),
  hardware: agentHardwareSchema.nullable(),
  softwareCount: z.number().int(),
  software: agentSoftwareSchema,
  /** services the entity's policy allows a technician to restart */
  services: z.array(z.string()),
  unattended: z.boolean(),
  sessions: z.array(agentSessionSchema),
});
export type ItemAgent = z.infer<typeof itemAgentSchema>;

export const agentPolicySchema = z.object({
  entityId: z.number().int().positive(),
  class: ciClassSchema,
  /** a technician may open a session without the user's consent (unattended machines: kiosks, servers) */
  unattended: z.boolean(),
  services: z.array(agentServiceNameSchema).max(50),
});
export type AgentPolicy = z.infer<typeof agentPolicySchema>;
export const agentPolicyViewSchema = agentPolicySchema.extend({ entity: refSchema });
