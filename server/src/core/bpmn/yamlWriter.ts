/**
 * Writing a unit's YAML line by line, with comments where the import has
 * something to say. Scalars go through the `yaml` library's own quoting, so
 * a BPMN name (`Approved?`, `#1: check`, `true`) stays the string it was.
 * Text from the BPMN file reaches comments on one line only.
 */
import { stringify } from 'yaml';
import type { ElementName } from '../navigation/elements';

type Scalar = string | number | boolean;

export class YamlWriter {
  private readonly lines: string[] = [];

  /** `onPlaceholder` counts each `<…>` written, by the element it leaves open. */
  constructor(private readonly onPlaceholder: (element: ElementName) => void = () => {}) {}

  comment(text: string, depth = 0): this {
    this.lines.push(`${indent(depth)}# ${text.replace(/\s+/g, ' ').trim()}`);
    return this;
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  /** `key:` opening a block. */
  key(depth: number, key: string): this {
    this.lines.push(`${indent(depth)}${scalar(key)}:`);
    return this;
  }

  field(depth: number, key: string, value: Scalar | Scalar[]): this {
    const text = Array.isArray(value) ? `[${value.map(scalar).join(', ')}]` : scalar(value);
    this.lines.push(`${indent(depth)}${scalar(key)}: ${text}`);
    return this;
  }

  /** A value the BPMN cannot give: `<what belongs here>`, which the format's `placeholder` rule keeps open. */
  placeholderField(depth: number, key: string, what: string, element: ElementName): this {
    this.onPlaceholder(element);
    return this.field(depth, key, `<${what}>`);
  }

  /** A list item whose first field is `key: value` (`- id: intake`); its other fields go at `depth + 1`. */
  item(depth: number, key: string, value: Scalar): this {
    this.lines.push(`${indent(depth)}- ${scalar(key)}: ${scalar(value)}`);
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function scalar(value: Scalar): string {
  if (typeof value !== 'string') return String(value);
  return stringify(value.replace(/\s+/g, ' ').trim(), { lineWidth: 0 }).trimEnd();
}

/** A kebab-case id from a name (accents dropped, anything else a hyphen), or `fallback` where nothing is left. */
export function kebab(name: string, fallback: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || fallback;
}

/** `id`, or `id-2`, `id-3`… where it is taken; the result is added to `used`. */
export function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
