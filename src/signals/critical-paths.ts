import picomatch from 'picomatch';
import { compareStrings } from '../shared/compare.js';
import type { Tier } from '../config/signal-names.js';
import { tiers } from '../config/signal-names.js';
import type { CriticalHit } from '../shared/types.js';

export interface CriticalArea {
  name: string;
  globs: string[];
  tier: Tier;
}

/**
 * Changed and affected files that lie on a critical path. A file in several areas is listed
 * once, with its highest tier (the first such area in config order names it).
 */
export function findCriticalHits(changed: Iterable<string>, affected: Iterable<string>, areas: CriticalArea[]): CriticalHit[] {
  if (areas.length === 0) return [];
  const matchers = areas.map((area) => ({ area, matches: picomatch(area.globs, { dot: true }) }));
  const changedSet = new Set(changed);
  const hits: CriticalHit[] = [];
  for (const file of new Set([...changedSet, ...affected])) {
    let best: CriticalArea | undefined;
    for (const { area, matches } of matchers) {
      if (matches(file) && (best === undefined || tierRank(area.tier) > tierRank(best.tier))) best = area;
    }
    if (best !== undefined) hits.push({ file, area: best.name, tier: best.tier, isChanged: changedSet.has(file) });
  }
  return hits.sort((a, b) => tierRank(b.tier) - tierRank(a.tier) || compareStrings(a.file, b.file));
}

/** 0 for none, then low=1 ... critical=4. */
export function tierRank(tier: Tier | 'none'): number {
  return tier === 'none' ? 0 : tiers.indexOf(tier) + 1;
}

export function highestTier(hits: CriticalHit[]): Tier | 'none' {
  return hits.reduce<Tier | 'none'>((best, hit) => (tierRank(hit.tier) > tierRank(best) ? hit.tier : best), 'none');
}
