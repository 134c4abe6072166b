/**
 * The formats, in the order they are tried: the first whose `detect` accepts the file reads it.
 * Specific shapes come before general ones (Bitwarden CSV before a URI list, every JSON shape before
 * the Authenticator-Extension's "any object of entries"), and the andOTP ciphertext, which has no
 * header at all, comes last: it is "binary and nothing else".
 */
import { aegis } from './formats/aegis';
import { andotp, andotpEncrypted } from './formats/andotp';
import { authenticatorExtension } from './formats/authenticator-extension';
import { authenticatorPlus } from './formats/authenticator-plus';
import { authy } from './formats/authy';
import { bitwardenCsv, bitwardenJson } from './formats/bitwarden';
import { bitwardenEncrypted } from './formats/bitwarden-encrypted';
import { duo } from './formats/duo';
import { freeotpPlus, freeotpXml } from './formats/freeotp';
import { freeotpBackup } from './formats/freeotp-backup';
import { otpauthList } from './formats/otpauth-list';
import { proton } from './formats/proton';
import { refused } from './formats/refused';
import { steam } from './formats/steam';
import { stratum, stratumEncrypted } from './formats/stratum';
import { totpAuthenticator } from './formats/totp-authenticator';
import { twofas } from './formats/twofas';
import { twostepBackup } from './formats/twostep-backup';
import type { ImportFormat, ImportSource } from './types';

/** Every format, in detection order. */
export const FORMATS: readonly ImportFormat[] = [
  twostepBackup,
  aegis,
  twofas,
  stratum,
  stratumEncrypted,
  freeotpBackup,
  proton,
  freeotpPlus,
  freeotpXml,
  authy,
  bitwardenEncrypted,
  bitwardenJson,
  steam,
  duo,
  andotp,
  authenticatorExtension,
  bitwardenCsv,
  otpauthList,
  totpAuthenticator,
  authenticatorPlus,
  ...refused,
  andotpEncrypted,
];

/** The format that reads `source`, or undefined. */
export function detectFormat(source: ImportSource): ImportFormat | undefined {
  return FORMATS.find((format) => format.detect(source));
}
