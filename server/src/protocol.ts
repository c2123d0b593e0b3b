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

import type { Diagram } from './core/diagram/types';

/**
 * `workunit/diagram`: the boundary diagram of an open unit, laid out by the
 * server. While the YAML is broken the last good diagram comes back with
 * `stale: true`, so the preview can keep it under a banner.
 */
export const DIAGRAM_REQUEST = 'workunit/diagram';
export interface DiagramParams {
  uri: string;
}
export interface DiagramResult {
  diagram?: Diagram;
  /** The document version the diagram was laid out from. */
  version?: number;
  /** The current text does not parse; this is the last good diagram. */
  stale: boolean;
  /** Why there is no diagram (not a unit file, nothing parsed yet). */
  reason?: string;
}

export interface WorkunitSettings {
  /** Rule id → level; wins over `workunit.config.yaml` for this user. */
  rules?: Record<string, string>;
}

export function isUnitFile(uriOrPath: string): boolean {
  return UNIT_FILE_PATTERN.test(uriOrPath.replace(/[?#].*$/, ''));
}
