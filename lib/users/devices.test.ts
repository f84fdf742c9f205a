import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../auth/config';
import { DEVICE_LIFETIME_SECONDS, deviceTokenFor, trustedDevice } from './devices';

const OLD = 'device-test-old-secret-0123456789abcdefghi';
const NEW = 'device-test-new-secret-0123456789abcdefghi';
const config = loadAuthConfig({ JWT_SECRET: NEW });

describe('the device cookie', () => {
  it("names a device for the user it was issued to, in any case of the name, and for nobody else", async () => {
    const token = await deviceTokenFor(config, 'alice');
    const id = await trustedDevice(config, 'alice', token);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await trustedDevice(config, 'ALICE', token)).toBe(id);
    expect(await trustedDevice(config, 'bob', token)).toBeNull();
    expect(await deviceTokenFor(config, 'alice')).not.toBe(token);
  });

  it('is refused when forged, tampered, cut short, or signed with another secret', async () => {
    const token = await deviceTokenFor(config, 'alice');
    const [id, issued, mac] = token.split('.');
    const forgeries = [
      null,
      '',
      `${id}.${issued}`,
      `${crypto.randomUUID()}.${issued}.${mac}`,
      `${id}.${Number(issued) + 1}.${mac}`,
      `${id}.${issued}.${mac}x`,
      `${token}.extra`,
      await deviceTokenFor(loadAuthConfig({ JWT_SECRET: OLD }), 'alice'),
    ];
    for (const forged of forgeries) expect(await trustedDevice(config, 'alice', forged), String(forged)).toBeNull();
  });

  it('is forgotten after its lifetime, and keeps working through a key rotation', async () => {
    const now = Date.UTC(2026, 0, 1);
    const token = await deviceTokenFor(config, 'alice', now);
    expect(await trustedDevice(config, 'alice', token, now + DEVICE_LIFETIME_SECONDS * 1000)).not.toBeNull();
    expect(await trustedDevice(config, 'alice', token, now + (DEVICE_LIFETIME_SECONDS + 1) * 1000)).toBeNull();
    const old = await deviceTokenFor(loadAuthConfig({ JWT_SECRET: OLD }), 'alice');
    expect(await trustedDevice(loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: OLD }), 'alice', old)).not.toBeNull();
  });
});
