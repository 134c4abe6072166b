/**
 * The popup's views other than the list and the PIN pad: a chunk of their own (lazy-views.ts), so the
 * cold first screen loads and compiles only what it shows.
 */
export { AddView } from './components/AddView';
export { EditView } from './components/EditView';
export { SettingsView } from './components/SettingsView';
