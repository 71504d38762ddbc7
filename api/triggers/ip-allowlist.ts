/** CIDR allowlists through node's BlockList; an empty list allows every address. */
import { BlockList, isIP } from 'node:net';

/** IPv4 clients on a dual-stack socket appear as `::ffff:a.b.c.d`; the allowlist names them as IPv4. */
export function normaliseIp(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/** Throws on an entry that is neither an address nor a CIDR range (checked when a trigger is saved). */
export function buildBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`${entry} is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`${entry} has an invalid prefix length`);
      list.addSubnet(address, prefix, type);
    }
  }
  return list;
}

export function ipAllowed(entries: readonly string[], ip: string | undefined): boolean {
  if (entries.length === 0) return true;
  if (!ip) return false;
  const address = normaliseIp(ip);
  const family = isIP(address);
  if (family === 0) return false;
  return buildBlockList(entries).check(address, family === 4 ? 'ipv4' : 'ipv6');
}
