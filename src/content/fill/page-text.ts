/** What the look-alike check reads: the title, the headings, and the words around the code field. */
import { labelText, nearText } from '../otp-field/describe';
import type { OtpTarget } from '../otp-field';

const MAX = 2000;

export function firstInput(target: OtpTarget): HTMLInputElement {
  return target.kind === 'single' ? target.input : target.inputs[0]!;
}

export function pageText(target: OtpTarget): string {
  const el = firstInput(target);
  const headings = Array.from(document.querySelectorAll('h1, h2, h3'), (h) => h.textContent ?? '').slice(0, 12);
  return [document.title, ...headings, labelText(el), nearText(el)].join('\n').replace(/\s+/g, ' ').slice(0, MAX);
}
