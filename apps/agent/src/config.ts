import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** What `enrol` writes and `run` reads. The secret is the agent's only credential: the file is 0600. */
export const agentConfigSchema = z.object({
  server: z.url(),
  agentId: z.number().int().positive(),
  secret: z.string().min(10),
  entity: z.object({ id: z.number().int(), name: z.string() }),
  /** hours between two full inventories */
  inventoryHours: z
    .number()
    .min(0.01)
    .max(24 * 7)
    .default(6),
  /** login name reported as the workstation's user when the system cannot tell (kiosks, tests) */
  loggedInUser: z.string().max(200).nullable().default(null),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

export const defaultConfigPath = () =>
  process.env.GUICHET_AGENT_CONFIG ?? join(homedir(), '.config', 'guichet-agent', 'agent.json');

export async function readConfig(path: string): Promise<AgentConfig> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new Error(
      `No agent configuration at ${path}: enrol first (guichet-agent enrol --server … --token …)`,
    );
  }
  const parsed = agentConfigSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(
      `Invalid agent configuration ${path}: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  return parsed.data;
}

/** Written to a temporary file with 0600 first, then renamed: the secret is never world-readable. */
export async function writeConfig(path: string, config: AgentConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
