import type { AgentHardware } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { inventoryAttributes, softwareDelta, usableSerial } from './agents.inventory.js';

const hardware = (over: Partial<AgentHardware> = {}): AgentHardware => ({
  manufacturer: 'HP',
  model: 'EliteDesk 800',
  serialNumber: 'CZC1234',
  cpu: { brand: 'Intel', cores: 4 },
  memoryBytes: 8 * 1024 ** 3,
  disks: [],
  os: {
    platform: 'win32',
    distro: 'Microsoft Windows 11 Pro',
    release: '10.0.22631',
    kernel: '',
    arch: 'x64',
  },
  network: [{ iface: 'Ethernet', mac: 'aa', ip4: '192.168.1.20', ip6: '', isDefault: true }],
  ...over,
});

describe('inventory rules', () => {
  it('ignores the placeholders firmware reports as serial numbers', () => {
    expect(usableSerial('-')).toBeNull();
    expect(usableSerial(' To Be Filled By O.E.M. ')).toBeNull();
    expect(usableSerial('')).toBeNull();
    expect(usableSerial(' CZC1234 ')).toBe('CZC1234');
  });

  it('maps hardware to the class’s attributes and keeps hand-typed ones', () => {
    expect(inventoryAttributes('workstation', { purchasedOn: '2024-01-15' }, hardware())).toEqual({
      purchasedOn: '2024-01-15',
      manufacturer: 'HP',
      model: 'EliteDesk 800',
      os: 'Microsoft Windows 11 Pro 10.0.22631',
      ramGb: 8,
      ip: '192.168.1.20',
    });
    // a laptop has no fixed IP attribute; empty container values are left out
    expect(
      inventoryAttributes(
        'laptop',
        {},
        hardware({ manufacturer: '', model: '', network: [], memoryBytes: 0 }),
      ),
    ).toEqual({ os: 'Microsoft Windows 11 Pro 10.0.22631' });
  });

  it('lists software added and removed', () => {
    const before = [
      { name: 'firefox', version: '128' },
      { name: 'vlc', version: '3.0' },
    ];
    const after = [
      { name: 'firefox', version: '130' },
      { name: 'vlc', version: '3.0' },
    ];
    expect(softwareDelta(before, after)).toEqual({ added: ['firefox 130'], removed: ['firefox 128'] });
    expect(softwareDelta(null, after).added).toHaveLength(2);
  });
});
