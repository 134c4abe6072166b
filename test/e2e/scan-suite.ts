/**
 * The shared set-up of a QR test file: one browser with the extension and one demo site for the file,
 * both closed after it. Each test opens its own page on a URL of its own, so no state carries over.
 */
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { launchExtension, type Extension } from './harness';

export interface ScanSuite {
  readonly ext: Extension;
  readonly site: DemoServer;
}

/** Call at the top of a `describe`: the getters are valid inside its tests. */
export function scanSuite(): ScanSuite {
  let ext: Extension | null = null;
  let site: DemoServer | null = null;
  beforeAll(async () => {
    ext = await launchExtension();
    site = await startDemoServer();
  });
  afterAll(async () => {
    await site?.close();
    await ext?.close({ discard: true });
  });
  return {
    get ext() {
      if (!ext) throw new Error('scanSuite: the browser is not started yet');
      return ext;
    },
    get site() {
      if (!site) throw new Error('scanSuite: the demo site is not started yet');
      return site;
    },
  };
}
