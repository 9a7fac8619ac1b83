import { describe, expect, it } from 'vitest';
import { frameworkAliases } from '../src/graph/framework-aliases.js';

describe('frameworkAliases', () => {
  const none = (): boolean => false;

  it("maps Nuxt's ~ and @ to the project (Nuxt 3) and ~~ and @@ to its root", () => {
    const aliases = frameworkAliases('apps/shop/.nuxt/tsconfig.json', false, 'apps/shop', none);
    expect(aliases?.paths).toEqual({
      '~': ['apps/shop'],
      '~/*': ['apps/shop/*'],
      '@': ['apps/shop'],
      '@/*': ['apps/shop/*'],
      '~~': ['apps/shop'],
      '~~/*': ['apps/shop/*'],
      '@@': ['apps/shop'],
      '@@/*': ['apps/shop/*'],
    });
    expect(aliases?.modules).toEqual(expect.arrayContaining(['#app', 'vue']));
    // These re-export the project's own composables and components: never external.
    for (const name of ['#imports', '#components', '#build']) expect(aliases?.modules).not.toContain(name);
  });

  it('maps ~ and @ to app/ where the app lives there (Nuxt 4), and a root project to the root', () => {
    const aliases = frameworkAliases('.nuxt/tsconfig.server.json', false, 'server', (path: string) => path === 'app/app.vue');
    expect(aliases?.paths['~/*']).toEqual(['app/*']);
    expect(aliases?.paths['@']).toEqual(['app']);
    expect(aliases?.paths['~~/*']).toEqual(['*']);
    expect(aliases?.paths['@@']).toEqual(['.']);
  });

  it("maps SvelteKit's $lib to src/lib (its generated folder, or SvelteKit 3's $app/tsconfig), and knows no other generated config", () => {
    const svelteKit = { framework: 'SvelteKit', names: ['$lib'], paths: { $lib: ['site/src/lib'], '$lib/*': ['site/src/lib/*'] }, modules: ['$app', '$env', '$service-worker'] };
    expect(frameworkAliases('site/.svelte-kit/tsconfig.json', false, 'site', none)).toEqual(svelteKit);
    // SvelteKit 3 generates its config as the package `$app/tsconfig` (node_modules/$app).
    expect(frameworkAliases('$app/tsconfig', true, 'site', none)).toEqual(svelteKit);
    expect(frameworkAliases('$app/tsconfig/service-worker', true, 'site', none)).toEqual(svelteKit);
    expect(frameworkAliases('site/.astro/types.json', false, 'site', none)).toBeUndefined();
    expect(frameworkAliases('packages/base/tsconfig.json', false, 'site', none)).toBeUndefined();
    expect(frameworkAliases('@tsconfig/svelte', true, 'site', none)).toBeUndefined();
  });
});
