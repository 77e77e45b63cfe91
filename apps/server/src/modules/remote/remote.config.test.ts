import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/config.js';

describe('ICE server settings', () => {
  it('default to none: host candidates only', () => {
    expect(loadConfig({}).iceServers).toEqual([]);
    expect(loadConfig({ STUN_URLS: '', TURN_URL: '' }).iceServers).toEqual([]);
  });

  it('read STUN and TURN variables', () => {
    const config = loadConfig({
      STUN_URLS: 'stun:stun1.example.fr:3478, stun:stun2.example.fr:3478',
      TURN_URL: 'turn:turn.example.fr:3478?transport=udp,turns:turn.example.fr:443?transport=tcp',
      TURN_USERNAME: 'guichet',
      TURN_CREDENTIAL: 's3cret',
    });
    expect(config.iceServers).toEqual([
      { urls: ['stun:stun1.example.fr:3478', 'stun:stun2.example.fr:3478'] },
      {
        urls: ['turn:turn.example.fr:3478?transport=udp', 'turns:turn.example.fr:443?transport=tcp'],
        username: 'guichet',
        credential: 's3cret',
      },
    ]);
  });

  it('prefer the JSON form', () => {
    const config = loadConfig({
      ICE_SERVERS:
        '[{"urls":"stun:a.example.fr"},{"urls":["turn:b.example.fr"],"username":"u","credential":"p"}]',
      STUN_URLS: 'stun:ignored.example.fr',
    });
    expect(config.iceServers).toEqual([
      { urls: ['stun:a.example.fr'] },
      { urls: ['turn:b.example.fr'], username: 'u', credential: 'p' },
    ]);
  });

  it('refuse malformed values, listing the problem', () => {
    expect(() => loadConfig({ ICE_SERVERS: 'not json' })).toThrow(ConfigError);
    expect(() => loadConfig({ STUN_URLS: 'http://stun.example.fr' })).toThrow(/not a stun:/);
    expect(() => loadConfig({ TURN_URL: 'turn:turn.example.fr' })).toThrow(
      /TURN_USERNAME and TURN_CREDENTIAL/,
    );
  });
});
