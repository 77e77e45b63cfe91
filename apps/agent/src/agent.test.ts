import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './agent.js';
import { readConfig, writeConfig } from './config.js';
import { cleanHostname } from './inventory.js';

describe('agent helpers', () => {
  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1_000);
    expect(backoffDelay(3, () => 1)).toBe(8_000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(30, () => 0)).toBe(150_000);
  });

  it('writes its configuration readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-agent-'));
    try {
      const path = join(dir, 'nested', 'agent.json');
      await writeConfig(path, {
        server: 'https://guichet.example.fr',
        agentId: 7,
        secret: 'gas_0123456789abcdef',
        entity: { id: 2, name: 'Pessac' },
        inventoryHours: 6,
        loggedInUser: null,
      });
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect((await readConfig(path)).agentId).toBe(7);
      await expect(readConfig(join(dir, 'missing.json'))).rejects.toThrow(/enrol first/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cleans a hostname the way the server accepts it', () => {
    expect(cleanHostname('PC Mairie_01')).toBe('PC-Mairie-01');
    expect(cleanHostname('')).toBe('unknown-host');
  });
});
