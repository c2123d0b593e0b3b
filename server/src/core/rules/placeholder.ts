import { placeholderValues } from '../model/placeholders';
import { found, fileRule } from './types';

/** A scaffold's `<…>` still stands: the element it is in stays incomplete until a person fills it in. */
export const placeholder = fileRule({
  id: 'placeholder',
  defaultLevel: 'warning',
  summary: "A value still holds a scaffold's placeholder: a string that is wholly `<…>`.",
  scope: 'file',
  check(unit) {
    return placeholderValues(unit).map((p) =>
      found('placeholder', p.span, `\`${p.text}\` is a placeholder a scaffold left: write the real value here.`, { name: p.text }),
    );
  },
});
