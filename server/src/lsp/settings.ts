/**
 * Rule levels for a document: `workunit.config.yaml` (nearest above the file)
 * under the editor's `workunit.rules` setting. Pulled with
 * `workspace/configuration` where the client supports it, else taken from
 * `didChangeConfiguration` pushes.
 */
import type { Connection } from 'vscode-languageserver';
import { LevelResolver, readRuleLevels } from '../core/config/levels';
import type { ConfigLookup } from '../core/config/configLookup';
import { SETTINGS_SECTION, type WorkunitSettings } from '../protocol';

export class Settings {
  supportsPull = false;
  private pushed: WorkunitSettings = {};
  private readonly byUri = new Map<string, Promise<WorkunitSettings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly configs: ConfigLookup,
    /** The file behind a document URI (see `ServerHost.keyOf`); none: the defaults. */
    private readonly keyOf: (uri: string) => string | undefined,
  ) {}

  /** A settings change: forget what was fetched; `pushed` is the notification's payload, if any. */
  changed(pushed: unknown): void {
    const s = (pushed as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    if (s && typeof s === 'object') this.pushed = s as WorkunitSettings;
    this.byUri.clear();
    this.reported.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  async levelsFor(uri: string): Promise<LevelResolver> {
    const key = this.keyOf(uri);
    const fileLevels = key ? (await this.configs.forFile(key)).config.rules : {};
    const settings = await this.editorSettings(uri);
    const { levels, problems } = readRuleLevels(settings.rules, 'workunit.rules setting');
    for (const p of problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.connection.console.warn(p);
    }
    return new LevelResolver(fileLevels, levels);
  }

  private editorSettings(uri: string): Promise<WorkunitSettings> {
    if (!this.supportsPull) return Promise.resolve(this.pushed);
    let s = this.byUri.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((v: unknown) => (v && typeof v === 'object' ? (v as WorkunitSettings) : {}))
        .catch(() => ({}));
      this.byUri.set(uri, s);
    }
    return s;
  }
}
