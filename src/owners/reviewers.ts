import { compareStrings } from '../shared/compare.js';
import type { RiskReport } from '../shared/types.js';
import { findOwners, parseCodeowners } from './codeowners.js';

/**
 * Required reviewers: the owners of every changed and affected file, not just the changed
 * ones, since the people whose code breaks are the ones who must look. Files whose matching
 * rule names nobody, or that no rule matches, are listed as unowned.
 */
export function findReviewers(codeowners: { path: string; text: string } | null, files: string[]): RiskReport['owners'] {
  if (codeowners === null) return { source: null, reviews: [], unowned: [], skipped: [] };
  const parsed = parseCodeowners(codeowners.text, codeowners.path);
  const byOwner = new Map<string, Set<string>>();
  const unowned = new Set<string>();
  for (const file of new Set(files)) {
    const { owners } = findOwners(parsed, file);
    if (owners.length === 0) unowned.add(file);
    for (const owner of owners) byOwner.set(owner, (byOwner.get(owner) ?? new Set()).add(file));
  }
  const reviews = [...byOwner]
    .map(([owner, owned]) => ({ owner, files: [...owned].sort(compareStrings) }))
    .sort((a, b) => compareStrings(a.owner, b.owner));
  return { source: codeowners.path, reviews, unowned: [...unowned].sort(compareStrings), skipped: parsed.problems };
}
