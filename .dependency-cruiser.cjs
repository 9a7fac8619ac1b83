/**
 * The architecture, as rules the tool's own kind enforces (test/architecture.test.ts runs them).
 * Stages in pipeline order; a folder may import its own layer and the layers before it, never a later one.
 */
const layers = [
  ['shared'],
  ['config', 'cache', 'git'],
  ['diff'],
  ['symbols'],
  ['graph'],
  ['signals', 'owners', 'provenance', 'sign-off'],
  ['policy'],
  ['report'],
  ['run', 'hook'],
  ['mcp'],
  ['cli'],
];

const folderPattern = (folders) => `^src/(${folders.join('|')})/`;

const layerRules = layers.slice(0, -1).map((folders, index) => ({
  name: `layer-${folders.join('-')}`,
  comment: `${folders.join(', ')} may not import a later stage (${layers.slice(index + 1).flat().join(', ')})`,
  severity: 'error',
  from: { path: folderPattern(folders) },
  to: { path: [folderPattern(layers.slice(index + 1).flat()), '^src/cli\\.ts$'] },
}));

module.exports = {

  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'stages are a pipeline: no import cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'only-git-runs-git',
      comment: 'git/ is the one place that spawns processes (git) or imports simple-git',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/git/' },
      to: { path: ['^child_process$', '^node:child_process$', 'node_modules/simple-git/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-symbols-and-graph-use-ts-morph',
      comment: 'the compiler is loaded by the stages that parse code, nowhere else',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(symbols|graph)/' },
      to: { path: 'node_modules/(ts-morph|typescript)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-config-uses-cosmiconfig',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/config/' },
      to: { path: 'node_modules/cosmiconfig/' },
    },
    {
      name: 'report-reads-types-only',
      comment: 'formatters are pure functions of the RiskReport',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/', pathNot: ['^src/report/', '^src/shared/(types|compare|violation-order|changed-export-count)\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    exclude: { path: '^(dist|test|scripts|fixtures)/' },
  },
};
