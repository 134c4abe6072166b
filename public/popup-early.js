// The popup's storage reads (popup/startup.ts), started while the HTML is parsed: a module script
// runs only once every module of the popup is fetched and compiled, which in a fresh extension
// process (the usual case: a stopped worker leaves none) takes longer than the reads themselves.
// A plain script, so it runs at once; the item names are those of src/shared/startup-items.ts
// (test/unit/popup-early.test.ts checks). Nothing here is secret: the codes view is what the list shows.
globalThis.twostepEarlyRead = Promise.all([
  chrome.storage.session.get(['codesView', 'lastUseAt']),
  chrome.storage.local.get(['vaultProtection', 'settings']),
]);
