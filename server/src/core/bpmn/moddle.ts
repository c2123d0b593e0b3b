/**
 * Reading and writing BPMN 2.0 XML through bpmn-moddle, the bpmn.io model
 * that every BPMN tool's export goes through (namespaces, prefixes, vendor
 * extensions): nothing here parses XML by hand. The element shapes below are
 * the few properties this package reads, typed loosely on purpose: a file
 * from another tool may leave any of them out.
 */
import { BpmnModdle } from 'bpmn-moddle';

/** A moddle element as bpmn-moddle hands it over: `$type` is the qualified type (`bpmn:UserTask`). */
export interface BpmnElement {
  $type: string;
  $instanceOf(type: string): boolean;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface BpmnRead {
  definitions: BpmnElement;
  /** What bpmn-moddle could not map (unknown elements, unresolved references), as its messages. */
  warnings: string[];
}

/** Why a text is not BPMN, in one line; or the definitions with the reader's warnings. */
export async function readBpmnXml(xml: string): Promise<BpmnRead | { error: string }> {
  const moddle = new BpmnModdle();
  let result: { rootElement: BpmnElement; warnings: { message: string }[] };
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as typeof result;
  } catch (e) {
    // The reader's own message names the line and column of the first XML or model error.
    return { error: `not BPMN 2.0 XML: ${oneLine((e as Error).message)}` };
  }
  return { definitions: result.rootElement, warnings: result.warnings.map((w) => oneLine(w.message)) };
}

/** A fresh moddle for building a document (`create`, `toXML`). */
export function newModdle(): BpmnModdle {
  return new BpmnModdle();
}

/** Whitespace (line breaks from multi-line BPMN names included) collapsed to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A property that is a list of elements, or an empty list where the file has none. */
export function list(element: BpmnElement | undefined, key: string): BpmnElement[] {
  const value = element?.[key];
  return Array.isArray(value) ? (value as BpmnElement[]) : [];
}

/** A property that refers to one element (resolved by bpmn-moddle), or undefined. */
export function ref(element: BpmnElement | undefined, key: string): BpmnElement | undefined {
  const value = element?.[key];
  return value && typeof value === 'object' && '$type' in value ? (value as BpmnElement) : undefined;
}

/** The type without its prefix: `bpmn:UserTask` → `UserTask`. */
export function localType(element: BpmnElement): string {
  return element.$type.replace(/^.*:/, '');
}
