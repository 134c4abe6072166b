/**
 * Makes Chromium's LevelDB forget what a new PIN replaced (issue 8, "A PIN must protect a copied profile"):
 * after a first PIN the device key and everything under the old vault key, after a change the old PIN slot.
 *
 * All of the extension's IndexedDB databases share one LevelDB. An overwritten or deleted value (the
 * device key, the device-wrapped old vault key, the records sealed under it) stays in its log and table
 * files until a compaction merges the file holding it with the newer version down to the lowest level
 * that holds the key. Closing the browser compacts nothing; `deleteDatabase` compacts only the deleted
 * database's key range, and only at levels below the deepest level already holding that range.
 * Chromium's own full compaction runs when the origin's IndexedDB has been idle for 2 s, at most
 * about once a day per origin, and never in the first minutes of a browser session.
 *
 * So we force the merge with a scratch database, never touching the vault's:
 * 1. 12 MiB of random bytes (Snappy cannot shrink them) in 32 KiB values (larger ones become blob
 *    files, outside LevelDB). The write buffer is 4 MiB, so this makes level-0 tables.
 * 2. Create and delete a small second database: its compaction pushes every level-0 table into level 1,
 *    now over LevelDB's 10 MiB limit for level 1, so LevelDB moves part of the filler to level 2.
 * 3. Delete the filler database: the scratch range now reaches level 2, so this compaction merges every
 *    table at levels 0 to 2 (where all of Twostep's data lives) and drops every overwritten value.
 * 4. Create and delete the small database once more: step 3's input files may still be on disk (an
 *    open iterator can hold them); the next compaction removes them. Then wait for LevelDB (`settled`).
 * Measured with Chromium 156 (headless, 2 busy cores): a first PIN takes 0.18 to 0.25 s longer, the
 * LevelDB directory grows by up to 27 MiB meanwhile, and the old keys are gone from every file when
 * the call returns (without `settled`, 50 to 170 ms after it). With 8 MiB of filler the old values
 * survived; so did they with 20 small deletes, one large value, 20 s of waiting, or a browser restart.
 *
 * A worker stopped mid-way leaves scratch databases, and the pending mark set before the re-key: the
 * next start deletes them and runs the whole scrub again.
 */
import type { RandomBytes } from '../../core/vault/crypto';

export const FILL_DB = 'twostep-scrub-fill';
export const FLUSH_DB = 'twostep-scrub-flush';
const STORE = 's';
const FILL_BYTES = 12 * 1024 * 1024;
const VALUE_BYTES = 32 * 1024;
const VALUES_PER_TX = 32;
const SETTLE_MS = 10_000;
const SETTLE_STEP_MS = 25;

/** Whether a scrub is owed: set before a PIN is set or changed, cleared once a scrub ran to its end. */
export interface ScrubMark {
  isSet(): Promise<boolean>;
  set(): Promise<void>;
  clear(): Promise<void>;
}

export interface ScrubDeps {
  idb: IDBFactory;
  random: RandomBytes;
  mark: ScrubMark;
  /** The origin's storage use in bytes (`navigator.storage.estimate()`): it tells when LevelDB is done. */
  usage: () => Promise<number>;
  sleep: (ms: number) => Promise<void>;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

async function openScratch(idb: IDBFactory, name: string): Promise<IDBDatabase> {
  const open = idb.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

function drop(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const del = idb.deleteDatabase(name);
    del.onsuccess = () => resolve();
    del.onerror = () => reject(del.error ?? new Error('deleteDatabase failed'));
    // Only this file opens these names, and it closes them first: a block means something is wrong.
    del.onblocked = () => reject(new Error(`deleteDatabase(${name}) blocked`));
  });
}

async function write(db: IDBDatabase, values: Uint8Array[], from: number): Promise<void> {
  const tx = db.transaction(STORE, 'readwrite');
  values.forEach((v, i) => tx.objectStore(STORE).put(v, from + i));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('scratch write failed'));
  });
}

/** Creates the small database and deletes it again: each delete makes LevelDB flush and compact. */
async function flush(idb: IDBFactory): Promise<void> {
  const db = await openScratch(idb, FLUSH_DB);
  try {
    await write(db, [new Uint8Array(1)], 0);
  } finally {
    db.close();
  }
  await drop(idb, FLUSH_DB);
}

/**
 * Chromium deletes a database's keys and compacts them in a cleanup task after `deleteDatabase`
 * succeeded (measured: 50 to 170 ms later), so wait until the filler's files are gone: they are inputs
 * of the same compaction as the old values. Rejects if that does not happen (the mark stays).
 */
async function settled({ usage, sleep }: ScrubDeps, base: number): Promise<void> {
  for (let waited = 0; waited < SETTLE_MS; waited += SETTLE_STEP_MS) {
    if ((await usage()) < base + FILL_BYTES / 4) return;
    await sleep(SETTLE_STEP_MS);
  }
  throw new Error('LevelDB kept the scrub filler');
}

async function scrub(deps: ScrubDeps): Promise<void> {
  const { idb, random } = deps;
  await drop(idb, FILL_DB);
  await drop(idb, FLUSH_DB);
  const base = await deps.usage();
  const fill = await openScratch(idb, FILL_DB);
  try {
    for (let n = 0; n * VALUE_BYTES < FILL_BYTES; n += VALUES_PER_TX) {
      await write(fill, Array.from({ length: VALUES_PER_TX }, () => random(VALUE_BYTES)), n);
    }
  } finally {
    fill.close();
  }
  await flush(idb);
  // A barrier: LevelDB runs one compaction at a time, so this one waits for the move into level 2.
  await flush(idb);
  await drop(idb, FILL_DB);
  await flush(idb);
  await settled(deps, base);
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs the scrub (one at a time in this worker) and clears the mark when it ran to its end. */
export function scrubObsoleteValues(deps: ScrubDeps): Promise<void> {
  const run = queue.then(async () => {
    await scrub(deps);
    await deps.mark.clear();
  });
  queue = run.catch(() => undefined);
  return run;
}

/** At worker start: a scrub owed (a worker stopped after the mark) runs now, leftovers deleted first. */
export async function scrubIfOwed(deps: ScrubDeps): Promise<void> {
  if (await deps.mark.isSet()) await scrubObsoleteValues(deps);
}
