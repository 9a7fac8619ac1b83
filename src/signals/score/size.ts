import type { ChangedFile } from '../../shared/types.js';

/**
 * Size of a change from its line ranges (the same numbers `git diff --numstat` gives for text
 * files): lines added and deleted, and the entropy of the change across files (Hassan's
 * measure: 0 when one file holds every changed line, log2(files) when they are spread evenly).
 */
export function sizeOfChange(files: ChangedFile[]): { linesAdded: number; linesDeleted: number; entropy: number } {
  const perFile = files.map((file) => ({
    added: file.newRanges.reduce((sum, range) => sum + range.count, 0),
    deleted: file.oldRanges.reduce((sum, range) => sum + range.count, 0),
  }));
  const linesAdded = perFile.reduce((sum, file) => sum + file.added, 0);
  const linesDeleted = perFile.reduce((sum, file) => sum + file.deleted, 0);
  const total = linesAdded + linesDeleted;
  let entropy = 0;
  for (const file of perFile) {
    const share = (file.added + file.deleted) / total;
    if (share > 0) entropy -= share * Math.log2(share);
  }
  return { linesAdded, linesDeleted, entropy: Math.round(entropy * 1000) / 1000 };
}
