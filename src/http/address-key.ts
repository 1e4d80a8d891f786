/**
 * The key a client address is counted under by the per-address limits: an IPv4 address as it is
 * (also written IPv4-mapped, `::ffff:192.0.2.1`, as a dual-stack socket reports it), an IPv6
 * address by its /64 network. One subscriber, one cloud server, gets a whole /64 (often more), so
 * counting single IPv6 addresses would let one client take a fresh address for every try.
 * Addresses are read by Hono's own parser (the one its IP restriction uses).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { convertIPv4BinaryToString, convertIPv4MappedIPv6ToIPv4, convertIPv6BinaryToString, convertIPv6ToBinary, isIPv4MappedIPv6 } from 'hono/utils/ipaddr';

/** The rate-limit key of a client address; anything that is not an IP address is kept as it is. */
export function addressKey(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) return address;
  let bits: bigint;
  try {
    // A zone id (`%eth0`) names the interface, not the client.
    bits = convertIPv6ToBinary(address.split('%')[0]!);
  } catch {
    return address;
  }
  if (isIPv4MappedIPv6(bits)) return convertIPv4BinaryToString(convertIPv4MappedIPv6ToIPv4(bits));
  return `${convertIPv6BinaryToString((bits >> 64n) << 64n)}/64`;
}
