/**
 * Rule levels for a document: `workunit.config.yaml` (nearest above the file,
 * up to its workspace folder) under the editor's `workunit.rules` setting.
 * Pulled with `workspace/configuration` where the client supports it, else
 * taken from `didChangeConfiguration` pushes.
 *
 * Only a plain local file inside a workspace folder reads a config file; any
 * other document (outside every folder, `untitled:`, a remote share, a URI
 * Node names no file for) gets the defaults under the editor's setting, with
 * no disk access.
 */
import type { Connection } from 'vscode-languageserver/node';
import { LevelResolver, readRuleLevels, type RuleLevels } from '../core/config/levels';
import { ConfigLookup, withoutValues } from '../host/configLookup';
import { localPathOf } from '../host/fileUri';
import { SETTINGS_SECTION, type WorkunitSettings } from '../protocol';

/**
 * How long a `workspace/configuration` request may go unanswered before the
 * document is checked without the editor's setting: long enough for a busy
 * client, short enough that a client that never answers still gets
 * diagnostics while the author looks.
 */
export const CONFIGURATION_TIMEOUT_MS = 3000;

export class Settings {
  supportsPull = false;
  /** The workspace folder (a local path) holding a file, if any: the ceiling of its config lookup. */
  folderOf: (path: string) => string | undefined = () => undefined;
  private pushed: WorkunitSettings = {};
  private readonly byUri = new Map<string, Promise<WorkunitSettings>>();
  private readonly reported = new Set<string>();
  private timeoutReported = false;
  readonly configs: ConfigLookup;

  constructor(private readonly connection: Connection) {
    // The log names the file and the problem, never the keys and values it holds.
    this.configs = new ConfigLookup((m) => connection.console.warn(withoutValues(m, m.slice(0, m.indexOf(': ')))));
  }

  /** A settings change: forget what was fetched; `pushed` is the notification's payload, if any. */
  changed(pushed: unknown): void {
    const s = (pushed as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    if (s && typeof s === 'object') this.pushed = s as WorkunitSettings;
    this.byUri.clear();
    this.reported.clear();
  }

  /** A `workunit.config.yaml` changed on disk. */
  configFileChanged(): void {
    this.configs.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** The levels of `workunit.config.yaml` for a document: none outside the workspace folders or off the local disk. */
  fileLevels(uri: string): RuleLevels {
    const path = localPathOf(uri);
    const folder = path === undefined ? undefined : this.folderOf(path);
    return path !== undefined && folder !== undefined ? this.configs.forFile(path, folder).config.rules : {};
  }

  async levelsFor(uri: string): Promise<LevelResolver> {
    const fileLevels = this.fileLevels(uri);
    const settings = await this.editorSettings(uri);
    const { levels, problems } = readRuleLevels(settings.rules, 'workunit.rules setting');
    for (const p of problems) {
      const line = withoutValues(p, 'The workunit.rules setting');
      if (this.reported.has(line)) continue;
      this.reported.add(line);
      this.connection.console.warn(line);
    }
    return new LevelResolver(fileLevels, levels);
  }

  private editorSettings(uri: string): Promise<WorkunitSettings> {
    if (!this.supportsPull) return Promise.resolve(this.pushed);
    let s = this.byUri.get(uri);
    if (!s) {
      s = this.pull(uri);
      this.byUri.set(uri, s);
    }
    return s;
  }

  /** The client's answer, or no setting when it fails or does not answer in time (said once in the log). */
  private pull(uri: string): Promise<WorkunitSettings> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!this.timeoutReported) {
          this.timeoutReported = true;
          this.connection.console.warn(
            `The client did not answer workspace/configuration within ${CONFIGURATION_TIMEOUT_MS / 1000} s; checking without the workunit.rules setting (workunit.config.yaml and the defaults apply).`,
          );
        }
        resolve({});
      }, CONFIGURATION_TIMEOUT_MS);
      this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (v: unknown) => {
          clearTimeout(timer);
          resolve(v && typeof v === 'object' && !Array.isArray(v) ? (v as WorkunitSettings) : {});
        },
        (e: unknown) => {
          clearTimeout(timer);
          this.connection.console.warn(`workspace/configuration failed (${(e as Error)?.message ?? e}); checking without the workunit.rules setting.`);
          resolve({});
        },
      );
    });
  }
}
