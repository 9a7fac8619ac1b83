/**
 * The vocabulary of the risk model in the config (`score`): the features a fitted model may
 * weigh and the version of the model's shape. The model itself lives in src/score/.
 */

/** Version of the model's shape in the config; a config fitted by another version is refused. */
export const modelVersion = 1;

/** The features a model may use, with what each one counts (for explanations). */
export const modelFeatures = {
  affectedFiles: 'files reached through the changed exports',
  contractAffectedFiles: 'files reached through a changed signature or removed export',
  changedSymbols: 'changed exports',
  maxDepth: 'longest import chain',
  radius: 'depth-weighted blast radius',
  affectedPackages: 'packages reached',
  publicApiBreaking: 'breaking public API changes',
  criticalFiles: 'files on critical paths',
  untestedFiles: 'changed or affected files no test reaches',
  nonCodeClasses: 'kinds of non-code change',
  destructiveChanges: 'destructive changes',
  aiAssisted: 'AI-assisted commits',
  unknowns: 'unresolved imports or files',
  linesAdded: 'lines added',
  linesDeleted: 'lines deleted',
  changedFiles: 'files changed',
  entropy: 'spread of the change across files (bits)',
  priorChanges: 'earlier commits to these files in the last year',
  priorFixes: 'earlier fixes to these files in the last year',
  priorAuthors: 'distinct authors of these files in the last year',
  fileAgeDays: 'mean age of the files in days (up to a year)',
  daysSinceLastChange: 'mean days since the files last changed',
  authorFileCommits: "the author's earlier commits to these files",
  authorCommits: "the author's earlier commits in the last year",
  isFix: 'the change is a fix',
} as const;

export type FeatureName = keyof typeof modelFeatures;
export const featureNames = Object.keys(modelFeatures) as FeatureName[];

