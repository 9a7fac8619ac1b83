import { hookManagerLine } from './install-hook.js';

/**
 * What to add to each hook manager instead of installing our own hook. lefthook does not
 * pass git's arguments or stdin unless told to, hence its own form.
 */
export function formatHookManagerSnippets(command: string): string {
  const line = hookManagerLine(command);
  return [
    '# husky: add to .husky/pre-push',
    line,
    '',
    '# simple-git-hooks: in package.json',
    `"simple-git-hooks": { "pre-push": ${JSON.stringify(line)} }`,
    '',
    '# lefthook: in lefthook.yml',
    'pre-push:',
    '  commands:',
    '    risk:',
    `      run: ${command} --pre-push {1} {2}`,
    '      use_stdin: true',
    '',
  ].join('\n');
}
