/**
 * Firefox names our pages by a per-profile UUID (moz-extension://<uuid>/) while runtime.id is the add-on
 * id: the router must know both, and accept neither alone (issue 13).
 */
import { describe, expect, it } from 'vitest';
import { classifySender, type RawSender } from '../../../src/background/router';

const SELF = { id: 'twostep@twostep.app', host: '6f0c2a3e-1b7d-4c59-9a8e-2d4f5b6c7d8e' };
const page: RawSender = { id: SELF.id, url: `moz-extension://${SELF.host}/src/popup/index.html` };

describe('classifySender on Firefox', () => {
  it.each([
    ['our popup page at our UUID', page, 'extension'],
    ['a page at another profile’s or add-on’s UUID', { ...page, url: 'moz-extension://00000000-0000-4000-8000-000000000000/src/popup/index.html' }, null],
    ['another add-on’s id with our URL', { ...page, id: 'evil@example.org' }, null],
    ['our page named by the add-on id instead of the UUID', { ...page, url: `moz-extension://${SELF.id}/src/popup/index.html` }, null],
    ['a content script in a tab', { id: SELF.id, url: 'https://github.com/login', tab: { id: 4 }, frameId: 0 }, 'content'],
  ] as const)('%s', (_name, sender, kind) => {
    expect(classifySender(sender, SELF)?.kind ?? null).toBe(kind);
  });

  it('takes the origin from the frame URL when the browser gives no sender.origin', () => {
    expect(classifySender({ id: SELF.id, url: 'https://github.com.evil.example/x', tab: { id: 4 }, frameId: 2 }, SELF)).toMatchObject({
      kind: 'content',
      origin: 'https://github.com.evil.example',
      frameId: 2,
    });
  });
});
