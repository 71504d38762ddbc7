/** Audit details never carry secrets: any field whose name says it holds one is replaced. */
const SECRET_FIELD = /(password|secret|token|hash|^key|apikey)$/i;

export const REDACTED = '[redacted]';

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? REDACTED : redact(v)]));
  }
  return value;
}
