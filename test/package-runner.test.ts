import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectRunnerCommand } from '../src/hook/package-runner.js';

/** A file system holding exactly these paths. */
const holding = (...paths: string[]) => (path: string): boolean => paths.includes(path);
const repo = join('/', 'home', 'dev', 'repo');

describe('detectRunnerCommand', () => {
  it('uses the package manager whose lockfile the project has', () => {
    expect(detectRunnerCommand(repo, holding(join(repo, 'package-lock.json')))).toBe('npx --no-install risk');
    expect(detectRunnerCommand(repo, holding(join(repo, 'pnpm-lock.yaml')))).toBe('pnpm exec risk');
    expect(detectRunnerCommand(repo, holding(join(repo, 'yarn.lock')))).toBe('yarn risk');
    expect(detectRunnerCommand(repo, holding(join(repo, 'bun.lockb')))).toBe('bunx risk');
    expect(detectRunnerCommand(repo, holding(join(repo, 'bun.lock')))).toBe('bunx risk');
  });

  it('takes the nearest lockfile above a subfolder, and npx when there is none', () => {
    const nested = join(repo, 'packages', 'app');
    expect(detectRunnerCommand(nested, holding(join(repo, 'yarn.lock'), join('/', 'home', 'package-lock.json')))).toBe('yarn risk');
    expect(detectRunnerCommand(nested, holding())).toBe('npx --no-install risk');
  });

  it('never names an absolute path', () => {
    for (const lockfile of ['pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'package-lock.json']) {
      expect(detectRunnerCommand(repo, holding(join(repo, lockfile)))).not.toMatch(/\//);
    }
  });
});
