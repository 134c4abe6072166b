/** Google Authenticator transfer codes for the scan tests. */
import { Secret } from 'otpauth';

/** One protobuf MigrationPayload with the given TOTP accounts (Google Authenticator's export format). */
export function migrationUri(accounts: { secret: string; name: string; issuer: string }[]): string {
  const bytes: number[] = [];
  const varint = (n: number, out: number[]): void => {
    do {
      out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n >>>= 7;
    } while (n > 0);
  };
  const field = (no: number, value: number[] | string | number, out: number[]): void => {
    if (typeof value === 'number') {
      varint((no << 3) | 0, out);
      varint(value, out);
      return;
    }
    const data = typeof value === 'string' ? [...Buffer.from(value, 'utf8')] : value;
    varint((no << 3) | 2, out);
    varint(data.length, out);
    out.push(...data);
  };
  for (const a of accounts) {
    const p: number[] = [];
    field(1, [...Secret.fromBase32(a.secret).bytes], p);
    field(2, a.name, p);
    field(3, a.issuer, p);
    field(4, 1, p); // SHA1
    field(5, 1, p); // six digits
    field(6, 2, p); // TOTP
    field(1, p, bytes);
  }
  field(2, 1, bytes); // version
  field(3, 1, bytes); // batch size
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}
