// A small "Example Corp" site for the demo and the e2e tests: an authenticator enrolment page that shows
// a QR code in several ways (img, canvas, svg, CSS background, cross-origin img), sign-in pages that ask
// for a one-time code, and an HOTP enrolment. node:http only, no external resources, forms over scripts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { HOTP, Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Base32 TOTP secret, for deterministic tests; random 20 bytes otherwise. */
  secret?: string;
  /** Base32 HOTP secret; random 20 bytes otherwise. */
  hotpSecret?: string;
}

export interface DemoState {
  issuer: string;
  account: string;
  /** Base32 TOTP secret. */
  secret: string;
  totpUri: string;
  /** Base32 HOTP secret. */
  hotpSecret: string;
  hotpUri: string;
  /** The next HOTP counter the server expects; moves past every accepted code. */
  hotpCounter: number;
}

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
  state: DemoState;
}

const ISSUER = 'Example Corp';
const ACCOUNT = 'alice@example.test';
const PASSWORD = 'correct horse';
const MODULE_PX = 6;
const QUIET_ZONE = 4; // modules; ISO/IEC 18004 asks for at least 4
const MAX_BODY = 64 * 1024;

/** The QR modules of `text` (UTF-8, byte mode, error correction M, smallest version that fits); true is dark. */
export function generateQrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  // qrcode-generator keeps only the low byte of each UTF-16 unit, so hand it the UTF-8 bytes one per char.
  qr.addData(Buffer.from(text, 'utf8').toString('latin1'), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** 8-bit greyscale PNG (RFC 2083): black modules on white, `scale` px per module, a 4-module quiet zone. */
export function encodeQrPng(matrix: boolean[][], scale = MODULE_PX): Buffer {
  const n = matrix.length;
  const side = (n + 2 * QUIET_ZONE) * scale;
  const raw = Buffer.alloc((side + 1) * side, 0xff);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0; // filter type None
    const row = matrix[Math.floor(y / scale) - QUIET_ZONE];
    if (!row) continue;
    for (let x = 0; x < side; x++) {
      if (row[Math.floor(x / scale) - QUIET_ZONE]) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function qrSvg(matrix: boolean[][], scale = MODULE_PX, id?: string): string {
  const side = matrix.length + 2 * QUIET_ZONE;
  let d = '';
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) d += `M${c + QUIET_ZONE} ${r + QUIET_ZONE}h1v1h-1z`;
    }),
  );
  const idAttr = id ? ` id="${id}"` : '';
  return (
    `<svg${idAttr} xmlns="http://www.w3.org/2000/svg" width="${side * scale}" height="${side * scale}" ` +
    `viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/>` +
    `<path fill="#000" d="${d}"/></svg>`
  );
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}
header{font-weight:700;color:#0b5;margin-bottom:1rem}label{display:block;margin:.75rem 0 .25rem}
input{font:inherit;padding:.4rem}button{font:inherit;padding:.4rem 1rem;margin-top:.75rem}
.digits input{width:2ch;text-align:center;margin-right:.25rem}code{font-size:1.1em;letter-spacing:.05em}
#qr-bg{width:var(--qr);height:var(--qr);background:url('/qr.png') no-repeat}
img,canvas,svg{display:block}[data-ok=true]{color:#070}[data-ok=false]{color:#b00}nav a{margin-right:1rem}`;

function page(title: string, body: string, extraCss = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - ${ISSUER}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}${extraCss}</style></head>
<body><header>${ISSUER}</header>${body}</body></html>`;
}

const result = (ok: boolean, text: string, extra = ''): string =>
  `<p id="result" data-ok="${ok}"${extra}>${esc(text)}</p>`;

const groupsOf4 = (s: string): string => s.match(/.{1,4}/g)?.join(' ') ?? s;

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const totp = new TOTP({
    issuer: ISSUER,
    label: ACCOUNT,
    secret: opts.secret ? Secret.fromBase32(opts.secret) : new Secret({ size: 20 }),
  });
  const hotp = new HOTP({
    issuer: ISSUER,
    label: ACCOUNT,
    counter: 0,
    secret: opts.hotpSecret ? Secret.fromBase32(opts.hotpSecret) : new Secret({ size: 20 }),
  });
  const state: DemoState = {
    issuer: ISSUER,
    account: ACCOUNT,
    secret: totp.secret.base32,
    totpUri: totp.toString(),
    hotpSecret: hotp.secret.base32,
    hotpUri: hotp.toString(),
    hotpCounter: 0,
  };
  const totpMatrix = generateQrMatrix(state.totpUri);
  const sessions = new Map<string, string>(); // session token -> email, carried in a hidden form field

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(body);
  };
  const html = (res: ServerResponse, body: string, status = 200): void =>
    send(res, status, 'text/html; charset=utf-8', body);

  function setupPage(url: URL, outcome = ''): string {
    const as = url.searchParams.get('as') ?? 'img';
    const side = (totpMatrix.length + 2 * QUIET_ZONE) * MODULE_PX;
    const data = encodeURIComponent(state.totpUri);
    let qr: string;
    let css = '';
    if (as === 'canvas') {
      const rows = JSON.stringify(totpMatrix.map((row) => row.map((d) => (d ? '1' : '0')).join('')));
      qr = `<canvas id="qr-canvas" width="${side}" height="${side}"></canvas>
<script>(()=>{const rows=${rows},s=${MODULE_PX},q=${QUIET_ZONE};const g=document.getElementById('qr-canvas').getContext('2d');
g.fillStyle='#fff';g.fillRect(0,0,${side},${side});g.fillStyle='#000';
rows.forEach((r,y)=>[...r].forEach((c,x)=>{if(c==='1')g.fillRect((x+q)*s,(y+q)*s,s,s)}))})()</script>`;
    } else if (as === 'svg') {
      qr = qrSvg(totpMatrix, MODULE_PX, 'qr-svg');
    } else if (as === 'background') {
      qr = `<div id="qr-bg" role="img" aria-label="QR code"></div>`;
      css = `:root{--qr:${side}px}`;
    } else if (as === 'cross-origin') {
      const origin = parseOrigin(url.searchParams.get('origin'));
      if (!origin) throw new HttpError(400, 'origin must be an http(s) origin');
      qr = `<img id="qr-img" src="${esc(`${origin}/qr.png?data=${data}`)}" width="${side}" height="${side}" alt="QR code">`;
    } else {
      qr = `<img id="qr-img" src="/qr.png?data=${data}" width="${side}" height="${side}" alt="QR code">`;
    }
    const body = `<h1>Set up your authenticator app</h1>
<p>Scan this QR code with your authenticator app.</p>${qr}
<p id="secret-text">Can't scan? Enter this key: <code>${groupsOf4(state.secret)}</code></p>
<form method="post" action="/setup${esc(url.search)}"><label for="setup-code">Enter the 6-digit code from your app</label>
<input id="setup-code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6" required>
<button>Verify</button></form>${outcome}`;
    return page('Set up your authenticator app', body, css);
  }

  function loginCodePage(session: string, split: boolean, outcome = ''): string {
    const field = split
      ? `<fieldset class="digits"><legend>Enter the code from your authenticator app</legend>${[1, 2, 3, 4, 5, 6]
          .map(
            (i) =>
              `<input name="d${i}" id="d${i}" aria-label="Digit ${i}" maxlength="1" inputmode="numeric" pattern="[0-9]*"` +
              `${i === 1 ? ' autocomplete="one-time-code"' : ' autocomplete="off"'} required>`,
          )
          .join('')}</fieldset>`
      : `<label for="otp">Enter the code from your authenticator app</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6" required>`;
    const action = split ? '/login/split' : '/login/code';
    return page(
      'Two-step verification',
      `<h1>Two-step verification</h1><form method="post" action="${action}">
<input type="hidden" name="session" value="${esc(session)}">${field}<button>Verify</button></form>${outcome}`,
    );
  }

  function loginPage(split: boolean, outcome = ''): string {
    return page(
      'Sign in',
      `<h1>Sign in</h1><form method="post" action="/login"><input type="hidden" name="variant" value="${split ? 'split' : ''}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${ACCOUNT}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button>Sign in</button></form><p>The password is <q>${PASSWORD}</q>.</p>${outcome}`,
    );
  }

  function hotpPage(outcome = ''): string {
    const side = (generateQrMatrix(state.hotpUri).length + 2 * QUIET_ZONE) * MODULE_PX;
    return page(
      'Set up a counter-based key',
      `<h1>Set up a counter-based (HOTP) key</h1>
<img id="qr-img" src="/qr.png?data=${encodeURIComponent(state.hotpUri)}" width="${side}" height="${side}" alt="QR code">
<p id="secret-text">Can't scan? Enter this key: <code>${groupsOf4(state.hotpSecret)}</code> (counter-based)</p>
<form method="post" action="/hotp"><label for="hotp-code">Enter the 6-digit code from your app</label>
<input id="hotp-code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6" required>
<button>Verify</button></form>${outcome}`,
    );
  }

  const checkTotp = (code: string): boolean => /^\d{6}$/.test(code) && totp.validate({ token: code, window: 1 }) !== null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return html(
          res,
          page(
            'Home',
            `<h1>${ISSUER}</h1><nav><a href="/setup">Set up your authenticator app</a><a href="/login">Sign in</a>
<a href="/login?variant=split">Sign in (split code boxes)</a><a href="/hotp">Counter-based key</a></nav>
<p>Other QR renderings: <a href="/setup?as=canvas">canvas</a> · <a href="/setup?as=svg">svg</a> ·
<a href="/setup?as=background">CSS background</a></p>`,
          ),
        );
      case 'GET /setup':
        return html(res, setupPage(url));
      case 'POST /setup': {
        const ok = checkTotp((await readForm(req)).get('code')?.trim() ?? '');
        return html(res, setupPage(url, result(ok, ok ? 'Authenticator app added' : 'That code is not right')));
      }
      case 'GET /login':
        return html(res, loginPage(url.searchParams.get('variant') === 'split'));
      case 'POST /login': {
        const form = await readForm(req);
        const split = form.get('variant') === 'split';
        const email = form.get('email')?.trim() ?? '';
        if (!email || form.get('password') !== PASSWORD) {
          return html(res, loginPage(split, result(false, 'Wrong email or password')));
        }
        const session = randomUUID();
        sessions.set(session, email);
        res.writeHead(303, { Location: `/login/${split ? 'split' : 'code'}?session=${session}` }).end();
        return;
      }
      case 'GET /login/code':
      case 'GET /login/split':
        return html(res, loginCodePage(url.searchParams.get('session') ?? '', url.pathname.endsWith('split')));
      case 'POST /login/code':
      case 'POST /login/split': {
        const form = await readForm(req);
        const split = url.pathname.endsWith('split');
        const session = form.get('session') ?? '';
        const code = split ? [1, 2, 3, 4, 5, 6].map((i) => form.get(`d${i}`)?.trim() ?? '').join('') : (form.get('otp')?.trim() ?? '');
        // Coming straight to the code step (no session) is allowed, for tests; a made-up session is not.
        if (session && !sessions.has(session)) {
          return html(res, loginCodePage('', split, result(false, 'Your sign-in expired, start again')));
        }
        if (!checkTotp(code)) return html(res, loginCodePage(session, split, result(false, 'That code is not right')));
        sessions.delete(session);
        return html(res, page('Signed in', `<h1>Welcome</h1>${result(true, 'Signed in')}`));
      }
      case 'GET /hotp':
        return html(res, hotpPage());
      case 'POST /hotp': {
        const code = (await readForm(req)).get('code')?.trim() ?? '';
        const delta = /^\d{6}$/.test(code) ? hotp.validate({ token: code, counter: state.hotpCounter, window: 3 }) : null;
        // otpauth also looks behind the counter; RFC 4226 §7.4 resynchronises only forwards, and a used code must fail.
        const ok = delta !== null && delta >= 0;
        if (ok) state.hotpCounter += delta + 1;
        const extra = ` data-counter="${state.hotpCounter}"`;
        return html(res, hotpPage(result(ok, ok ? 'Code accepted' : 'That code is not right', extra)));
      }
      case 'GET /qr.png':
      case 'GET /qr.svg': {
        const text = url.searchParams.get('data') ?? state.totpUri;
        const scale = Number(url.searchParams.get('scale') ?? MODULE_PX);
        if (!Number.isInteger(scale) || scale < 1 || scale > 32) throw new HttpError(400, 'scale must be 1..32');
        let matrix: boolean[][];
        try {
          matrix = generateQrMatrix(text);
        } catch {
          throw new HttpError(400, 'data does not fit in a QR code');
        }
        // Only on request: real sites rarely send CORS headers for images, and tests need both cases.
        const cors: Record<string, string> = url.searchParams.has('cors') ? { 'Access-Control-Allow-Origin': '*' } : {};
        if (url.pathname === '/qr.svg') return send(res, 200, 'image/svg+xml', qrSvg(matrix, scale), cors);
        return send(res, 200, 'image/png', encodeQrPng(matrix, scale), cors);
      }
      case 'GET /api/state':
        return send(res, 200, 'application/json', JSON.stringify(state));
      default:
        throw new HttpError(404, 'Not found');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) console.error(err);
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', err instanceof HttpError ? err.message : 'Server error');
      else res.end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'Form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// `node --import tsx scripts/demo-server.ts` serves the site alone (PORT, default 8787), without a browser.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const demo = await startDemoServer({ port: Number(process.env.PORT ?? 8787) });
  console.log(`Example Corp demo site: ${demo.url}/`);
}
