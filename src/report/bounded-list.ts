/**
 * Lists sized for a model's context: at most `limit` items, and how many were left out, so a
 * cut list never reads as the whole story.
 */
export interface BoundedList<T> {
  items: T[];
  /** Items left out because of the limit. */
  omitted: number;
}

export function bound<T>(items: readonly T[], limit: number): BoundedList<T> {
  return { items: items.slice(0, limit), omitted: Math.max(0, items.length - limit) };
}
