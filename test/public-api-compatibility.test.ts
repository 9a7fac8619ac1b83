import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });

/** `@acme/lib` publishes src/api.ts (through dist/ in `exports`); the cases edit that file. */
function files(api: string): Record<string, string> {
  return {
    'tsconfig.json': tsconfig,
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', exports: { '.': { types: './dist/api.d.ts', import: './dist/api.js' } } }),
    'packages/lib/src/api.ts': api,
  };
}

/** `name change impact` for each public-API entry when src/api.ts goes from `before` to `after`. */
async function apiChange(before: string, after: string): Promise<string[]> {
  const report = await analyse(changeSet(files(before), files(after)), applyDefaults({}, null));
  return report.publicApi.map((change) => `${change.name} ${change.change} ${change.impact}`);
}

// One line per case of the README table "Public API: breaking, additive, internal".
describe('public API classification decided with the type checker', () => {
  describe('breaking', () => {
    it('removed export', async () => {
      expect(await apiChange('export function f(): number {\n  return 1;\n}\nexport const g = 1;\n', 'export const g = 1;\n')).toEqual(['f removed breaking']);
    });
    it('narrowed parameter', async () => {
      expect(await apiChange('export function f(a: string | number): string {\n  return `${a}`;\n}\n', 'export function f(a: string): string {\n  return a;\n}\n')).toEqual(['f signature breaking']);
    });
    it('new required parameter', async () => {
      expect(await apiChange('export function f(a: string): string {\n  return a;\n}\n', 'export function f(a: string, b: number): string {\n  return a + b;\n}\n')).toEqual(['f signature breaking']);
    });
    it('widened return type', async () => {
      expect(await apiChange('export function f(): string {\n  return "";\n}\n', 'export function f(): string | undefined {\n  return undefined;\n}\n')).toEqual(['f signature breaking']);
    });
    it('removed member of an interface', async () => {
      expect(await apiChange('export interface Options {\n  a: string;\n  b?: number;\n}\n', 'export interface Options {\n  a: string;\n}\n')).toEqual(['Options signature breaking']);
    });
    it('new required property of an input type', async () => {
      expect(await apiChange('export interface Options {\n  a: string;\n}\n', 'export interface Options {\n  a: string;\n  b: number;\n}\n')).toEqual(['Options signature breaking']);
    });
    it('a value that became type-only', async () => {
      expect(await apiChange('export class Config {\n  a = 1;\n}\n', 'export interface Config {\n  a: number;\n}\n')).toEqual(['Config signature breaking']);
    });
    it('an additive change in a file too large for the checker (fail closed: bounded time and memory)', async () => {
      // 90,000 characters of declarations: past the limit, the checker is not asked.
      const padding = Array.from({ length: 3000 }, (_, index) => `export const padding${String(index).padStart(4, '0')} = ${index};`).join('\n');
      const before = `export function f(a: string): string {\n  return a;\n}\n${padding}\n`;
      const after = `export function f(a: string, b?: number): string {\n  return a + (b ?? 0);\n}\n${padding}\n`;
      expect(padding.length).toBeGreaterThan(80_000);
      expect(await apiChange(before, after)).toEqual(['f signature breaking']);
    });
    it('a removed public class member', async () => {
      expect(await apiChange('export class C {\n  a(): number {\n    return 1;\n  }\n  b(): number {\n    return 2;\n  }\n}\n', 'export class C {\n  a(): number {\n    return 1;\n  }\n}\n')).toEqual(['C signature breaking']);
    });
  });

  describe('additive', () => {
    it('new export', async () => {
      expect(await apiChange('export const g = 1;\n', 'export const g = 1;\nexport function f(): number {\n  return 1;\n}\n')).toEqual(['f added additive']);
    });
    it('optional parameter added', async () => {
      expect(await apiChange('export function f(a: string): string {\n  return a;\n}\n', 'export function f(a: string, b?: number): string {\n  return a + (b ?? 0);\n}\n')).toEqual(['f signature additive']);
    });
    it('widened parameter', async () => {
      expect(await apiChange('export function f(a: string): string {\n  return a;\n}\n', 'export function f(a: string | number): string {\n  return `${a}`;\n}\n')).toEqual(['f signature additive']);
    });
    it('optional property added to an input type', async () => {
      expect(await apiChange('export interface Options {\n  a: string;\n}\n', 'export interface Options {\n  a: string;\n  b?: number;\n}\n')).toEqual(['Options signature additive']);
    });
    it('new overload', async () => {
      expect(
        await apiChange(
          'export function f(a: string): string;\nexport function f(a: string): string {\n  return a;\n}\n',
          'export function f(a: string): string;\nexport function f(a: number): string;\nexport function f(a: string | number): string {\n  return `${a}`;\n}\n',
        ),
      ).toEqual(['f signature additive']);
    });
    it('narrowed return type', async () => {
      expect(await apiChange('export function f(): string | undefined {\n  return undefined;\n}\n', 'export function f(): string {\n  return "";\n}\n')).toEqual(['f signature additive']);
    });
  });

  describe('internal', () => {
    it('implementation only', async () => {
      expect(await apiChange('export function f(): number {\n  return 1;\n}\n', 'export function f(): number {\n  return 2;\n}\n')).toEqual(['f body internal']);
    });
  });
});
