import { describe, expect, it } from 'vitest';
import { describeVersionChange } from '../src/signals/non-code/semver-bump.js';

describe('describeVersionChange', () => {
  it('calls a range that admits a higher major a major bump', () => {
    expect(describeVersionChange('^18.2.0', '^19.0.0')).toBe(' (major)');
    expect(describeVersionChange('~4.17.0', '>=4.17.0')).toBe(' (major)');
    expect(describeVersionChange('0.4.1', '0.5.0')).toBe(' (major)');
    expect(describeVersionChange('npm:@scope/real@^2.0.0', 'npm:@scope/real@^3.0.0')).toBe(' (major)');
    expect(describeVersionChange('workspace:^1.0.0', 'workspace:^2.0.0')).toBe(' (major)');
  });

  it('does not call a widening a downgrade', () => {
    expect(describeVersionChange('^18.0.0', '^17 || ^18 || ^19')).toBe(' (major)');
    expect(describeVersionChange('^18.0.0', '^17.0.0 || ^18.0.0')).toBe('');
    expect(describeVersionChange('^18.2.0', '^18.1.0')).toBe('');
    expect(describeVersionChange('18.x', '>=18.0.0 <19')).toBe('');
  });

  it('names downgrades: a lower highest line, or lower versions in place of required ones', () => {
    expect(describeVersionChange('~0.25.0', '~0.24.0')).toBe(' (major downgrade)');
    expect(describeVersionChange('^19.0.0', '^18.3.1')).toBe(' (major downgrade)');
    expect(describeVersionChange('^18.2.0', '~18.1.0')).toBe(' (downgrade)');
    expect(describeVersionChange('1.2.3', '1.2.2')).toBe(' (downgrade)');
  });

  it('says nothing for minor and patch moves, and for specs that are not ranges', () => {
    expect(describeVersionChange('^5.3.0', '^5.6.2')).toBe('');
    expect(describeVersionChange('1.2.3', '1.2.4')).toBe('');
    expect(describeVersionChange('latest', 'next')).toBe('');
    expect(describeVersionChange('github:owner/repo#v1', '^2.0.0')).toBe('');
    expect(describeVersionChange('file:../lib', 'file:../lib2')).toBe('');
  });
});
