import { found, fileRule } from './types';

export const exceptionWithoutOwner = fileRule({
  id: 'exception-without-owner',
  defaultLevel: 'warning',
  summary: 'An exception rule has no `owner`.',
  scope: 'file',
  check(unit) {
    return unit.exceptions
      .filter((ex) => !ex.owner)
      .map((ex) => found('exception-without-owner', ex.anchor, `Exception rule ${ex.id ? `\`${ex.id}\`` : 'without an id'} has no owner: add \`owner:\` with the actor who handles the case when it fires.`, { exception: ex.index }));
  },
});
