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
  'recuperacion', 'reserve ?code\\S*', 'scratch', 'backup\\S*', 'secours', 'notfall\\S*', 'ersatz\\S*',
  'noodcode\\S*', 'respaldo', 'recovery\\S*',
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

/**
 * Words that name a delivery channel. In a field's own name or label ("sms_code", "Code from the text
 * message") they mark a delivered code; in the surrounding text they count only inside a statement
 * that the code was sent (`SENT`), so an "Email or username" field beside the code field vetoes nothing.
 */
export const DELIVERY = words([
  'sms\\S*', 'text message\\S*', 'texted', 'e ?mail\\S*', 'per e ?mail', 'courriel', 'correo',
  'mensaje de texto', 'textnachricht', 'kurznachricht', 'emailaddress', 'phonenumber',
]);

/** Where a code can be sent: channels, and the addresses `maskContacts` stands in for. */
const CHANNEL =
  'sms\\S*|text(?: message\\S*)?|texts|e ?mail\\S*|emailaddress|phonenumber|inbox|phone|mobile|number|telefoon\\S*|' +
  'mobiel\\S*|nummer|handy|telefon\\S*|mobiltelefon|postfach|courriel|portable|telephone|numero|adresse|correo|' +
  'telefono|movil|whatsapp';
/** Channels that are a message, not a device. */
const MESSAGE = 'sms\\S*|text message\\S*|e ?mail\\S*|inbox|messages?|bericht|nachricht|courriel|correo';
/** Verbs of sending, in the tenses pages use ("we sent", "wir haben ... gesendet", "envoyé"). */
const SEND =
  'sent|send|sending|resen[dt]\\S*|texted|e ?mailed|mailed|messaged|delivered|gestuurd|verstuurd|verzonden|' +
  'toegestuurd|opgestuurd|sturen|versturen|stuurden|gemaild|ge sms t|gesendet|geschickt|gesandt|zugeschickt|' +
  'zugesandt|zugesendet|senden|schicken|versendet|verschickt|r?envoy\\S*|enviado\\S*|enviamos|r?enviar';
const CODE_NOUN = 'codes?|code\\S*|otp|pin|token|passcode|codigo\\S*';

/**
 * Statements that the code was (or will be) sent by message: "we sent a code to •••@example.com",
 * "enter the code we texted you", "code per sms", "check your inbox". An authenticator's code is never
 * sent anywhere, so any of these means the code comes from elsewhere, whatever the field's attributes.
 */
export const SENT = new RegExp(
  [
    ` (?:${SEND}) (?:\\S+ ){0,8}?(?:${CODE_NOUN}|${CHANNEL}) `,
    ` (?:${CODE_NOUN}|${CHANNEL}) (?:\\S+ ){0,8}?(?:${SEND}) `,
    ` (?:sms|text|e ?mail|email) (?:\\S+ )?(?:${CODE_NOUN}) `,
    ` (?:${CODE_NOUN}) (?:\\S+ )?(?:by|via|per|par|por|in an?|in your|dans) (?:\\S+ )?(?:${CHANNEL}) `,
    // "The code from your phone" may well be the authenticator's; from a message it is not.
    ` (?:${CODE_NOUN}) (?:\\S+ )?(?:from|in|uit|aus|in der|de la|du) (?:the|your|de|je|der|ihrer|votre|l)? ?(?:${MESSAGE}) `,
    ` (?:e ?mail|text|sms) (?:you|u|je|ihnen|dir|vous) `,
    ` (?:receive\\S*|recu\\S*|ontvangen|erhalten|recibido) (?:\\S+ ){0,4}?(?:${CODE_NOUN}) `,
    ` (?:${CODE_NOUN}) (?:\\S+ ){0,3}?(?:received|recu\\S*|ontvangen|erhalten|recibido) `,
    ` check (?:your|je) (?:${CHANNEL}|messages) `,
  ].join('|'),
);

/**
 * Words that make a sentence a fallback or a condition ("If you lost your device, enter a recovery
 * code", "Can't use your app? We can text you"): such a sentence offers another way and does not say
 * what this field asks for now.
 */
export const FALLBACK = words([
  'if', 'lost', 'lose', 'can ?t', 'cannot', 'unable', 'don t have', 'no access', 'instead', 'alternatively',
  'trouble', 'problems?', 'otherwise', 'als', 'kwijt', 'verloren', 'geen toegang', 'lukt het niet', 'in plaats',
  'anders', 'wenn', 'falls', 'stattdessen', 'kein zugriff', 'keinen zugriff', 'si', 'perdu', 'plutot', 'sans acces',
  'no tienes', 'perdiste',
]);

/**
 * Verbs that ask for something to be typed: a sentence naming a recovery code asks for one only with
 * one of these ("Enter one of your backup codes"), or as a bare heading or label ("Recovery code");
 * "Download your recovery codes" on a set-up page asks for nothing.
 */
export const ASK = words([
  'enter\\S*', 'type', 'use', 'using', 'input', 'provide', 'paste', 'submit', 'fill in', 'voer', 'vul', 'gebruik\\S*',
  'geef', 'geben', 'gib', 'verwenden', 'verwende', 'nutzen', 'eingeben', 'saisissez', 'saisir', 'entrez', 'entrer',
  'utilisez', 'utiliser', 'introduce', 'introduzca', 'ingresa', 'ingrese', 'usa', 'utiliza',
]);

/**
 * An instruction naming an authenticator app as where the code comes from ("from your app",
 * "verificatie-app", "Authenticator-App", "application d'authentification").
 */
export const AUTHENTICATOR = words([
  'authenticator\\S*', 'verificator\\S*', 'authentificator\\S*', 'authentifikator\\S*', 'authentificateur',
  'autenticador\\S*', 'totp', 'auth app', 'authentication app', '(?:2fa|mfa|otp|two factor|2 factor) app\\S*',
  'verificatie ?app\\S*', 'authenticatie ?app\\S*', 'authentifizierungs ?app\\S*',
  'application (?:\\S+ )?d authentification', 'aplicacion de autenticacion', 'app de autenticacion',
  '(?:from|in|on|using|with|open) (?:your|the) (?:\\S+ ){0,3}?app',
  '(?:uit|in|op|met|open) (?:je|jouw|uw|de) (?:\\S+ ){0,3}?app',
  '(?:aus|in|mit) (?:ihrer|deiner|der) (?:\\S+ ){0,3}?app',
  '(?:de|dans) (?:votre|l|ton) (?:\\S+ ){0,3}?application',
]);

/** Near-text hints that the form is a payment form (a card security code is not an OTP). */
export const PAYMENT_CONTEXT = words(['card ?number', 'cvc', 'cvv', 'expir\\S*', 'vervaldatum', 'kaartnummer']);

/** `autocomplete` tokens (WHATWG autofill field names) that mark a field as something else. */
export const OTHER_AUTOFILL =
  /^(?:name|given-name|family-name|additional-name|nickname|honorific-\S+|username|email|new-password|current-password|organization\S*|street-address|address-\S+|country\S*|postal-code|cc-\S+|transaction-\S+|language|bday\S*|sex|url|photo|tel\S*|impp)$/;
