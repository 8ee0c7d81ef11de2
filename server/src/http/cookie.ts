import type { Context } from 'hono';
import { tryDecodeURIComponent } from 'hono/utils/url';

/** Cookie values Hono accepts (hono/utils/cookie). */
const VALID_VALUE = /^[ !#-:<-[\]-~]*$/;

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * One cookie from a `Cookie` header, exactly as Hono's `getCookie(c, name)` reads it — the first
 * pair with that name whose value is valid, trimmed of spaces and tabs, without surrounding quotes,
 * percent-decoded — without building an object of every cookie (that took a few µs per request).
 * `name` must be a valid cookie name. The property test holds it to Hono's parser.
 */
export function readCookie(header: string, name: string): string | undefined {
  if (header.indexOf(name) === -1) return undefined;
  let start = 0;
  while (start <= header.length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = header.length;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      let nameStart = start;
      let nameEnd = eq;
      while (nameStart < nameEnd && isBlank(header.charCodeAt(nameStart))) nameStart++;
      while (nameEnd > nameStart && isBlank(header.charCodeAt(nameEnd - 1))) nameEnd--;
      if (nameEnd - nameStart === name.length && header.startsWith(name, nameStart)) {
        let valueStart = eq + 1;
        let valueEnd = end;
        while (valueStart < valueEnd && isBlank(header.charCodeAt(valueStart))) valueStart++;
        while (valueEnd > valueStart && isBlank(header.charCodeAt(valueEnd - 1))) valueEnd--;
        let value = header.slice(valueStart, valueEnd);
        if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
        if (VALID_VALUE.test(value)) return value.includes('%') ? tryDecodeURIComponent(value) : value;
      }
    }
    start = end + 1;
  }
  return undefined;
}

/** The named cookie of the request (see readCookie). */
export function requestCookie(c: Context, name: string): string | undefined {
  const header = c.req.header('cookie');
  return header ? readCookie(header, name) : undefined;
}
