/**
 * The property tests' seed (test/support/mutate.ts `runSeed`): FC_SEED when
 * set, else the commit's, so one commit always runs the same cases.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { runSeed } from '../support/mutate';

describe('property test seed', () => {
  it('FC_SEED wins, as a signed 32-bit number', () => {
    assert.deepEqual(runSeed({ FC_SEED: '42' }), { seed: 42, from: 'FC_SEED' });
    assert.deepEqual(runSeed({ FC_SEED: '-2027543226' }), { seed: -2027543226, from: 'FC_SEED' });
  });

  it('a FC_SEED that is no whole number is refused, not ignored', () => {
    assert.throws(() => runSeed({ FC_SEED: 'abc' }), /FC_SEED must be a whole number/);
    assert.throws(() => runSeed({ FC_SEED: '1.5' }), /FC_SEED must be a whole number/);
  });

  it('without FC_SEED, the commit: its first 8 hex digits as a signed 32-bit number, the same on every call', () => {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
    const { seed, from } = runSeed({});
    if (head.status === 0) {
      const hex = head.stdout.trim().slice(0, 8);
      assert.deepEqual({ seed, from }, { seed: Number.parseInt(hex, 16) | 0, from: `commit ${hex}` });
    } else {
      assert.equal(from, 'no git commit: the fixed seed');
    }
    assert.deepEqual(runSeed({ FC_SEED: '' }), { seed, from });
  });
});
