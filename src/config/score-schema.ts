import { z } from 'zod';
import { featureNames, modelVersion } from './score-features.js';

const featureWeight = z.strictObject({
  weight: z.number().describe('Log-odds per standard deviation of log1p(value).'),
  mean: z.number().describe('Mean of log1p(value) over the commits the model was fitted on.'),
  scale: z.number().positive().describe('Standard deviation of log1p(value) over the commits the model was fitted on.'),
});

/**
 * A model fitted by `risk init` / `risk calibrate --model` on the repository's own history. A
 * weight for a feature this version does not compute, or a model of another shape version,
 * is refused with the key named: a silently ignored weight would change every score.
 */
export const scoreSchema = z
  .strictObject({
    version: z.number().int().describe(`Shape of the model; this version of risk reads version ${modelVersion}.`),
    intercept: z.number().describe('Log-odds of an average change.'),
    weights: z.record(z.string(), featureWeight).describe(`Weight and scaling per feature: ${featureNames.join(', ')}.`),
    quantiles: z.array(z.number()).length(101).describe('Scores of the fitted commits at percentiles 0..100, for riskPercentile.'),
  })
  .superRefine((value, context) => {
    if (value.version !== modelVersion) {
      context.addIssue({ code: 'custom', path: ['version'], message: `model version ${value.version} was fitted by an incompatible version of risk (this one reads ${modelVersion}); refit with risk init --force` });
    }
    for (const name of Object.keys(value.weights)) {
      if (!(featureNames as string[]).includes(name)) context.addIssue({ code: 'custom', path: ['weights', name], message: `unknown feature "${name}" (known: ${featureNames.join(', ')})` });
    }
    if (value.quantiles.some((quantile, index) => index > 0 && quantile < (value.quantiles[index - 1] ?? 0))) {
      context.addIssue({ code: 'custom', path: ['quantiles'], message: 'must not decrease' });
    }
  })
  .describe("Risk model fitted on this repository's history (written by risk init / risk calibrate --model): every run computes riskScore and riskPercentile from it.");

export type ScoreConfig = z.output<typeof scoreSchema>;
