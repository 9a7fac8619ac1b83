import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMermaidLabel } from '../src/report/escape-markdown.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatMermaidGraph, maxGraphNodes } from '../src/report/mermaid-graph.js';
import type { AffectedFile } from '../src/shared/types.js';
import { affected, ChainTable, sampleReport } from './helpers/sample-report.js';

const hostileFile = 'src/<img src=x onerror=alert(1)>|*evil*.ts';
const hostileSymbol = '``` `boom` [x](javascript:alert(1)) "q" #1 a_b_c';

function hostileReport(): ReturnType<typeof sampleReport> {
  const report = sampleReport();
  report.changedSymbols = [{ file: hostileFile, name: hostileSymbol, kind: 'function', change: 'signature', reason: 'params <b>changed</b> | *now* ~~x~~ $y$', line: 1 }];
  const table = new ChainTable();
  report.affectedFiles = [affected(`${hostileFile}\n## injected`, 1, [[hostileFile, hostileSymbol], [`${hostileFile}\n## injected`, null]], {}, table)];
  report.chains = table.nodes;
  report.packages = [{ folder: '', name: `${hostileSymbol} | x |` }];
  report.unknowns = [{ kind: 'dynamic-import', file: hostileFile, specifier: '`./${name}`', reason: 'computed path <script>' }];
  return report;
}

