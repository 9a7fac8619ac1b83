/** What one infrastructure file declares, as compared across the two sides of a change. */

/** A declared resource: `key` identifies it across sides, `label` names it in details. */
export interface InfraResource {
  key: string;
  label: string;
}

export interface InfraInventory {
  resources: InfraResource[];
  /** Keys that count as still present though not declared: Terraform `moved` (and kept `removed`) sources. */
  retained: string[];
  /** False when the text could not be read as this kind of file. */
  isParsed: boolean;
}

/** An inventory that declares nothing. */
export function emptyInventory(isParsed: boolean): InfraInventory {
  return { resources: [], retained: [], isParsed };
}

/** Parses JSON, or returns undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
