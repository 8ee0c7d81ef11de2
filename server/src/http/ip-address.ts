import { isIP } from 'node:net';

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * An address as people know it: an IPv4 client of a dual-stack socket (or one a proxy reports as
 * IPv6-mapped) as its IPv4 address (`::ffff:1.2.3.4` → `1.2.3.4`, also `::ffff:102:304`), a port a
 * proxy appended dropped (`1.2.3.4:5678`, `[2001:db8::1]:443`), IPv6 in lower case. A real IPv6
 * address (`::1`, `2001:db8::1`) stays IPv6. Anything else comes back trimmed, as it was; blank is
 * null. Used where the address is taken and where stored ones are shown.
 */
export function normalizeIp(raw: string | null | undefined): string | null {
  let address = raw?.trim() ?? '';
  if (address === '') return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address))
    address = address.slice(0, address.lastIndexOf(':'));
  if (isIP(address) !== 6) return address;
  const lower = address.toLowerCase();
  const dotted = MAPPED_DOTTED.exec(lower)?.[1];
  if (dotted && isIP(dotted) === 4) return dotted;
  const hex = MAPPED_HEX.exec(lower);
  if (hex?.[1] && hex[2]) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return lower;
}
