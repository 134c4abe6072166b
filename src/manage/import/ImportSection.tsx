/**
 * The Import section: files, dropped files, pasted links and QR screenshots are read on this page
 * (the parsers and their KDFs never load in the popup or the worker), shown as a preview, and only
 * the ticked accounts are written, in one vault transaction, when the user confirms.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../../shared/client';
import { plural, t, translateError } from '../../shared/i18n';
import { ImportSources } from './ImportSources';
import { PreviewTable } from './PreviewTable';
import { keepChoices, previewRows, setAllTicked, setBind, setTicked, tickedCount, toWrite, type PreviewBatch, type PreviewRow } from './preview';
import { isImage, newSourceId, readQrImages, readSource, textBytes, type Source } from './read';
import { SourceList } from './SourceList';

/** The most accounts one import writes; the worker refuses larger batches (accounts.import). */
const MAX_BATCH = 5_000;
/** User Timing marks, for `npm run bench`: a file chosen, and its preview rows in the DOM. */
const MARK_CHOSEN = 'twostep:import-chosen';
const MARK_PREVIEW = 'twostep:import-preview';

type ReadSource = Extract<Source, { status: 'read' }>;
const isRead = (source: Source): source is ReadSource => source.status === 'read';

/** Which accounts are already in the vault, asked in batches the worker accepts. */
async function inVault(batches: readonly PreviewBatch[]): Promise<boolean[]> {
  const all = batches.flatMap((batch) => batch.accounts);
  const flags: boolean[] = [];
  for (let i = 0; i < all.length; i += MAX_BATCH) {
    flags.push(...(await call('accounts.importCheck', { inputs: all.slice(i, i + MAX_BATCH) })).duplicate);
  }
  return flags;
}

export function ImportSection() {
  const [sources, setSources] = useState<Source[]>([]);
  const [rows, setRows] = useState<PreviewRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ added: number; duplicates: number } | null>(null);
  const [writing, setWriting] = useState(false);
  const latest = useRef(sources);
  latest.current = sources;

  const readIds = sources.filter(isRead).map((s) => s.id).join(',');
  useEffect(() => {
    const batches = latest.current.filter(isRead).map((s) => ({ id: s.id, source: s.name, accounts: s.result.accounts, ownSites: s.result.format === 'twostep-backup' }));
    if (batches.every((b) => b.accounts.length === 0)) return setRows([]);
    let current = true;
    inVault(batches).then(
      (flags) => current && setRows((previous) => keepChoices(previewRows(batches, flags), previous)),
      (err: unknown) => current && setError(translateError(err)),
    );
    return () => {
      current = false;
    };
  }, [readIds]);
  useEffect(() => {
    if (rows.length > 0 && performance.getEntriesByName(MARK_CHOSEN).length > 0) performance.mark(MARK_PREVIEW);
  }, [rows]);

  /** Puts `results` where the placeholders `ids` were. */
  const replace = (ids: readonly string[], results: readonly Source[]): void =>
    setSources((previous) => {
      const at = previous.findIndex((s) => ids.includes(s.id));
      const rest = previous.filter((s) => !ids.includes(s.id));
      return at === -1 ? [...rest, ...results] : [...rest.slice(0, at), ...results, ...rest.slice(at)];
    });
  const begin = (names: readonly string[]): string[] => {
    setDone(null);
    setError(null);
    const placeholders: Source[] = names.map((name) => ({ id: newSourceId(), name, status: 'reading' }));
    setSources((previous) => [...previous, ...placeholders]);
    return placeholders.map((p) => p.id);
  };

  const readFiles = async (files: File[], asQr = false): Promise<void> => {
    performance.clearMarks(MARK_PREVIEW);
    performance.mark(MARK_CHOSEN);
    const ids = begin(files.map((f) => f.name));
    const read = await Promise.all(files.map(async (file, i) => ({ id: ids[i] ?? newSourceId(), name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    const images = read.filter((f) => asQr || isImage(f.bytes));
    const others = read.filter((f) => !images.includes(f));
    await Promise.all(others.map(async (f) => replace([f.id], [await readSource(f.id, f.name, f.bytes)])));
    if (images.length > 0) replace(images.map((f) => f.id), await readQrImages(images, plural('manage_import_qr_source', images.length)));
  };

  const readPaste = async (text: string): Promise<void> => {
    const [id = newSourceId()] = begin([t('manage_import_pasted')]);
    replace([id], [await readSource(id, t('manage_import_pasted'), textBytes(text))]);
  };

  const openWithPassword = async (id: string, password: string): Promise<void> => {
    const source = latest.current.find((s) => s.id === id);
    if (source?.status !== 'password') return;
    const next = await readSource(id, source.name, source.bytes, password);
    replace([id], [next.status === 'password' ? { ...next, format: source.format } : next]);
  };

  const confirm = async (): Promise<void> => {
    const inputs = toWrite(rows);
    if (inputs.length === 0 || writing) return;
    if (inputs.length > MAX_BATCH) return setError(t('manage_import_too_many', MAX_BATCH.toLocaleString()));
    setWriting(true);
    setError(null);
    try {
      setDone(await call('accounts.import', { inputs }));
      setSources([]);
      setRows([]);
    } catch (err) {
      setError(translateError(err));
    } finally {
      setWriting(false);
    }
  };

  const ticked = tickedCount(rows);
  const busy = sources.some((s) => s.status === 'reading');
  return (
    <section aria-labelledby="section-title" class="import">
      <h2 id="section-title">{t('manage_import_title')}</h2>
      <p class="lead">{t('manage_import_intro')}</p>
      <ImportSources onFiles={(files) => void readFiles(files)} onQrImages={(files) => void readFiles(files, true)} onPaste={(text) => void readPaste(text)} busy={busy} />
      {done ? (
        <p class="notice ok" role="status" data-testid="import-done">
          {plural('manage_import_done', done.added)}
          {done.duplicates > 0 ? ` ${plural('scan_skipped', done.duplicates)}` : null}
        </p>
      ) : null}
      <SourceList sources={sources} onPassword={openWithPassword} onRemove={(id) => replace([id], [])} />
      {rows.length > 0 ? (
        <>
          <h3>{plural('manage_import_preview', rows.length)}</h3>
          <PreviewTable
            rows={rows}
            onTick={(key, on) => setRows((r) => setTicked(r, key, on))}
            onAll={(on) => setRows((r) => setAllTicked(r, on))}
            onBind={(key, on) => setRows((r) => setBind(r, key, on))}
          />
          <div class="import-confirm-bar">
            <button type="button" class="button primary" data-testid="import-confirm" disabled={ticked === 0 || writing || busy} onClick={() => void confirm()}>
              {plural('manage_import_confirm', ticked)}
            </button>
          </div>
        </>
      ) : null}
      {error ? (
        <p class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
