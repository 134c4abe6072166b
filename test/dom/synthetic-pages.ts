/**
 * Pages the fixtures do not cover: shadow roots (open and closed), display-only boxes over one real
 * input, fields hidden in each way a page hides them, and Dutch/German wording. Same shape as
 * truth.json entries, plus the page itself.
 */
export interface SyntheticPage {
  name: string;
  html: string;
  otp: string[];
  negatives: string[];
  code?: string;
  /** Detect with an `openShadow` that can open the page's closed roots. */
  closed?: boolean;
  /** Detect with `deep: true`: the page's only inputs are in shadow roots. */
  deep?: boolean;
}

const STYLE = '<style>body{font:16px sans-serif;margin:40px} input{font-size:16px;padding:6px;margin:4px} .d{width:32px}</style>';
const page = (body: string, lang = 'en'): string => `<!doctype html><html lang="${lang}"><head>${STYLE}</head><body>${body}</body></html>`;

/** A custom element whose shadow root holds five one-digit boxes; closed roots go in window.__closedRoots. */
const shadowBoxes = (mode: 'open' | 'closed'): string =>
  page(`<h1>Two-step verification</h1><code-boxes id="host"></code-boxes>
<script>
window.__closedRoots = new Map();
customElements.define('code-boxes', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: '${mode}' });
    window.__closedRoots.set(this, root);
    root.innerHTML = '<style>input{width:28px;margin:2px}</style><div role="group" aria-label="Verification code">' +
      [0,1,2,3,4].map((i) => '<input class="d' + i + '" maxlength="1" inputmode="numeric">').join('') + '</div>';
  }
});
</script>`);

const boxes5 = [0, 1, 2, 3, 4].map((i) => `#host >>> .d${i}`);

export const SYNTHETIC: SyntheticPage[] = [
  { name: 'open-shadow-split-5', html: shadowBoxes('open'), otp: boxes5, negatives: [], code: '12345', deep: true },
  {
    name: 'open-shadow-split-5, light-DOM input elsewhere',
    html: shadowBoxes('open').replace('<h1>', '<input type="search" name="q" aria-label="Search"><h1>'),
    otp: boxes5,
    negatives: ['input[name=q]'],
    code: '12345',
  },
  {
    name: 'open-shadow-split-5, not deep: the no-input fast path skips it',
    html: shadowBoxes('open'),
    otp: [],
    negatives: boxes5,
  },
  {
    name: 'closed-shadow-split-5',
    html: shadowBoxes('closed'),
    otp: boxes5,
    negatives: [],
    code: '12345',
    closed: true,
    deep: true,
  },
  {
    name: 'closed-shadow-split-5 without openShadow',
    html: shadowBoxes('closed'),
    otp: [],
    negatives: boxes5,
    deep: true,
  },
  {
    name: 'split-6, each box in its own wrapper',
    html: page(`<h1>Enter the 6-digit code from your authenticator app</h1>
<div class="otp">${[0, 1, 2, 3, 4, 5].map((i) => `<div class="cell"><input class="b${i} d" inputmode="numeric" maxlength="1"></div>`).join('')}</div>
<style>.otp{display:flex}</style>`),
    otp: [0, 1, 2, 3, 4, 5].map((i) => `.b${i}`),
    negatives: [],
  },
  {
    name: 'a row of letter boxes that is not a code',
    html: page(`<h1>Crossword</h1><p>7 across: a small town</p>
<div>${[0, 1, 2, 3, 4, 5].map((i) => `<input class="b${i} d" maxlength="1">`).join('')}</div>`),
    otp: [],
    negatives: [0, 1, 2, 3, 4, 5].map((i) => `.b${i}`),
  },
  {
    name: 'display-boxes-over-one-input',
    html: page(`<label for="real">Enter the code from your authenticator app</label>
<div style="position:relative;display:flex;gap:6px;width:260px">
  ${'<div style="width:36px;height:44px;border:1px solid #888"></div>'.repeat(6)}
  <input id="real" autocomplete="one-time-code" inputmode="numeric" maxlength="6"
    style="position:absolute;inset:0;opacity:0;width:100%;height:100%">
</div>`),
    otp: ['#real'],
    negatives: [],
  },
  {
    name: 'hidden-disabled-readonly',
    html: page(`<h1>Two-factor authentication</h1>
<input id="none" name="otp" style="display:none">
<div style="visibility:hidden"><input id="vis" name="totp"></div>
<input id="off" name="otp_code" style="position:absolute;left:-9999px">
<input id="zero" name="otp2" style="width:0;height:0;padding:0;border:0">
<input id="dis" name="otp3" disabled>
<input id="ro" name="otp4" readonly>
<input id="hid" type="hidden" name="otp5">`),
    otp: [],
    negatives: ['#none', '#vis', '#off', '#zero', '#dis', '#ro', '#hid'],
  },
  {
    name: 'nl-authenticator',
    html: page(`<h1>Tweestapsverificatie</h1><p>Voer de 6-cijferige code uit je authenticator-app in.</p>
<label for="c">Code</label><input id="c" name="code" inputmode="numeric" maxlength="6">
<label for="pc">Postcode</label><input id="pc" name="postcode">`, 'nl'),
    otp: ['#c'],
    negatives: ['#pc'],
  },
  {
    name: 'nl-sms',
    html: page(`<h1>Bevestig je telefoonnummer</h1><p>We hebben een sms-code naar je telefoon gestuurd.</p>
<label for="c">Code invoeren</label><input id="c" name="code" inputmode="numeric" maxlength="6">`, 'nl'),
    otp: [],
    negatives: ['#c'],
  },
  {
    name: 'en-email-code',
    html: page(`<h1>Check your inbox</h1><p>We emailed a verification code to a***@example.com.</p>
<label for="c">Verification code</label><input id="c" name="verification_code" maxlength="6">`),
    otp: [],
    negatives: ['#c'],
  },
  {
    name: 'de-bestaetigungscode',
    html: page(`<h1>Anmeldung</h1><label for="c">Bestätigungscode</label><input id="c" name="feld1" inputmode="numeric">
<label for="p">Postleitzahl</label><input id="p" name="feld2" inputmode="numeric" maxlength="5">`, 'de'),
    otp: ['#c'],
    negatives: ['#p'],
  },
  {
    name: 'password-marked-one-time-code',
    html: page(`<label for="pw">Password</label><input id="pw" type="password" name="password">
<label for="otp">Security key</label><input id="otp" type="password" name="otp" autocomplete="one-time-code">`),
    otp: ['#otp'],
    negatives: ['#pw'],
  },
  {
    name: 'no-inputs',
    html: page('<h1>Enter code</h1><p>Nothing to type into here.</p>'),
    otp: [],
    negatives: [],
  },
];
