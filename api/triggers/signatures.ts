/**
 * Signature verification exactly as each provider signs: an HMAC-SHA256 over the raw body bytes (plus a
 * timestamp for Slack and generic senders), compared in constant time. Several secrets may be valid at
 * once (current and, during a rotation's grace period, previous). The signature is checked before the
 * timestamp, so a stale but genuine request is told apart from a forged one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TriggerSource } from '../../db/schema';

export const TIMESTAMP_WINDOW_SECONDS = 300;

export type Headers = Record<string, string | undefined>;
export type VerifyResult = { ok: true } | { ok: false; code: 'invalid_signature' | 'stale_timestamp'; detail: string };

interface Scheme {
  header: string;
  prefix: string;
  /** The signed header carrying a unix timestamp, when the scheme has one. */
  timestampHeader?: string;
  signedBytes(raw: Buffer, timestamp: string): Buffer;
}

const SCHEMES: Record<TriggerSource, Scheme> = {
  github: { header: 'x-hub-signature-256', prefix: 'sha256=', signedBytes: (raw) => raw },
  jira: { header: 'x-hub-signature', prefix: 'sha256=', signedBytes: (raw) => raw },
  slack: {
    header: 'x-slack-signature',
    prefix: 'v0=',
    timestampHeader: 'x-slack-request-timestamp',
    signedBytes: (raw, ts) => Buffer.concat([Buffer.from(`v0:${ts}:`), raw]),
  },
  generic: {
    header: 'x-signature-256',
    prefix: 'sha256=',
    timestampHeader: 'x-timestamp',
    signedBytes: (raw, ts) => Buffer.concat([Buffer.from(`${ts}.`), raw]),
  },
};

/** The header value a sender would put on `raw` (used by tests and the docs). */
export function sign(source: TriggerSource, secret: string, raw: Buffer | string, timestamp = ''): string {
  const scheme = SCHEMES[source];
  const bytes = scheme.signedBytes(Buffer.isBuffer(raw) ? raw : Buffer.from(raw), timestamp);
  return scheme.prefix + createHmac('sha256', secret).update(bytes).digest('hex');
}

function matches(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(givenHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'));
}

export function verifySignature(source: TriggerSource, headers: Headers, raw: Buffer, secrets: readonly string[], nowSeconds: number): VerifyResult {
  const scheme = SCHEMES[source];
  const given = headers[scheme.header];
  const timestamp = scheme.timestampHeader ? headers[scheme.timestampHeader] : '';
  if (!given || !given.startsWith(scheme.prefix) || timestamp === undefined) {
    const missing = scheme.timestampHeader ? `${scheme.header} and ${scheme.timestampHeader}` : scheme.header;
    return { ok: false, code: 'invalid_signature', detail: `Send a valid ${missing}` };
  }
  const givenHex = given.slice(scheme.prefix.length);
  // Every secret is tried, so the time taken does not tell which one (if any) matched.
  const valid = secrets.map((s) => matches(sign(source, s, raw, timestamp).slice(scheme.prefix.length), givenHex)).includes(true);
  if (!valid) return { ok: false, code: 'invalid_signature', detail: `${scheme.header} does not match the body` };
  if (scheme.timestampHeader) {
    const ts = Number(timestamp);
    if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > TIMESTAMP_WINDOW_SECONDS) {
      return { ok: false, code: 'stale_timestamp', detail: `${scheme.timestampHeader} is outside the ${TIMESTAMP_WINDOW_SECONDS} s window` };
    }
  }
  return { ok: true };
}
