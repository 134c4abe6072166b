/** Where an import comes from: a file picker, a drop zone, a box for pasted text, and a QR image picker. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

interface Props {
  onFiles: (files: File[]) => void;
  onQrImages: (files: File[]) => void;
  onPaste: (text: string) => void;
  busy: boolean;
}

export function ImportSources({ onFiles, onQrImages, onPaste, busy }: Props) {
  const [over, setOver] = useState(false);
  const [text, setText] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const qrInput = useRef<HTMLInputElement>(null);

  // A file dropped beside the zone would make the browser open it in this tab, losing the preview.
  useEffect(() => {
    const keep = (e: DragEvent): void => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    addEventListener('dragover', keep);
    addEventListener('drop', keep);
    return () => {
      removeEventListener('dragover', keep);
      removeEventListener('drop', keep);
    };
  }, []);

  // An input's files are taken and the input emptied, so choosing the same file again reads it again.
  const take = (input: HTMLInputElement, to: (files: File[]) => void): void => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) to(files);
  };

  return (
    <div class="import-sources">
      <div
        class={over ? 'drop-zone over' : 'drop-zone'}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const files = [...(e.dataTransfer?.files ?? [])];
          if (files.length > 0) onFiles(files);
        }}
      >
        <p>{t('manage_import_drop')}</p>
        <input ref={fileInput} id="import-file" data-testid="import-file" type="file" multiple class="visually-hidden" onChange={(e) => take(e.currentTarget, onFiles)} />
        <label for="import-file" class="button primary">
          {t('manage_import_choose')}
        </label>
        <p class="hint">{t('manage_import_formats')}</p>
      </div>

      <div class="import-qr">
        <input ref={qrInput} id="import-qr" data-testid="import-qr" type="file" accept="image/*" multiple class="visually-hidden" onChange={(e) => take(e.currentTarget, onQrImages)} />
        <label for="import-qr" class="button">
          {t('manage_import_qr_choose')}
        </label>
        <p class="hint">{t('manage_import_qr_hint')}</p>
      </div>

      <form
        class="field import-paste"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === '' || busy) return;
          onPaste(text);
          setText('');
        }}
      >
        <label for="import-paste">{t('manage_import_paste')}</label>
        <textarea
          id="import-paste"
          data-testid="import-paste"
          rows={4}
          value={text}
          spellcheck={false}
          autocomplete="off"
          placeholder="otpauth://totp/… · otpauth-migration://offline?data=…"
          aria-describedby="import-paste-hint"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <p class="hint" id="import-paste-hint">
          {t('manage_import_paste_hint')}
        </p>
        <button type="submit" class="button" data-testid="import-paste-submit" disabled={busy || text.trim() === ''}>
          {t('manage_import_paste_read')}
        </button>
      </form>
    </div>
  );
}
