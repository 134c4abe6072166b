/** The optional host permission (manifest `optional_host_permissions`) the inline fill button needs. */
export const SITE_ORIGINS: string[] = ['https://*/*', 'http://*/*'];
