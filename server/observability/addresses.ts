/** Address lists of the configuration (`METRICS_ALLOW`) as a matcher of client addresses. */
import { BlockList, isIPv4 } from 'node:net';

/** The ranges behind the names Express also understands in `trust proxy`. */
const NAMED: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']],
  linklocal: [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']],
  uniquelocal: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['fc00::', 7, 'ipv6']],
};

/** An address as a socket reports it, with an IPv4 address mapped into IPv6 written as IPv4. */
export function plainAddress(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

/** A test of addresses against validated items: names, addresses and subnets. */
export function addressMatcher(items: string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const item of items) {
    const ranges = NAMED[item];
    if (ranges) {
      for (const [net, prefix, type] of ranges) list.addSubnet(net, prefix, type);
      continue;
    }
    const [address, prefix] = item.split('/') as [string, string | undefined];
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    if (!address) return false;
    const plain = plainAddress(address);
    return list.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
  };
}
