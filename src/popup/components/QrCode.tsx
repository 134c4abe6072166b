import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

/** The quiet zone ISO/IEC 18004 asks for around a code: four modules of white on every side. */
const QUIET = 4;

interface Props {
  /** What the code says (an otpauth:// or otpauth-migration:// link). Never put in an attribute. */
  text: string;
  /** What the picture shows, for screen readers ("QR code for GitHub: alice"); no secret. */
  label: string;
  /** About how wide the code should be, in CSS pixels; modules are whole pixels, at least 3. */
  size: number;
  testId?: string;
}

/**
 * A QR code drawn on a canvas, dark modules on white whatever the theme (cameras need contrast).
 * The encoder is loaded with a dynamic import, so it is a chunk of its own that the popup fetches
 * only when someone asks for a code, and the popup's first load stays small.
 */
export function QrCode({ text, label, size, testId }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    import('qrcode-generator').then(
      ({ default: qrcode }) => {
        const target = canvas.current;
        if (!live || !target) return;
        // Level M, the type number chosen to fit: the batches are planned to stay within version 20.
        const qr = qrcode(0, 'M');
        qr.addData(text, 'Byte');
        qr.make();
        draw(target, (row, col) => qr.isDark(row, col), qr.getModuleCount(), size);
        // Says the picture is complete (tests wait for it before reading the code off the screen).
        target.dataset.ready = 'true';
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      // The picture is the secret: wipe it when the code goes, not only when the element does.
      const target = canvas.current;
      if (!target) return;
      delete target.dataset.ready;
      target.getContext('2d')?.clearRect(0, 0, target.width, target.height);
    };
  }, [text, size]);
  if (failed) return <p class="error">{t('error_internal')}</p>;
  return <canvas ref={canvas} class="qr-code" role="img" aria-label={label} data-testid={testId} />;
}

function draw(canvas: HTMLCanvasElement, dark: (row: number, col: number) => boolean, modules: number, size: number): void {
  const side = modules + 2 * QUIET;
  const cell = Math.max(3, Math.floor(size / side));
  // Whole device pixels per module, so edges stay sharp on a HiDPI screen.
  const scale = Math.max(1, Math.ceil(devicePixelRatio));
  canvas.width = side * cell * scale;
  canvas.height = side * cell * scale;
  canvas.style.width = `${side * cell}px`;
  canvas.style.height = `${side * cell}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  const px = cell * scale;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000000';
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (dark(row, col)) context.fillRect((col + QUIET) * px, (row + QUIET) * px, px, px);
    }
  }
}
