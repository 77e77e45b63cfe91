import { createHmac, randomBytes } from 'node:crypto';

/** 32 random bytes; the prefix tells a leaked string apart from other tokens. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is signed so a replay can be refused. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The listing shows only the last 4 characters. */
export const maskSecret = (secret: string) => `••••••••${secret.slice(-4)}`;
