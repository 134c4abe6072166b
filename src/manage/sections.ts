/** The page's sections, addressed by the URL's hash (`#import`), so the popup can open one directly. */
export const SECTIONS = ['accounts', 'import', 'backup', 'export', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export function sectionOf(hash: string): Section {
  const name = hash.replace(/^#/, '').split('/')[0];
  return (SECTIONS as readonly string[]).includes(name ?? '') ? (name as Section) : 'accounts';
}
