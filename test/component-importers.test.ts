import { describe, expect, it } from 'vitest';
import { componentScript } from '../src/shared/component-script.js';
import { affectedSummary, analyseFixture } from './helpers/analyse-fixture.js';

describe('componentScript: the parts of a component that import modules', () => {
  it('reads Svelte and Vue script blocks, Astro frontmatter and MDX import lines, and no markup', () => {
    const svelte = componentScript('A.svelte', '<script context="module">import a from "./a";</script>\n<script lang="ts">\n  import { b } from "./b";\n</script>\n<p>{a} import c from "./c"</p>');
    expect(svelte).toContain('import a from "./a"');
    expect(svelte).toContain('import { b } from "./b"');
    expect(svelte).not.toContain('./c');
    expect(componentScript('B.vue', '<template><p>{{ x }}</p></template>\n<script setup>\nimport { x } from "./x"\n</script>')).toContain('import { x } from "./x"');
    const astro = componentScript('C.astro', '---\nimport Layout from "../layouts/Layout.astro";\n---\n<Layout><script>import "./client";</script></Layout>');
    expect(astro).toContain('import Layout from "../layouts/Layout.astro"');
    expect(astro).toContain('import "./client"');
    const mdx = componentScript('d.mdx', 'import { Chart } from "./chart"\nexport const meta = {\n  title: "x",\n}\n\n# Title\n\nWe import a word here.\n');
    expect(mdx).toContain('import { Chart } from "./chart"');
    expect(mdx).toContain('title: "x"');
    expect(mdx).not.toContain('a word here');
    // An import shown in a fenced code block is documentation.
    expect(componentScript('e.mdx', 'import A from "./a"\n\n```ts\nimport B from "./b"\n```\n\n~~~\nimport C from "./c"\n~~~\n')).toBe('import A from "./a"');
  });
});

describe('component-importers (slow)', () => {
  it('a .svelte, .astro or .mdx file that imports a changed export is an unknown that counts; one that uses another export is not', async () => {
    const report = await analyseFixture('component-importers');
    expect(affectedSummary(report)).toEqual(['src/app.ts']);
    const counted = report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier}`);
    expect(counted).toEqual([
      // site/ is a package that depends on the changed one; docs/ does not, and is not read
      // (a documentation site's pages for a change in a package they do not use).
      'unparsed-importer site/Uses.svelte ../src/lib/format',
      'unparsed-importer src/content/post.mdx ../lib/format',
      'unparsed-importer src/routes/Card.astro ../lib/format',
      'unparsed-importer src/routes/Page.svelte ../lib/format',
    ]);
    expect(report.unknowns[1]?.reason).toMatch(/may use `formatDate` of src\/lib\/format\.ts, which this change reaches; \.mdx files are not parsed/);
    // Other.vue imports only `other`, which did not change; Missing.svelte's own broken import
    // cannot name this change: reported, not counted. Page.svelte's `ui/Button` is the component
    // the workspace package `ui` exports, and post.mdx's code block shows an import it does not
    // make: neither is an unknown.
    expect(report.unknownsElsewhere.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier}`)).toEqual(['unresolved-import src/routes/Missing.svelte ./nope']);
    expect(report.verdict).not.toBe('pass');
  });
});