describe('escapeMarkdown', () => {
  it('turns HTML into entities and backslash-escapes Markdown punctuation', () => {
    expect(escapeMarkdown('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(escapeMarkdown('*x* _y_ `z` [l](u) a|b ~~s~~ $m$ back\\slash')).toBe(
      '\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) a\\|b \\~\\~s\\~\\~ \\$m\\$ back\\\\slash',
    );
  });

  it('flattens line breaks and control characters so text cannot start a block or end a row', () => {
    expect(escapeMarkdown('a\nb\r\nc\td\u0007')).toBe('a b  c d ');
  });

  it('leaves ordinary paths readable', () => {
    expect(escapeMarkdown('src/lib/math.ts#double -> src/app.ts')).toBe('src/lib/math.ts#double -&gt; src/app.ts');
  });
});

describe('escapeMermaidLabel', () => {
  it('uses Mermaid entity codes for quotes, #, %, HTML and backticks', () => {
    expect(escapeMermaidLabel('a"b#c<d>&`e`|f;g\nh %%{init}%%')).toBe('a#quot;b#35;c#lt;d#gt;#amp;#96;e#96;#124;f#59;g h #37;#37;{init}#37;#37;');
  });
});

describe('formatMarkdown', () => {
  it('renders the PR comment for the sample report', () => {
    expect(formatMarkdown(sampleReport())).toMatchInlineSnapshot(`
      "## ❌ risk: FAIL

      - ❌ **fail** <code>onBrokenImport</code>: 1 file(s) still use a removed export
      - ⚠️ **warn** <code>onUnknown</code>: 1 unknown(s): the analysis could not see everything

      Blast radius of <code>main</code> (merge-base <code>87e74364a5</code>)..<code>HEAD</code>

      | Changed files | Changed exports | Affected files | Contract | Behaviour only | Max depth | Unknowns | Affected tests |
      | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | 2 | 2 | 4 | 1 | 3 | 3 | 1 | 1 |

      ### Changed exports (2)

      - **Removed** (1): <code>src/lib/util.ts:10#oldHelper</code> (reaches 1)
      - **Body only** (1): <code>src/lib/math.ts:3#double</code> (reaches 3)

      ### Packages (1)

      | Package | Changed | Affected | Contract | Public API reached |
      | --- | ---: | ---: | ---: | --- |
      | <code>@acme/app</code> | 2 | 4 | 1 | <code>@acme/lib</code> |

      ### Look at first (4 of 4 affected)

      - <code>src/consumer.ts:1</code> **broken**, contract, depth 1<br><sub><code>src/lib/util.ts#oldHelper -&gt; src/consumer.ts#run</code></sub>
      - <code>src/app.ts</code> critical path (critical), behaviour, depth 2<br><sub><code>src/lib/math.ts#double -&gt; src/lib/index.ts#double -&gt; src/app.ts#main</code></sub>
      - <code>src/lib/index.ts</code> public entry point, behaviour, depth 1<br><sub><code>src/lib/math.ts#double -&gt; src/lib/index.ts#double</code></sub>
      - <code>src/leaf.ts</code> indirect user, behaviour, depth 3<br><sub><code>src/lib/math.ts#double -&gt; src/lib/index.ts#double -&gt; src/app.ts#main -&gt; src/leaf.ts</code></sub>

      **Affected tests (1):** <code>test/app.test.ts</code>

      **Ask:** @acme/checkout (1)

      ### Required reviewers (from <code>.github/CODEOWNERS</code>)

      - @acme/checkout: <code>src/app.ts</code>
      - _no owner_: 1 file(s)

      <details>
      <summary>Risk signals</summary>

      | Signal | Value | Explanation |
      | --- | ---: | --- |
      | <code>affectedFiles</code> | 4 | src/consumer.ts, src/lib/index.ts, src/app.ts, src/leaf.ts |
      | <code>radius</code> | 2.83 | 2 at depth 1 x 1 + 1 at depth 2 x 1/2 + 1 at depth 3 x 1/3 |
      | <code>publicApiBreaking</code> | 1 | @acme/lib oldHelper (removed) |
      | <code>provenance</code> | ai-assisted | from commit trailers and authors |
      | <code>criticalTier</code> | critical | highest tier among 1 critical file(s) |
      | <code>policyChanged</code> | false | the policy files are unchanged |

      </details>

      ### Public API (1)

      | Impact | Package | Export | Change |
      | --- | --- | --- | --- |
      | breaking | <code>@acme/lib</code> | <code>oldHelper</code> | removed |

      ### Critical paths (1)

      - **critical** <code>src/app.ts</code> (checkout, affected)

      ### Non-code changes (1)

      - infrastructure **destructive** <code>infra/main.tf</code>: removed resource aws\\_db\\_instance.main

      <details>
      <summary>Untested (1): no test file reaches these</summary>

      - <code>src/leaf.ts</code>

      </details>

      **Provenance:** ai-assisted

      <details>
      <summary>Commits (1)</summary>

      - <code>1234567890</code> ai-assisted: Refactor math (trailer Co-authored-by: Claude &lt;noreply@anthropic.com&gt;)

      </details>

      <details>
      <summary>Affected files (4)</summary>

      - <code>src/consumer.ts</code> (**broken**, contract, depth 1) ← <code>src/lib/util.ts#oldHelper</code>
      - <code>src/lib/index.ts</code> (behaviour, depth 1) ← <code>src/lib/math.ts#double</code>
      - <code>src/app.ts</code> (behaviour, depth 2) ← <code>src/lib/index.ts#double</code>
      - <code>src/leaf.ts</code> (behaviour, depth 3, types only) ← <code>src/app.ts#main</code>

      </details>

      <details>
      <summary>Blast radius graph</summary>

      \`\`\`mermaid
      flowchart LR
        n0["src/lib/math.ts#35;double"]
        n1["src/lib/util.ts#35;oldHelper"]
        n2["src/consumer.ts#35;run"]
        n3["src/lib/index.ts#35;double"]
        n4["src/app.ts#35;main"]
        n5["src/leaf.ts"]
        n0 --> n3
        n1 --> n2
        n3 --> n4
        n4 --> n5
        classDef changed fill:#fde68a,stroke:#b45309,color:#000
        classDef broken fill:#fecaca,stroke:#b91c1c,color:#000
        class n0,n1 changed
        class n2 broken
      \`\`\`

      </details>

      <details>
      <summary>Unknowns (1): the analysis could not see through these</summary>

      - <code>src/app.ts</code> <code>./missing.js</code>: unresolved-import, resolves to no file and no declared dependency

      </details>

      <details>
      <summary>Affected tests (1)</summary>

      - <code>test/app.test.ts</code>

      </details>

      <sub>policy: .riskrc.json (from the working tree); tsconfig: tsconfig.json</sub>
      "
    `);
  });

  it('says so when nothing changed, with no graph', () => {
    const report = sampleReport({ changedSymbols: [], affectedFiles: [], unknowns: [], affectedTests: [], violations: [], verdict: 'pass', decidedBy: 'every threshold holds' });
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('## ✅ risk: PASS');
    expect(markdown).toContain('_No exported symbol changed._');
    expect(markdown).not.toContain('```mermaid');
  });

  it('escapes hostile file names, symbols, reasons and specifiers', () => {
    const markdown = formatMarkdown(hostileReport());
    expect(markdown).not.toMatch(/<img|<b>|<script>/);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;\\|\\*evil\\*.ts');
    expect(markdown).not.toContain('\n## injected');
    // Every row of the packages table still has exactly 5 cells.
    const table = markdown.slice(markdown.indexOf('### Packages')).split('\n\n')[1] ?? '';
    const rows = table.split('\n').filter((line) => line.startsWith('| <code>'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.match(/(?<!\\)\|/g)).toHaveLength(6);
    // Only the Mermaid block's own fence lines hold a backtick run.
    expect(markdown.split('\n').filter((line) => line.includes('```'))).toEqual(['```mermaid', '```']);
    expect(markdown.match(/(?<!\\)`/g)).toHaveLength(6);
  });
});

describe('formatMermaidGraph', () => {
  it('uses generated ids and escaped labels', () => {
    const graph = formatMermaidGraph(hostileReport());
    expect(graph).toContain('n0["src/#lt;img src=x onerror=alert(1)#gt;#124;*evil*.ts#35;#96;#96;#96; #96;boom#96; [x](javascript:alert(1)) #quot;q#quot; #35;1 a_b_c"]');
    expect(graph).toContain('n0 --> n1');
    expect(graph.split('\n').every((line) => line === 'flowchart LR' || /^ {2}(n\d+\[".*"\]|n\d+ --> n\d+|classDef |class )/.test(line))).toBe(true);
  });

  it(`prunes a big blast radius to ${maxGraphNodes} nodes, nearest first`, () => {
    const files: AffectedFile[] = [];
    const table = new ChainTable();
    for (let index = 0; index < 60; index += 1) {
      const depth = 1 + (index % 3);
      const chain: [string, string | null][] = [['src/lib/math.ts', 'double']];
      for (let hop = 1; hop < depth; hop += 1) chain.push([`src/hop${hop}.ts`, `h${hop}`]);
      chain.push([`src/d${depth}/f${String(index).padStart(2, '0')}.ts`, null]);
      files.push(affected(chain.at(-1)?.[0] ?? '', depth, chain, {}, table));
    }
    const graph = formatMermaidGraph(sampleReport({ changedSymbols: sampleReport().changedSymbols.slice(0, 1), affectedFiles: files, chains: table.nodes }));
    const nodes = graph.split('\n').filter((line) => /^ {2}n\d+\[/.test(line));
    expect(nodes).toHaveLength(maxGraphNodes);
    // 63 files (60 + math.ts + 2 hop files): 39 drawn, 24 counted.
    expect(nodes.at(-1)).toBe('  n39["… and 24 more files"]');
    expect(graph).toContain('class n39 more');
    expect(nodes.filter((line) => line.includes('src/d1/'))).toHaveLength(20);
    expect(nodes.filter((line) => line.includes('src/d3/'))).toHaveLength(0);
    expect(graph).not.toMatch(/n4\d/);
  });
});
