/** Signature schemes, IP allowlists and the secret box as pure functions. */
import { randomBytes } from 'node:crypto';
import { buildBlockList, ipAllowed } from './ip-allowlist';
import { decryptSecret, encryptSecret } from './secret-box';
import { sign, verifySignature } from './signatures';

const raw = Buffer.from('{"hello":"world"}');
const now = 1_700_000_000;

describe('verifySignature', () => {
  test.each([
    ['github', { 'x-hub-signature-256': sign('github', 's3cret', raw) }],
    ['jira', { 'x-hub-signature': sign('jira', 's3cret', raw) }],
    ['slack', { 'x-slack-signature': sign('slack', 's3cret', raw, String(now)), 'x-slack-request-timestamp': String(now) }],
    ['generic', { 'x-signature-256': sign('generic', 's3cret', raw, String(now)), 'x-timestamp': String(now) }],
  ] as const)('%s: valid, then one flipped byte is invalid', (source, headers) => {
    expect(verifySignature(source, headers, raw, ['s3cret'], now)).toEqual({ ok: true });
    expect(verifySignature(source, headers, Buffer.from('{"hello":"World"}'), ['s3cret'], now)).toMatchObject({ ok: false, code: 'invalid_signature' });
    expect(verifySignature(source, headers, raw, ['other', 's3cret'], now)).toEqual({ ok: true });
    expect(verifySignature(source, {}, raw, ['s3cret'], now)).toMatchObject({ ok: false, code: 'invalid_signature' });
  });

  test('the 300 s window: inside passes, outside is stale (but only once the signature is genuine)', () => {
    const at = (ts: number) => ({ 'x-slack-signature': sign('slack', 'k', raw, String(ts)), 'x-slack-request-timestamp': String(ts) });
    expect(verifySignature('slack', at(now - 300), raw, ['k'], now)).toEqual({ ok: true });
    expect(verifySignature('slack', at(now - 301), raw, ['k'], now)).toMatchObject({ code: 'stale_timestamp' });
    expect(verifySignature('slack', at(now - 301), raw, ['wrong'], now)).toMatchObject({ code: 'invalid_signature' });
    expect(verifySignature('slack', { ...at(now), 'x-slack-signature': 'v0=zz' }, raw, ['k'], now)).toMatchObject({ code: 'invalid_signature' });
  });
});

describe('ip allowlist', () => {
  test.each([
    [[], '203.0.113.9', true],
    [['127.0.0.0/8'], '::ffff:127.0.0.1', true],
    [['10.0.0.0/8'], '127.0.0.1', false],
    [['2001:db8::/32'], '2001:db8::1', true],
    [['192.0.2.7'], '192.0.2.7', true],
    [['192.0.2.7'], '192.0.2.8', false],
  ])('%j allows %s: %s', (list, ip, allowed) => {
    expect(ipAllowed(list, ip)).toBe(allowed);
  });
  test('malformed entries are refused', () => {
    expect(() => buildBlockList(['10.0.0.0/33'])).toThrow(/prefix/);
    expect(() => buildBlockList(['example.com'])).toThrow(/not an IP/);
  });
});

test('secret box: round trip; a different key or a tampered ciphertext fails', () => {
  const key = randomBytes(32);
  const sealed = encryptSecret(key, 'whsec-abc');
  expect(sealed).not.toContain('whsec');
  expect(decryptSecret(key, sealed)).toBe('whsec-abc');
  expect(() => decryptSecret(randomBytes(32), sealed)).toThrow();
  const parts = sealed.split('.');
  parts[3] = Buffer.from('tampered').toString('base64url');
  expect(() => decryptSecret(key, parts.join('.'))).toThrow();
});
