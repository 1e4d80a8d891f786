/**
 * The key a client address is counted under by the per-address limits: an IPv4 address as it is
 * (also written IPv4-mapped, `::ffff:192.0.2.1`, as a dual-stack socket reports it), an IPv6
 * address by its /64 network. One subscriber, one cloud server, gets a whole /64 (often more), so
 * counting single IPv6 addresses would let one client take a fresh address for every try.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (zone id dropped, `::` and a trailing dotted quad expanded). */
function groupsOf(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  const quad = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [b1, b2, b3, b4] = quad.slice(2).map(Number) as [number, number, number, number];
    text = `${quad[1]}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length === 2 ? [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail] : head;
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16)) : undefined;
}

/** The rate-limit key of a client address; anything that is not an IP address is kept as it is. */
export function addressKey(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) return address;
  const g = groupsOf(address);
  if (!g) return address;
  // ::ffff:a.b.c.d, an IPv4 client of a dual-stack socket: the IPv4 address it is.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}
