import { z } from 'zod';

/** Attended remote assistance (browser to browser) inside a ticket: see docs/adr/0014-remote-assistance.md. */

export const remoteSessionStatusSchema = z.enum([
  'requested',
  'active',
  'ended',
  'refused',
  'expired',
  'cancelled',
]);
export type RemoteSessionStatus = z.infer<typeof remoteSessionStatusSchema>;

/** sender: the requester sharing the screen; technician and viewer (coordinator) watch. */
export const remoteRoleSchema = z.enum(['sender', 'technician', 'viewer']);
export type RemoteRole = z.infer<typeof remoteRoleSchema>;

/** The 6-digit code the technician reads over the phone; spaces allowed ("123 456"). */
export const remoteCodeSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'expected 6 digits'));

export const remoteSessionCreateSchema = z.object({
  /** the technician wants to record; refused (400) when the entity's policy does not allow it */
  record: z.boolean().default(false),
});

export const remoteCodeLookupSchema = z.object({ code: remoteCodeSchema });

export const remoteConsentSchema = z.object({ consent: z.boolean() });

export const remoteEndSchema = z.object({
  reason: z.enum(['finished', 'requester_stopped', 'technician_stopped', 'cancelled']).optional(),
});

export const remotePersonSchema = z.object({ id: z.number().int(), name: z.string() });

export const remoteSessionSchema = z.object({
  id: z.number().int(),
  ticket: z.object({ number: z.string(), title: z.string() }),
  status: remoteSessionStatusSchema,
  technician: remotePersonSchema,
  requester: remotePersonSchema,
  /** the entity's policy allows recording and the technician asked for it: the requester is told */
  recording: z.boolean(),
  codeExpiresAt: z.string(),
  consentedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** seconds between start and end */
  durationSeconds: z.number().int().nullable(),
  createdAt: z.string(),
});
export type RemoteSession = z.infer<typeof remoteSessionSchema>;

/** What the technician gets once, at creation: the code is never readable again. */
export const remoteSessionCreatedSchema = z.object({
  session: remoteSessionSchema,
  code: z.string(),
  /** the portal page the requester opens (the code still has to be typed) */
  link: z.string(),
});
export type RemoteSessionCreated = z.infer<typeof remoteSessionCreatedSchema>;

/** One RTCIceServer (a subset: what the browser needs). */
export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** The short-lived token that opens the signalling socket, with the ICE servers to use. */
export const remoteJoinSchema = z.object({
  token: z.string(),
  role: remoteRoleSchema,
  expiresAt: z.string(),
  iceServers: z.array(iceServerSchema),
  /** files exchanged over the session are limited like ticket attachments */
  maxFileBytes: z.number().int(),
});
export type RemoteJoin = z.infer<typeof remoteJoinSchema>;

export const remoteChatMessageSchema = z.object({
  id: z.number().int(),
  from: remotePersonSchema,
  text: z.string(),
  at: z.string(),
});
export type RemoteChatMessage = z.infer<typeof remoteChatMessageSchema>;

export const remoteFileSchema = z.object({
  attachmentId: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  from: remotePersonSchema,
  at: z.string(),
});
export type RemoteFile = z.infer<typeof remoteFileSchema>;

export const remoteRecordingSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type RemoteRecording = z.infer<typeof remoteRecordingSchema>;

export const remotePolicySchema = z.object({
  entityId: z.number().int(),
  recordingAllowed: z.boolean(),
  /** the entity whose setting applies (itself or the nearest ancestor); null: the default (not allowed) */
  inheritedFrom: z.number().int().nullable(),
});
export type RemotePolicy = z.infer<typeof remotePolicySchema>;
export const remotePolicyUpdateSchema = z.object({ recordingAllowed: z.boolean() });

export const annotationPointSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
});

/** Messages a participant sends on the signalling socket; the server checks each one. */
export const remoteClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), to: z.number().int(), sdp: z.string().max(64_000) }),
  z.object({ type: z.literal('answer'), to: z.number().int(), sdp: z.string().max(64_000) }),
  z.object({
    type: z.literal('candidate'),
    to: z.number().int(),
    candidate: z.object({
      candidate: z.string().max(2_000),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().nullable().optional(),
    }),
  }),
  z.object({ type: z.literal('chat'), text: z.string().trim().min(1).max(2_000) }),
  /** the technician's pointer and strokes, in coordinates relative to the shared picture (0..1) */
  z.object({
    type: z.literal('annotation'),
    kind: z.enum(['pointer', 'stroke', 'clear']),
    points: z.array(annotationPointSchema).max(500).default([]),
  }),
  z.object({ type: z.literal('share-started') }),
]);
export type RemoteClientMessage = z.infer<typeof remoteClientMessageSchema>;

export interface RemotePeer {
  personId: number;
  name: string;
  role: RemoteRole;
}

/** Messages the server sends on the signalling socket. */
export type RemoteServerMessage =
  | { type: 'peers'; self: RemotePeer; peers: RemotePeer[]; chat: RemoteChatMessage[]; files: RemoteFile[] }
  | { type: 'peer-joined'; peer: RemotePeer }
  | { type: 'peer-left'; personId: number }
  | { type: 'offer' | 'answer'; from: number; sdp: string }
  | {
      type: 'candidate';
      from: number;
      candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null };
    }
  | { type: 'chat'; message: RemoteChatMessage }
  | { type: 'file'; file: RemoteFile }
  | {
      type: 'annotation';
      from: number;
      kind: 'pointer' | 'stroke' | 'clear';
      points: { x: number; y: number }[];
    }
  | { type: 'ended'; status: RemoteSessionStatus }
  | { type: 'error'; message: string };

/** Ticket history kinds written by remote assistance. */
export const remoteTicketEventKinds = [
  'remote_requested',
  'remote_consented',
  'remote_refused',
  'remote_started',
  'remote_ended',
  'remote_transcript',
  'remote_file',
  'remote_recording',
] as const;
