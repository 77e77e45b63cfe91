import { describe, expect, it } from 'vitest';
import { checkAttributes, relationRefusal } from './cmdb.rules.js';

describe('checkAttributes', () => {
  it('accepts the attributes of the class and trims text', () => {
    expect(
      checkAttributes('workstation', { model: ' OptiPlex ', ramGb: 16, purchasedOn: '2024-09-01' }),
    ).toEqual({
      ok: true,
      value: { model: 'OptiPlex', ramGb: 16, purchasedOn: '2024-09-01' },
    });
  });

  it('names each wrong or unknown field under attributes.', () => {
    const res = checkAttributes('phone', { extension: 'abc', colour: 'red', shape: 1 });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors.map((e) => e.path).sort()).toEqual([
      'attributes.colour',
      'attributes.extension',
      'attributes.shape',
    ]);
  });
});

describe('relationRefusal', () => {
  it('lets the usual topology through', () => {
    expect(relationRefusal('runs_on', 'application', 'server')).toBeNull();
    expect(relationRefusal('runs_on', 'server', 'server')).toBeNull();
    expect(relationRefusal('located_at', 'printer', 'site')).toBeNull();
    expect(relationRefusal('connected_to', 'site', 'network_link')).toBeNull();
    expect(relationRefusal('connected_to', 'workstation', 'network_device')).toBeNull();
    expect(relationRefusal('part_of', 'application', 'information_system')).toBeNull();
    expect(relationRefusal('depends_on', 'workstation', 'application')).toBeNull();
    expect(relationRefusal('used_by', 'application', 'site')).toBeNull();
  });

  it('refuses what the graph could not trust', () => {
    expect(relationRefusal('runs_on', 'workstation', 'server')).toMatch(/does not run/);
    expect(relationRefusal('runs_on', 'application', 'printer')).toMatch(/targets a server/);
    expect(relationRefusal('located_at', 'printer', 'server')).toMatch(/targets a site/);
    expect(relationRefusal('located_at', 'site', 'site')).toMatch(/not located/);
    expect(relationRefusal('connected_to', 'network_link', 'site')).toMatch(/target/);
    expect(relationRefusal('connected_to', 'printer', 'network_link')).toMatch(/ends/);
    expect(relationRefusal('connected_to', 'application', 'server')).toMatch(/physical/);
    expect(relationRefusal('part_of', 'application', 'server')).toMatch(/information system/);
  });
});
