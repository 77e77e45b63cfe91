import { type AgentEnrolResult, agentEnrolResultSchema } from '@guichet/contracts/agent-protocol';
import { AGENT_VERSION } from './version.js';

/** Trades an enrolment token for the agent's id and secret. */
export async function enrol(input: {
  server: string;
  token: string;
  hostname: string;
  serialNumber?: string;
  os?: string;
}): Promise<AgentEnrolResult> {
  const url = new URL('/api/v1/agents/enrol', input.server);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: input.token,
      hostname: input.hostname,
      serialNumber: input.serialNumber,
      os: input.os,
      agentVersion: AGENT_VERSION,
    }),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.status !== 201) {
    const detail = (body as { detail?: string } | null)?.detail ?? res.statusText;
    throw new Error(`Enrolment refused (${res.status}): ${detail}`);
  }
  return agentEnrolResultSchema.parse(body);
}
