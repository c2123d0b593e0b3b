/**
 * The workspace catalog in memory, host-independent: a scan of a folder, a
 * file changed, a file and a folder deleted, `ignore` globs, a config file
 * changed, open documents over files, and the config lookup's bounds — with
 * `mem://` URIs, as a web file system names its files. The protocol tests
 * run the same catalog over stdio on a real disk.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, it } from 'node:test';
import { checkUnit } from '../../server/src/core/analyze';
import { WorkspaceCatalog, type ProgressReporter } from '../../server/src/core/catalog/workspaceCatalog';
import { trimSlash } from '../../server/src/core/catalog/uris';
import { ConfigLookup } from '../../server/src/core/config/configLookup';
import { LevelResolver } from '../../server/src/core/config/levels';
import { nodeScheduler } from '../../server/src/host/node/fileSystem';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { readUnitFile } from '../../server/src/core/catalog/walk';
import { summarizeText, type UnitSummary } from '../../server/src/core/catalog/workspace';
import type { FileSummarizer } from '../../server/src/core/catalog/fileSystem';
import { textHash } from '../../server/src/core/text/hash';

const EXAMPLE = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');
const unit = (id: string, valueStream = `${id}-stream`) => EXAMPLE.replace(/^id: .*$/m, `id: ${id}`).replace(/^valueStream: .*$/m, `valueStream: ${valueStream}`);

function setup(fs = new MemoryFileSystem(), summarizer?: FileSummarizer<UnitSummary | undefined>) {
  const republished: string[] = [];
  const warnings: string[] = [];
  const progress: string[] = [];
  let configChanges = 0;
  const configs = new ConfigLookup(fs, (m) => warnings.push(m), () => catalog.folderUris());
  const reporter: ProgressReporter = { begin: (t) => progress.push(`begin ${t}`), report: (p) => progress.push(`report ${Math.round(p)}`), done: () => progress.push('done') };
  const catalog: WorkspaceCatalog = new WorkspaceCatalog({
    fs,
    scheduler: nodeScheduler,
    configs,
    keyOf: (uri) => (uri.startsWith('mem://') ? trimSlash(uri) : undefined),
    log: { info: () => {}, warn: (m) => warnings.push(m) },
    progress: async () => reporter,
    republish: (uris) => republished.push(...uris),
    configChanged: () => configChanges++,
    failed: (_what, e) => {
      throw e; // a bug in the catalog: fails the test as an unhandled rejection
    },
    summarizer,
  });
  catalog.setFolders([{ uri: fs.root, name: 'ws' }]);
  return { fs, catalog, configs, republished, warnings, progress, configChanges: () => configChanges };
}

async function keys(catalog: WorkspaceCatalog): Promise<string[]> {
  return (await catalog.files()).map((f) => f.key.replace(/^mem:\/\/host\/ws\//, '')).sort();
}

const rulesOf = (catalog: WorkspaceCatalog, key: string) => (catalog.catalogFindings(key) ?? []).map((f) => f.rule);

describe('the workspace catalog, in memory', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    t = setup();
    t.fs.write('a.workunit.yaml', unit('shared'));
    t.fs.write('team/b.workunit.yaml', unit('shared'));
    t.fs.write('team/c.workunit.yml', unit('c'));
    t.fs.write('team/notes.yaml', 'not: a unit\n');
    t.fs.write('node_modules/pkg/vendored.workunit.yaml', unit('shared'));
    t.catalog.start();
    await t.catalog.whenScanned();
  });

  it('scans the folder: every unit file, none from node_modules, the catalog rules over them', async () => {
    assert.deepEqual(await keys(t.catalog), ['a.workunit.yaml', 'team/b.workunit.yaml', 'team/c.workunit.yml']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), ['duplicate-unit-id']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('team/c.workunit.yml')), []);
    assert.equal(t.catalog.labelOf(t.fs.uri('team/b.workunit.yaml')), 'team/b.workunit.yaml');
    assert.deepEqual(t.progress.slice(0, 1).concat(t.progress.slice(-1)), ['begin Indexing work units', 'done']);
    assert.ok(!t.fs.calls.some((c) => c.includes('node_modules/pkg')), 'the walk does not enter node_modules');
  });

  it('a file changed re-reads it: the duplicate goes when its id changes', async () => {
    await t.catalog.filesChanged([t.fs.write('team/b.workunit.yaml', unit('other'))]);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), []);
    assert.ok((await t.catalog.symbols('other')).some((s) => s.unitId === 'other' && s.uri === t.fs.uri('team/b.workunit.yaml')));
  });

  it('a file deleted leaves, and so does every unit of a folder deleted in one event', async () => {
    await t.catalog.filesChanged([t.fs.delete('a.workunit.yaml')]);
    assert.deepEqual(await keys(t.catalog), ['team/b.workunit.yaml', 'team/c.workunit.yml']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('team/b.workunit.yaml')), []);
    await t.catalog.filesChanged([t.fs.delete('team')]);
    assert.deepEqual(await keys(t.catalog), []);
  });

  it('a folder created with units joins in one event', async () => {
    t.fs.write('later/deep/d.workunit.yaml', unit('d'));
    await t.catalog.filesChanged([{ uri: t.fs.uri('later'), type: 'created' }]);
    assert.deepEqual(await keys(t.catalog), ['a.workunit.yaml', 'later/deep/d.workunit.yaml', 'team/b.workunit.yaml', 'team/c.workunit.yml']);
  });

  it('keeps out what the ignore globs name; a config change takes it back in and re-checks the open documents', async () => {
    await t.catalog.filesChanged([t.fs.write('workunit.config.yaml', 'ignore: [team/**]\n')]);
    await t.catalog.whenScanned();
    assert.equal(t.configChanges(), 1);
    assert.deepEqual(await keys(t.catalog), ['a.workunit.yaml']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), []);
    // A file created under an ignored folder stays out.
    await t.catalog.filesChanged([t.fs.write('team/e.workunit.yaml', unit('e'))]);
    assert.deepEqual(await keys(t.catalog), ['a.workunit.yaml']);
    await t.catalog.filesChanged([t.fs.write('workunit.config.yaml', 'ignore: [team/c.*]\n')]);
    await t.catalog.whenScanned();
    assert.equal(t.configChanges(), 2);
    assert.deepEqual(await keys(t.catalog), ['a.workunit.yaml', 'team/b.workunit.yaml', 'team/e.workunit.yaml']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), ['duplicate-unit-id']);
  });

  it("an open document's text wins over the file; closed, the file speaks again", async () => {
    const uri = t.fs.uri('team/b.workunit.yaml');
    await t.catalog.documentOpened(uri);
    const checked = checkUnit(unit('renamed-live'), new LevelResolver());
    assert.deepEqual(t.catalog.documentChanged(uri, checked), []);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), []);
    assert.equal(t.catalog.isInCatalog(uri), true);
    // An event for the open file does not replace its live text.
    await t.catalog.filesChanged([{ uri, type: 'changed' }]);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), []);
    await t.catalog.documentClosed(uri);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('a.workunit.yaml')), ['duplicate-unit-id']);
  });

  it('follows a link inside the folder, and none that leads out of it', async () => {
    const warnings: string[] = [];
    const fs = new MemoryFileSystem();
    fs.write('a.workunit.yaml', unit('a'));
    fs.files.set('mem://host/elsewhere/secret.workunit.yaml', unit('secret'));
    fs.folders.add('mem://host/elsewhere');
    fs.links.set(fs.uri('in.workunit.yaml'), fs.uri('a.workunit.yaml'));
    fs.links.set(fs.uri('out.workunit.yaml'), 'mem://host/elsewhere/secret.workunit.yaml');
    fs.links.set(fs.uri('out-folder'), 'mem://host/elsewhere');
    const s = setup(fs);
    s.catalog.start();
    await s.catalog.whenScanned();
    warnings.push(...s.warnings);
    assert.deepEqual(await keys(s.catalog), ['a.workunit.yaml', 'in.workunit.yaml']);
    assert.deepEqual(warnings.filter((w) => /leads out of the workspace folder/.test(w)).length, 2, warnings.join('\n'));
    // Nor does an event bring it in.
    await s.catalog.filesChanged([{ uri: fs.uri('out.workunit.yaml'), type: 'changed' }]);
    assert.deepEqual(await keys(s.catalog), ['a.workunit.yaml', 'in.workunit.yaml']);
  });

  it('an open document outside the folder, or ignored, is checked alone', async () => {
    t.fs.write('workunit.config.yaml', 'ignore: [drafts/**]\n');
    t.configs.clear();
    for (const uri of ['mem://host/elsewhere/x.workunit.yaml', t.fs.uri('drafts/x.workunit.yaml')]) {
      await t.catalog.documentOpened(uri);
      assert.equal(t.catalog.documentChanged(uri, checkUnit(unit('shared'), new LevelResolver())), undefined, uri);
      assert.equal(t.catalog.isInCatalog(uri), false);
    }
  });
});

describe('the workspace catalog with a summarizer (another thread, on Node)', () => {
  it('reads every file through it, and finds what the scan finds in its own thread', async () => {
    const asked: string[] = [];
    const fs = new MemoryFileSystem();
    const summarizer: FileSummarizer<UnitSummary | undefined> = {
      async summarize(uris, each) {
        for (const uri of uris) {
          asked.push(uri);
          const r = await readUnitFile(fs, uri);
          each(uri, 'text' in r ? { summary: summarizeText(r.text), hash: textHash(r.text) } : r);
        }
      },
    };
    const t = setup(fs, summarizer);
    t.fs.write('a.workunit.yaml', unit('shared'));
    t.fs.write('team/b.workunit.yaml', unit('shared'));
    t.fs.write('team/c.workunit.yml', unit('c'));
    t.catalog.start();
    await t.catalog.whenScanned();
    assert.deepEqual(asked.map((u) => u.replace(/^mem:\/\/host\/ws\//, '')).sort(), ['a.workunit.yaml', 'team/b.workunit.yaml', 'team/c.workunit.yml']);
    assert.deepEqual(await keys(t.catalog), ['a.workunit.yaml', 'team/b.workunit.yaml', 'team/c.workunit.yml']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('team/b.workunit.yaml')), ['duplicate-unit-id']);
    assert.deepEqual(rulesOf(t.catalog, t.fs.uri('team/c.workunit.yml')), []);
  });
});

describe('the config lookup', () => {
  it('takes the nearest config in the folder or above, up to the workspace folder and no higher', async () => {
    const { fs, configs } = setup(new MemoryFileSystem('mem://host/shared/ws'));
    fs.files.set('mem://host/shared/workunit.config.yaml', 'rules: { unused-actor: error }\n');
    fs.write('team/x.workunit.yaml', unit('x'));
    assert.deepEqual((await configs.forFile(fs.uri('team/x.workunit.yaml'))).config.rules, {}, 'a config above the workspace folder governs nothing');
    assert.deepEqual((await configs.forFile('mem://host/shared/y.workunit.yaml')).config.rules, {}, 'outside every folder: the defaults');
    fs.write('workunit.config.yaml', 'rules: { unused-actor: off }\n');
    configs.clear();
    const found = await configs.forFile(fs.uri('team/x.workunit.yaml'));
    assert.deepEqual(found.config.rules, { 'unused-actor': 'off' });
    assert.equal(found.root, fs.root);
  });
});
