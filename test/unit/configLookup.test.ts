/**
 * core/config/configLookup.ts over more folders than it keeps (issue 20: a
 * walk of 100,000 units asks 10,000 folders): every answer stays right when
 * a folder is asked again after it was let go, and each config file is read,
 * and its problems told, once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigLookup } from '../../server/src/core/config/configLookup';
import { MemoryFileSystem } from '../support/memoryFileSystem';

describe('config lookup over many folders', () => {
  it('answers every folder right, again after thousands of others, reading each config once', async () => {
    const fs = new MemoryFileSystem();
    const warnings: string[] = [];
    const configs = new ConfigLookup(fs, (m) => warnings.push(m), () => [fs.root]);
    fs.write('workunit.config.yaml', 'rules:\n  missing-outcome: warning\n');
    // One region in ten has its own config, with a problem to tell (an unknown rule).
    const regions = 300;
    const ownConfig = (r: number) => r % 10 === 3;
    for (let r = 0; r < regions; r++) {
      if (ownConfig(r)) fs.write(`region-${r}/workunit.config.yaml`, `rules:\n  no-such-rule-${r}: error\n  missing-outcome: hint\n`);
      for (let f = 0; f < 10; f++) fs.write(`region-${r}/folder-${f}/u.workunit.yaml`, 'id: u\n');
    }
    const levelOf = async (r: number, f: number) => (await configs.forFile(fs.uri(`region-${r}/folder-${f}/u.workunit.yaml`))).config.rules['missing-outcome'];
    const expected = (r: number) => (ownConfig(r) ? 'hint' : 'warning');
    // 3,000 folders and their 300 parents, twice over: the second round finds none of the first still kept.
    for (let round = 0; round < 2; round++) {
      for (let r = 0; r < regions; r++) {
        for (let f = 0; f < 10; f++) {
          const before = fs.calls.length;
          assert.equal(await levelOf(r, f), expected(r), `region ${r}, folder ${f}, round ${round}`);
          // Let go since the first round: looked up again (its memory is what the bound saves).
          if (round === 1 && r === 0 && f === 0) assert.ok(fs.calls.length > before, 'the first folder is no longer kept');
        }
      }
    }
    const told = warnings.filter((w) => w.includes('no-such-rule-'));
    assert.equal(told.length, regions / 10, told.join('\n'));
    assert.equal(new Set(told).size, told.length);
    const reads = fs.calls.filter((c) => c.startsWith('read ') && c.endsWith('workunit.config.yaml'));
    assert.equal(reads.length, regions / 10 + 1, 'each config file read once');
    // The folder asked last is still kept: asking it again costs nothing.
    const before = fs.calls.length;
    assert.equal(await levelOf(regions - 1, 9), expected(regions - 1));
    assert.equal(fs.calls.length, before);
  });
});
