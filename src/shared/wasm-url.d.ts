/** Vite's `?url` imports: the emitted asset's path inside dist. */
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
