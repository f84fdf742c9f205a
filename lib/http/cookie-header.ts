// A cookie read from the raw Cookie header, for the edge gate, the routes and the DAL alike. Next's
// cookies APIs keep one of two cookies of one name; this refuses both.

/**
 * A cookie's value from a Cookie header; null when absent or sent more than once. Two cookies of
 * one name (a second set by a sibling subdomain, or on a longer path) could be a planted one, and
 * which one a parser picks is not a rule: neither is used.
 */
export function cookieFromHeader(header: string | null, name: string): string | null {
  const values = (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
  return values.length === 1 ? values[0]! : null;
}
