/**
 * Word tables for OTP-field scoring, matched as whole words against text run through `normalise()`
 * (lowercase, accents stripped, single spaces). English and Dutch in full; German, French and Spanish
 * for the common phrases. A trailing `\S*` admits compounds and inflections ("tweestapsverificatie").
 */

/** Builds one whole-word matcher from a list of normalised phrases (regex syntax allowed inside). */
const words = (list: string[]): RegExp => new RegExp(` (?:${list.join('|')}) `);

/** Unambiguous second-factor words: an identifier or label with one of these is an OTP field. */
export const STRONG = words([
  'otp', 'totp', 'hotp', 'otc', 'mfa', '2fa', 'tfa', '2sv', 'passcode', 'authcode', 'otpcode',
  'one ?time', 'onetimecode', 'eenmalig\\S*', 'einmal\\S*', 'usage unique', 'un solo uso',
  'authenticator\\S*', 'verificator\\S*', 'authenticatie app', 'authentificator\\S*', 'authentificateur',
  'autenticador', 'two ?factor', '2 factor', 'second factor', 'two ?step', '2 step', 'tweestaps\\S*',
  'tweefactor\\S*', 'zwei faktor\\S*', '2 faktor\\S*', 'zweistufig\\S*', 'deux facteurs',
  'double authentification', 'dos factores', 'dos pasos', 'idv pin', 'approvals code',
]);

/** Phrases that name a verification code without saying where it comes from. */
export const PHRASE = words([
  'verification (?:code|token)', 'verify code', 'authentication (?:code|token)', 'auth code',
  'security code', 'login code', 'sign ?in code', 'confirmation code', '\\d digit code',
  '(?:enter|type|input) (?:the |your |a )?(?:\\d digit )?code', 'mfa code',
  'verificatiecode', 'authenticatiecode', 'beveiligingscode', 'bevestigingscode', 'inlogcode',
  'code invoeren', 'voer (?:de |je |uw )?code in', 'vul (?:de |je |uw )?code in',
  'bestatigungscode', 'sicherheitscode', 'verifizierungscode', 'authentifizierungscode', 'anmeldecode',
  'code eingeben', 'code de verification', 'code de securite', 'code d authentification',
  'code de confirmation', '(?:saisissez|saisir|entrez|entrer) (?:le |votre )?code',
  'codigo de (?:verificacion|seguridad|autenticacion|confirmacion)',
  '(?:introduce|introduzca|ingresa|ingrese) (?:el |tu |su )?codigo',
]);

/** Words that fit an OTP field but also many others; they count only a little. */
export const WEAK: [RegExp, number][] = [
  [words(['token']), 4],
  [words(['code', 'codigo', 'codice']), 3],
  [words(['pin', 'challenge', 'verification', 'verificatie', 'verifizierung']), 2],
];

/** Codes that are not from an authenticator: a TOTP typed here is refused or, worse, burns a try. */
export const RECOVERY = words([
  'recovery', 'backup', 'back up', 'herstel\\S*', 'wiederherstellung\\S*', 'recuperation',
  'recuperacion', 'reserve ?code\\S*', 'scratch',
]);

/** Shop, address and payment fields full of the word "code". */
export const COMMERCE = words([
  'coupon\\S*', 'promo\\S*', 'voucher\\S*', 'gift\\S*', 'discount\\S*', 'korting\\S*', 'cadeau\\S*',
  'gutschein\\S*', 'rabatt\\S*', 'cupon\\S*', 'postal', 'postcode\\S*', 'zip\\S*', 'plz',
  'postleitzahl', 'code postal', 'codigo postal', 'cvc2?', 'cvv2?', 'csc', 'cvn', 'card ?number',
  'card', 'cc', 'credit ?card', 'kaartnummer', 'iban', 'invite', 'invitation', 'referral', 'tracking',
]);

/** Fields for who you are or what you look for, never for a code. */
export const IDENTITY = words([
  'search', 'zoek\\S*', 'suche\\S*', 'recherche', 'buscar', 'busqueda', 'username', 'user ?name',
  'login ?name', 'gebruikersnaam', 'benutzername', '(?:phone|mobile|telephone) number',
  'telefoonnummer', 'telefonnummer', 'captcha',
]);

/** Codes delivered by SMS or e-mail: a code, but not one this authenticator has. */
export const DELIVERY = words([
  'sms\\S*', 'text message', 'texted', 'e ?mail\\S*', 'per e ?mail', 'courriel', 'correo',
  'mensaje de texto', 'textnachricht', 'kurznachricht',
  '(?:sent|send|texted)(?: \\S+){0,6} (?:phone|mobile|number|inbox)',
  '(?:telefoon|mobiel)(?: \\S+){0,4} (?:gestuurd|verzonden)', 'an ihr (?:handy|telefon)',
]);

/** Naming the authenticator app outweighs a mention of SMS ("use your app, or get a text message"). */
export const AUTHENTICATOR = words([
  'authenticator\\S*', 'verificator\\S*', 'authentificator\\S*', 'authentificateur', 'autenticador',
  'totp', 'authenticatie app', 'auth app',
]);

/** Near-text hints that the form is a payment form (a card security code is not an OTP). */
export const PAYMENT_CONTEXT = words(['card ?number', 'cvc', 'cvv', 'expir\\S*', 'vervaldatum', 'kaartnummer']);

/** `autocomplete` tokens (WHATWG autofill field names) that mark a field as something else. */
export const OTHER_AUTOFILL =
  /^(?:name|given-name|family-name|additional-name|nickname|honorific-\S+|username|email|new-password|current-password|organization\S*|street-address|address-\S+|country\S*|postal-code|cc-\S+|transaction-\S+|language|bday\S*|sex|url|photo|tel\S*|impp)$/;
