// The key per-address limits count a client under: IPv4 as it is, IPv6 by its /64.
import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key.ts';

describe('addressKey', () => {
  it('keeps an IPv4 address, and reads an IPv4-mapped IPv6 address as the IPv4 address it is', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::FFFF:c000:0201')).toBe('192.0.2.1');
  });

  it('counts every address of an IPv6 /64 as one, however it is written', () => {
    const key = addressKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const a of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:9', '2001:db8:1:2:a:b:192.0.2.1', '2001:db8:1:2::7%eth0']) {
      expect(addressKey(a), a).toBe(key);
    }
    expect(addressKey('2001:db8:1:3::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8::/64');
  });

  it('keeps anything that is not an IP address as it is', () => {
    for (const a of ['local', 'unknown', '', '2001:db8::1::2']) expect(addressKey(a)).toBe(a);
  });
});
