import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  GUICHET_DEMO: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** behind TLS termination: mark cookies Secure */
  COOKIE_SECURE: flag.default(false),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(10),
  SESSION_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 90)
    .default(12),
  /** smtp://user:pass@host:587 or smtps://…; unset: no e-mail, in-app notifications still work */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Guichet <guichet@localhost>'),
  /** remote assistance: a JSON array of RTCIceServer ({urls, username?, credential?}); wins over the next four */
  ICE_SERVERS: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** remote assistance: comma-separated stun: URLs */
  STUN_URLS: z.string().optional(),
  /** remote assistance: a turn: or turns: URL (comma-separated for several transports) */
  TURN_URL: z.string().optional(),
  TURN_USERNAME: z.string().optional(),
  TURN_CREDENTIAL: z.string().optional(),
  /** base of the links in e-mails, as users reach the app */
  PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** seed demo data into an empty database */
  demo: boolean;
  logLevel: string;
  cookieSecure: boolean;
  maxUploadBytes: number;
  sessionHours: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** without a trailing slash */
  publicUrl: string;
  /** STUN/TURN servers handed to the browsers of a remote-assistance session; empty: direct (LAN) only */
  iceServers: IceServerConfig[];
}

export interface IceServerConfig {
  urls: string[];
  username?: string;
  credential?: string;
}

export class ConfigError extends Error {}

/** Parses the environment once; fails listing every problem, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const iceProblem = checkIceServers(e);
  if (iceProblem) throw new ConfigError(`Invalid configuration:\n  ${iceProblem}`);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.GUICHET_DEMO ?? !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    sessionHours: e.SESSION_HOURS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    iceServers: parseIceServers(e),
  };
}

const iceServerListSchema = z.array(
  z.object({
    urls: z.union([z.string(), z.array(z.string())]).transform((u) => (Array.isArray(u) ? u : [u])),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);
const iceUrl = /^(stuns?|turns?):[^\s]+$/;
type IceEnv = Pick<
  z.infer<typeof envSchema>,
  'ICE_SERVERS' | 'STUN_URLS' | 'TURN_URL' | 'TURN_USERNAME' | 'TURN_CREDENTIAL'
>;

const splitUrls = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

/** ICE_SERVERS (JSON) or STUN_URLS + TURN_URL/USERNAME/CREDENTIAL; empty means host candidates only. */
function parseIceServers(e: IceEnv): IceServerConfig[] {
  if (e.ICE_SERVERS) return iceServerListSchema.parse(JSON.parse(e.ICE_SERVERS));
  const servers: IceServerConfig[] = [];
  const stun = splitUrls(e.STUN_URLS);
  if (stun.length) servers.push({ urls: stun });
  const turn = splitUrls(e.TURN_URL);
  if (turn.length) servers.push({ urls: turn, username: e.TURN_USERNAME, credential: e.TURN_CREDENTIAL });
  return servers;
}

function checkIceServers(e: IceEnv): string | null {
  let servers: IceServerConfig[];
  try {
    servers = parseIceServers(e);
  } catch {
    return 'ICE_SERVERS: expected a JSON array of {urls, username?, credential?}';
  }
  for (const s of servers) {
    const bad = s.urls.find((u) => !iceUrl.test(u));
    if (bad) return `ICE_SERVERS/STUN_URLS/TURN_URL: ${bad} is not a stun:, stuns:, turn: or turns: URL`;
    if (s.urls.some((u) => u.startsWith('turn')) && (!s.username || !s.credential)) {
      return 'TURN_USERNAME and TURN_CREDENTIAL are required with a TURN server';
    }
  }
  return null;
}
