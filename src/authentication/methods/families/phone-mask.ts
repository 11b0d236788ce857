/**
 * How an Authentication Administrator (without a privileged or reader role) sees another user's
 * number: Graph masks it but does not document how (graph-spec §6.11). We keep the `+{country code} `
 * prefix and the last 2 digits and replace every other digit with `X`: `+1 5555551234` → `+1 XXXXXXXX34`.
 */
export function maskPhoneNumber(phoneNumber: string): string {
  const space = phoneNumber.indexOf(' ');
  const prefix = phoneNumber.slice(0, space + 1);
  const rest = phoneNumber.slice(space + 1);
  const digits = rest.replace(/\D/g, '').length;
  let seen = 0;
  return prefix + rest.replace(/\d/g, (d) => (++seen > digits - 2 ? d : 'X'));
}
