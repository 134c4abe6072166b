/**
 * Text normalisation for field scoring: attribute tokens and visible label text become one lowercase,
 * accent-free, space-separated string, so the phrase tables in `signals.ts` match whole words only
 * ("code" never matches inside "postcode" or "promocode").
 */

/**
 * Splits an identifier (name, id) into lowercase word tokens: camelCase, snake_case, kebab-case,
 * brackets and dots all separate words; a letter run followed by digits splits ("code1" → code 1),
 * a digit run followed by letters stays whole ("2fa").
 */
export function tokenise(id: string): string[] {
  return id
    .replace(/([a-z])([A-Z])/g, '$1 $2') // totpPin → totp Pin
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // OTPCode → OTP Code
    .replace(/([a-zA-Z])(\d)/g, '$1 $2') // code1 → code 1
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Lowercases, strips accents (é → e, ä → a) and turns every run of non-letters/digits into one space. */
export function normalise(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * Replaces e-mail addresses and (partly masked) phone numbers with the words `emailaddress` and
 * `phonenumber`, before `normalise` strips the '@', '+' and '•' that make them recognisable: "we sent
 * a code to •••@example.com" must still read as a code sent to an address.
 */
export function maskContacts(text: string): string {
  return text
    .replace(/[^\s@]*@[^\s@]+\.[^\s@.,;:!?)]+/g, ' emailaddress ')
    .replace(/\+?\(?[\d•*●·∙xX]{1,4}\)?(?:[\s\-–.]{0,2}[\d•*●·∙]{1,4}){2,6}/g, (m) =>
      // A run counts as a phone number when it is masked or long: plain short numbers ("6 digits") stay.
      /[•*●·∙]/.test(m) || m.replace(/\D/g, '').length >= 8 ? ' phonenumber ' : m,
    );
}

/**
 * Splits text into sentences (at . ! ; and the line breaks `describe.ts` puts between blocks), each
 * normalised: what the page says is read one statement at a time, so "If you lost your device, enter
 * a recovery code" stays one conditional statement and does not mix with the next. A question stays
 * with its answer ("Lost your device? Use a recovery code."): the question is the condition.
 */
export function sentences(text: string): string[] {
  return maskContacts(text)
    .split(/[.!;\n]+(?:\s|$)|\n/)
    .map(normalise)
    .filter((s) => s.trim() !== '');
}
