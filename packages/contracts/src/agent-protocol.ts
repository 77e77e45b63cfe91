import { z } from 'zod';

/**
 * What the workstation agent shares with the server: enrolment, inventory reports and the WebSocket
 * messages both ways. Only zod, no other contract: the agent imports this file alone
 * (`@guichet/contracts/agent-protocol`) and keeps its memory low.
 */

// ------------------------------------------------------------------------------------------ enrolment

const hostnameSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'letters, digits, dots and hyphens');
const shortText = (max: number) => z.string().trim().max(max);

export const agentEnrolSchema = z.object({
  token: z.string().min(10).max(200),
  hostname: hostnameSchema,
  serialNumber: shortText(100).optional(),
  os: shortText(200).optional(),
  agentVersion: shortText(50).optional(),
});
export type AgentEnrol = z.infer<typeof agentEnrolSchema>;
export const agentEnrolResultSchema = z.object({
  agentId: z.number().int(),
  /** the agent's own credential: opens its WebSocket and nothing else; shown once */
  secret: z.string(),
  entity: z.object({ id: z.number().int(), name: z.string() }),
});
export type AgentEnrolResult = z.infer<typeof agentEnrolResultSchema>;

// ------------------------------------------------------------------------------------------ inventory

const bytes = z
  .number()
  .int()
  .min(0)
  .max(2 ** 53);
export const agentHardwareSchema = z.object({
  manufacturer: shortText(100),
  model: shortText(100),
  serialNumber: shortText(100),
  cpu: z.object({ brand: shortText(200), cores: z.number().int().min(0).max(4096) }),
  memoryBytes: bytes,
  disks: z
    .array(
      z.object({
        name: shortText(200),
        type: shortText(50),
        sizeBytes: bytes,
        usedBytes: bytes.nullable(),
        mount: shortText(500).nullable(),
      }),
    )
    .max(200),
  os: z.object({
    platform: shortText(50),
    distro: shortText(200),
    release: shortText(100),
    kernel: shortText(200),
    arch: shortText(50),
  }),
  network: z
    .array(
      z.object({
        iface: shortText(100),
        mac: shortText(50),
        ip4: shortText(50),
        ip6: shortText(100),
        isDefault: z.boolean(),
      }),
    )
    .max(100),
});
export type AgentHardware = z.infer<typeof agentHardwareSchema>;
export const agentSoftwareSchema = z
  .array(z.object({ name: shortText(300), version: shortText(200) }))
  .max(20_000);
export type AgentSoftware = z.infer<typeof agentSoftwareSchema>;

// ---------------------------------------------------------------------------------------- diagnostics

/** Predefined diagnostics: the agent runs each with a fixed argument list, never through a shell. */
export const agentDiagnosticSchema = z.enum(['network', 'disk', 'processes', 'restart_service']);
export type AgentDiagnostic = z.infer<typeof agentDiagnosticSchema>;
/** A service name as systemd or Windows knows it: no spaces, no shell metacharacters. */
export const agentServiceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'letters, digits, dot, dash, underscore and @');

// ------------------------------------------------------------------ WebSocket: agent <-> server protocol

const sessionId = z.number().int().positive();
const chunk = z.string().max(64 * 1024);

/** What the agent sends to the server. */
export const agentMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    agentVersion: shortText(50),
    /** the person signed in on the workstation (login name), null when nobody is */
    loggedInUser: shortText(200).nullable(),
    /** whether node-pty loaded: a terminal can be offered */
    terminal: z.boolean(),
  }),
  z.object({
    type: z.literal('inventory'),
    hostname: hostnameSchema,
    collectedAt: z.iso.datetime(),
    hardware: agentHardwareSchema,
    software: agentSoftwareSchema,
  }),
  z.object({ type: z.literal('consent'), sessionId, granted: z.boolean() }),
  z.object({ type: z.literal('terminal_output'), sessionId, data: chunk }),
  z.object({ type: z.literal('terminal_exit'), sessionId, exitCode: z.number().int().nullable() }),
  z.object({
    type: z.literal('diagnostic_result'),
    sessionId,
    exitCode: z.number().int().nullable(),
    output: z.string().max(256 * 1024),
  }),
  /** the workstation's user ended the session (or refused a terminal the agent cannot open) */
  z.object({ type: z.literal('session_end'), sessionId, reason: shortText(200) }),
]);
export type AgentMessage = z.infer<typeof agentMessageSchema>;

/** What the server sends to the agent. */
export const agentServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), agentId: z.number().int(), inventoryHours: z.number() }),
  z.object({
    type: z.literal('consent_request'),
    sessionId,
    technician: z.string(),
    kind: z.enum(['terminal', 'diagnostic']),
    diagnostic: agentDiagnosticSchema.nullable(),
  }),
  /** a session starts: the agent tells its user that someone is connected */
  z.object({
    type: z.literal('session_start'),
    sessionId,
    technician: z.string(),
    kind: z.enum(['terminal', 'diagnostic']),
    consent: z.enum(['user', 'unattended']),
  }),
  z.object({ type: z.literal('terminal_open'), sessionId, cols: z.number().int(), rows: z.number().int() }),
  z.object({ type: z.literal('terminal_input'), sessionId, data: chunk }),
  z.object({
    type: z.literal('terminal_resize'),
    sessionId,
    cols: z.number().int(),
    rows: z.number().int(),
  }),
  z.object({
    type: z.literal('diagnostic_run'),
    sessionId,
    diagnostic: agentDiagnosticSchema,
    service: agentServiceNameSchema.nullable(),
    /** the host the network diagnostic pings and resolves (the server's) */
    target: z.string().max(253),
  }),
  z.object({ type: z.literal('session_end'), sessionId, reason: z.string() }),
  z.object({ type: z.literal('inventory_request') }),
]);
export type AgentServerMessage = z.infer<typeof agentServerMessageSchema>;

// -------------------------------------------------------- WebSocket: technician's browser <-> server

export const agentTerminalClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('input'),
    data: z
      .string()
      .min(1)
      .max(16 * 1024),
  }),
  z.object({
    type: z.literal('resize'),
    cols: z.number().int().min(10).max(500),
    rows: z.number().int().min(2).max(200),
  }),
]);
export type AgentTerminalClientMessage = z.infer<typeof agentTerminalClientMessageSchema>;
export type AgentTerminalServerMessage =
  | { type: 'output'; data: string }
  | { type: 'ended'; reason: string }
  | { type: 'ready' };
