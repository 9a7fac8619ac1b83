import { readFileSync } from 'node:fs';

/**
 * The package's own name and version, read from its package.json (two folders up from both
 * src/shared/ and dist/shared/), so the name users install is written in one place only.
 */
interface PackageInfo {
  name: string;
  version: string;
}

function readPackageInfo(): PackageInfo {
  const parsed = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Partial<PackageInfo>;
  return { name: String(parsed.name), version: String(parsed.version) };
}

const info = readPackageInfo();

/** The npm package name (`npm i -D <packageName>`); the command it installs is `risk`. */
export const packageName: string = info.name;

/** The package version, for `risk --version`. */
export const packageVersion: string = info.version;

/** The config schema's path inside a consumer's project, for a `$schema` that works after `npm i -D`. */
export const installedConfigSchemaPath = `./node_modules/${packageName}/schema/riskrc.schema.json`;
