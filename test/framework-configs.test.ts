import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture } from './helpers/analyse-fixture.js';

/** `kind file specifier` per unknown of one list, sorted. */
function summary(unknowns: { kind: string; file: string; specifier: string | null }[]): string[] {
  return unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? '-'}`).sort();
}

describe('framework-configs (slow)', () => {
  it('configs that extend framework-generated or uninstalled bases are unknowns, never the end of the run', async () => {
    const report = await analyseFixture('framework-configs');
    // Every example that uses the changed package is reached, whatever its tsconfig lacks; and
    // through the aliases the missing generated configs always define (SvelteKit's `$lib`,
    // Nuxt's `~` and `~~`), so do the files that import those users.
    expect(affectedSummary(report)).toEqual([
      'examples/next-app/app/page.ts',
      'examples/next-app/lib/message.ts',
      'examples/nuxt-app/composables/useHello.ts',
      'examples/nuxt-app/server/api/hello.ts',
      'examples/nuxt4-app/app/composables/useBanner.ts',
      'examples/nuxt4-app/app/utils/banner.ts',
      'examples/nuxt4-app/server/api/banner.ts',
      'examples/sveltekit-app/src/lib/hello.ts',
      'examples/sveltekit-app/src/routes/page.ts',
      'examples/sveltekit3-app/src/lib/welcome.ts',
      'examples/sveltekit3-app/src/routes/page.ts',
    ]);
    // Counted: configs whose files are affected (what else the generated base sets is unknown).
    expect(summary(report.unknowns)).toEqual([
      'unresolved-config examples/nuxt-app/server/tsconfig.json examples/nuxt-app/.nuxt/tsconfig.server.json',
      'unresolved-config examples/nuxt-app/tsconfig.json examples/nuxt-app/.nuxt/tsconfig.json',
      'unresolved-config examples/nuxt4-app/tsconfig.json examples/nuxt4-app/.nuxt/tsconfig.app.json',
      'unresolved-config examples/sveltekit-app/tsconfig.json examples/sveltekit-app/.svelte-kit/tsconfig.json',
      'unresolved-config examples/sveltekit3-app/tsconfig.json $app/tsconfig',
    ]);
    // Not counted: configs of examples this change does not reach.
    expect(summary(report.unknownsElsewhere)).toEqual([
      'unresolved-config examples/astro-site/tsconfig.json astro/tsconfigs/strict',
      'unresolved-config examples/expo-app/tsconfig.json expo/tsconfig.base',
    ]);
    const reasons = new Map([...report.unknowns, ...report.unknownsElsewhere].map((unknown) => [unknown.file, unknown.reason]));
    expect(reasons.get('examples/sveltekit-app/tsconfig.json')).toMatch(/^extends a file SvelteKit generates into \.svelte-kit\/ \(`svelte-kit sync`\) and git ignores.*; 2 source file\(s\) \(examples\/sveltekit-app\/src\/lib\/hello\.ts, examples\/sveltekit-app\/src\/routes\/page\.ts\) resolved with its own settings only$/);
    expect(reasons.get('examples/nuxt-app/server/tsconfig.json')).toMatch(/^extends a file Nuxt generates into \.nuxt\/ .*\(imports through Nuxt's ~, @, ~~, @@ are resolved as its defaults map them\)/);
    // Nuxt 4's solution config owns no file itself: the app's files fall back to it, with Nuxt's aliases.
    expect(reasons.get('examples/nuxt4-app/tsconfig.json')).toMatch(/^references configs Nuxt generates into \.nuxt\/ \(examples\/nuxt4-app\/\.nuxt\/tsconfig\.app\.json and 3 more; `nuxi prepare`\) and git ignores, so they are not in the analysed commit \(imports through Nuxt's ~, @, ~~, @@ are resolved as its defaults map them\).*3 source file\(s\)/);
    // SvelteKit 3 generates its config as a package; `$app/navigation` and `$env/static/public` are Kit's own modules, no unknowns.
    expect(reasons.get('examples/sveltekit3-app/tsconfig.json')).toMatch(/^extends \$app\/tsconfig, which the framework generates into node_modules .*\(imports through SvelteKit's \$lib are resolved as its defaults map them\)/);
    expect(reasons.get('examples/expo-app/tsconfig.json')).toMatch(/^extends a package that is not installed/);
    expect(report.summary).toMatchObject({ unknowns: 5, unknownsElsewhere: 2 });
    expect(report.verdict).toBe('warn');
    expect(report.decidedBy).toMatch(/^onUnknown: 5 /);
  });
});
