/**
 * Returns the better-sqlite3 option that selects the native addon. Under
 * Electron the addon must be compiled for Electron's ABI, so `npm start`
 * builds one into `.native/electron` and names it in EMBARK_SQLITE_BINDING;
 * under Node the copy in node_modules is used.
 */
export function nativeBindingOption(): { nativeBinding?: string } {
  const binding = process.env.EMBARK_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}
