/**
 * What the server and the client agree on, declared once; the client imports
 * this same file. Custom requests and webview messages join it as they come.
 */

export const LANGUAGE_ID = 'workunit';
/** Files the server handles, whatever language id the editor gives them. */
export const UNIT_FILE_PATTERN = /\.workunit\.ya?ml$/i;
export const UNIT_FILE_GLOB = '**/*.workunit.{yaml,yml}';
export const CONFIG_FILE_GLOB = '**/workunit.config.yaml';
/** The settings section the server reads (`workunit.rules`…). */
export const SETTINGS_SECTION = 'workunit';
export const DIAGNOSTIC_SOURCE = 'workunit';

export interface WorkunitSettings {
  /** Rule id → level; wins over `workunit.config.yaml` for this user. */
  rules?: Record<string, string>;
}

export function isUnitFile(uriOrPath: string): boolean {
  return UNIT_FILE_PATTERN.test(uriOrPath.replace(/[?#].*$/, ''));
}
