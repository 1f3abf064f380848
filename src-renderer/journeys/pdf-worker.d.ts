/** Vite resolves a `?url` import to the asset's URL in the build. */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
