/**
 * The Battle.net app's authenticator (shared_prefs/com.blizzard.messenger.authenticator_preferences.xml,
 * a rooted phone's copy; Blizzard offers no export). The serial and the device secret are hex strings
 * XOR-masked with a fixed 56-byte key that the app ships ("MASK" encryption type; the key as
 * published in Aegis's BattleNetImporter); unmasked, the secret is itself hex. Blizzard's codes are
 * TOTP, SHA-1, 8 digits, 30 seconds, named by the serial (US-1234-5678-9012).
 */
import { TwostepError } from '../../errors';
import { hex } from '../bytes';
import { Collector, entryLabel } from '../collect';
import type { ImportFormat } from '../types';
import { toAccount } from './common';
import { isSharedPrefs, sharedPrefStrings } from './shared-prefs';

const PREFIX = 'com.blizzard.messenger.AUTHENTICATOR_';
const MASK = hex('398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a');

/** The masked hex string, unmasked to the text it hides; longer than the mask is not Blizzard's. */
function unmask(masked: string): string {
  const bytes = hex(masked);
  if (bytes.length > MASK.length) {
    throw new TwostepError('import_malformed', 'battle.net mask length');
  }
  return String.fromCharCode(...bytes.map((b, i) => b ^ (MASK[i] ?? 0)));
}

/** Battle.net authenticator preferences. */
export const battleNet: ImportFormat = {
  id: 'battle-net',
  detect: (source) => isSharedPrefs(source.text) && (source.text ?? '').includes(`"${PREFIX}DEVICE_SECRET"`),
  read(source) {
    const prefs = new Map(sharedPrefStrings(source.text ?? ''));
    const type = prefs.get(`${PREFIX}CREDENTIALS_ENCRYPTION_TYPE`);
    if (type !== undefined && type !== 'MASK') {
      // A newer app may keep the secret in the phone's keystore; that cannot leave the phone.
      throw new TwostepError('import_encrypted_unsupported', 'battle.net encryption type');
    }
    const masked = prefs.get(`${PREFIX}DEVICE_SECRET`) ?? '';
    const serialMasked = prefs.get(`${PREFIX}SERIAL`);
    const serial = serialMasked === undefined || serialMasked === '' ? '' : unmask(serialMasked);
    const collector = new Collector(this.id);
    collector.add(entryLabel('Battle.net', serial, 1), () =>
      toAccount({ kind: 'totp', issuer: 'Battle.net', name: serial, secret: hex(unmask(masked), 'secret_not_base32'), digits: 8 }),
    );
    return Promise.resolve(collector.result());
  },
};
