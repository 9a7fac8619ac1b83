import picomatch from 'picomatch';
import { z } from 'zod';

/**
 * Why a glob can never match anything, or undefined when it can. picomatch compiles a pattern it
 * cannot parse (a backwards range such as `[z-a]`, an unclosed `{`) to a regular expression that
 * matches nothing, so such a glob would be accepted and silently select no file.
 */
export function globProblem(glob: string): string | undefined {
  try {
    if (picomatch.makeRe(glob, { dot: true }).source !== '$^') return undefined;
  } catch {
    // Falls through: a pattern picomatch cannot even compile matches nothing either.
  }
  return `the glob ${JSON.stringify(glob.length > 80 ? `${glob.slice(0, 80)}…` : glob)} can never match (a backwards range such as [z-a], or an unclosed "{")`;
}

/** A repo-relative picomatch glob that can match something; every glob key of the config uses it. */
export const globSchema = z.string().min(1).superRefine((glob, context) => {
  const problem = globProblem(glob);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});
