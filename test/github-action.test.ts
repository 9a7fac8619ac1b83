import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv/dist/ajv.js';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actionMetadataSchema, checkActionReferences } from './helpers/action-metadata.js';
import { projectRoot } from './helpers/fixture-repo.js';
import { cleanupScratch, createScratchDir } from './helpers/scratch-repo.js';
import { testEnvironment } from './helpers/test-environment.js';

const script = join(projectRoot, 'action', 'post-comment.mjs');
const marker = '<!-- risk-blast-radius:sticky-comment -->';

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: { body?: string } | null;
}

/** A stand-in for the GitHub REST API's issue comments, on 127.0.0.1, recording every request. */
function fakeGithub(options: { refuseWrites?: boolean } = {}): { server: Server; requests: Recorded[]; comments: { id: number; body: string; user: { login: string; type: string } }[]; url: () => string } {
  const requests: Recorded[] = [];
  // A human's comment that carries the marker must never be taken over.
  const human = { login: 'mallory', type: 'User' };
  const comments: { id: number; body: string; user: { login: string; type: string } }[] = [
    { id: 1, body: 'LGTM from a human', user: human },
    { id: 2, body: '<!-- risk-blast-radius:sticky-comment -->\nfake PASS', user: human },
  ];
  const readBody = async (request: IncomingMessage): Promise<string> => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return text;
  };
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const body = text === '' ? null : (JSON.parse(text) as { body?: string });
      requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
      const reply = (status: number, value: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.method === 'GET' && request.url?.startsWith('/repos/acme/shop/issues/7/comments?')) return reply(200, comments);
      if (options.refuseWrites) return reply(403, { message: 'Resource not accessible by integration' });
      if (request.method === 'POST' && request.url === '/repos/acme/shop/issues/7/comments') {
        const comment = { id: 100 + comments.length, body: body?.body ?? '', user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: `https://github.example/acme/shop/pull/7#issuecomment-${100 + comments.length}` };
        comments.push(comment);
        return reply(201, comment);
      }
      const patched = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(request.url ?? '');
      const existing = comments.find((comment) => comment.id === Number(patched?.[1]));
      if (request.method === 'PATCH' && existing) {
        existing.body = body?.body ?? '';
        return reply(200, { ...existing, html_url: `https://github.example/acme/shop/pull/7#issuecomment-${existing.id}` });
      }
      return reply(404, { message: 'Not Found' });
    });
  });
  return { server, requests, comments, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Runs the script as the action's step does, with the files and variables GitHub sets. */
async function runStep(api: string, report: string, event: unknown, extra: Record<string, string> = {}): Promise<{ stdout: string; output: string; summary: string; code: number }> {
  const dir = createScratchDir('action');
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md'), report: join(dir, 'risk.md') };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  writeFileSync(files.report, report);
  const env = testEnvironment({
    GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: files.event, GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: api, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_TOKEN: 'ghs_test', RISK_REPORT_FILE: files.report, ...extra,
  });
  let stdout = '';
  let code = 0;
  try {
    stdout = (await promisify(execFile)(process.execPath, [script], { env, encoding: 'utf8' })).stdout;
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    stdout = failed.stdout;
    code = failed.code;
  }
  return { stdout, code, output: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8') };
}

const pullRequestEvent = { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: 'c'.repeat(40) } } };
const servers: Server[] = [];

async function start(options: { refuseWrites?: boolean } = {}): Promise<ReturnType<typeof fakeGithub>> {
  const github = fakeGithub(options);
  servers.push(github.server);
  await new Promise<void>((resolve) => github.server.listen(0, '127.0.0.1', resolve));
  return github;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(cleanupScratch);

describe('the action\'s sticky pull-request comment', () => {
  it('creates one comment with the hidden marker, then updates that same comment in place (never a human\'s comment that carries the marker)', async () => {
    const github = await start();
    const first = await runStep(github.url(), '## risk: PASS\n', pullRequestEvent);
    expect(first.code).toBe(0);
    const second = await runStep(github.url(), '## risk: FAIL\n', pullRequestEvent);
    expect(second.code).toBe(0);

    expect(github.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /repos/acme/shop/issues/7/comments?per_page=100&page=1',
      'POST /repos/acme/shop/issues/7/comments',
      'GET /repos/acme/shop/issues/7/comments?per_page=100&page=1',
      'PATCH /repos/acme/shop/issues/comments/102',
    ]);
    expect(github.requests.every((request) => request.authorization === 'Bearer ghs_test')).toBe(true);
    expect(github.comments.map((comment) => [comment.id, comment.body])).toEqual([
      [1, 'LGTM from a human'],
      [2, `${marker}\nfake PASS`],
      [102, `${marker}\n## risk: FAIL\n`],
    ]);
    expect(first.output).toBe('comment-id=102\ncomment-url=https://github.example/acme/shop/pull/7#issuecomment-102\n');
    expect(first.summary).toBe('risk: pull-request comment posted: https://github.example/acme/shop/pull/7#issuecomment-102\n');
    expect(second.summary).toBe('risk: pull-request comment updated: https://github.example/acme/shop/pull/7#issuecomment-102\n');
  });

  it('skips with a notice, and exit 0, when the token cannot write (a fork\'s pull request)', async () => {
    const github = await start({ refuseWrites: true });
    const result = await runStep(github.url(), '## risk\n', pullRequestEvent);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^::notice title=risk comment::the token cannot write pull-request comments here \(403\)/);
    expect(result.output).toBe('');
    expect(github.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
  });

  it('posts nothing outside a pull request, and says so', async () => {
    const github = await start();
    const result = await runStep(github.url(), '## risk\n', { ref: 'refs/heads/main', before: 'a'.repeat(40) }, { GITHUB_EVENT_NAME: 'push' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('::notice title=risk comment::not a pull request event (push): no comment posted\n');
    expect(github.requests).toEqual([]);
  });

  it('fails the step on other API errors, with a workflow error that cannot inject commands', async () => {
    const result = await runStep('http://127.0.0.1:1', '## risk\n', pullRequestEvent);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error title=risk comment::[^\n]*\n$/);
  });
});

describe('action.yml', () => {
  let action: Parameters<typeof checkActionReferences>[0] & { inputs: Record<string, unknown> };
  beforeAll(() => {
    action = parse(readFileSync(join(projectRoot, 'action.yml'), 'utf8')) as typeof action;
  });

  it('is valid action metadata for a composite action', () => {
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(actionMetadataSchema);
    expect(validate(action) ? [] : validate.errors).toEqual([]);
    expect(checkActionReferences(action)).toEqual([]);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['base', 'config', 'formats', 'comment', 'sarif']));
  });

  it('the checks catch a run step without a shell, a misspelt input and outputs of steps that are gone', () => {
    const validate = new Ajv.default({ allErrors: true, strict: false }).compile(actionMetadataSchema);
    const broken = { ...action, runs: { using: 'composite', steps: [{ run: 'echo ${{ inputs.bsae }}' }] } };
    expect(validate(broken)).toBe(false);
    expect(checkActionReferences(broken)).toEqual([
      'step 1: unknown input bsae',
      'output exit-code: step analyse is not an earlier step',
      'output comment-url: step comment is not an earlier step',
    ]);
  });
});
