import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import request from 'supertest';
import { ERROR_HTTP_STATUS } from '../../src/common/errors/error-code.js';
import { createTestApp, type TestApp } from '../support/create-test-app.js';

const SPECTRAL = fileURLToPath(new URL('../../node_modules/.bin/spectral', import.meta.url));
/** The tags of the API; routes of the last one (health, metrics) answer in their own formats. */
const TAGS = ['Commands', 'Queries', 'Events', 'Projections', 'Stats', 'Operations'];
/** Open routes without parameters or body: nothing a client sends can be refused with a 4xx. */
const NO_CLIENT_ERRORS = ['GET /health'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface SpectralResult {
  code: string;
  message: string;
  severity: 0 | 1 | 2 | 3;
  path: string[];
}

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; example?: unknown; examples?: unknown; schema?: { example?: unknown } }>;
  requestBody?: { content: Record<string, { example?: unknown; examples?: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { example?: unknown; examples?: Record<string, { value: { code: string } }>; schema?: { $ref?: string } }> }>;
}

/** Lints `document` with spectral's CLI and the `spectral:oas` ruleset; returns every finding. */
async function spectralLint(document: unknown): Promise<SpectralResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'bank-openapi-'));
  try {
    writeFileSync(join(folder, 'openapi.json'), JSON.stringify(document, null, 2));
    writeFileSync(join(folder, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');
    const output = join(folder, 'results.json');
    const args = ['lint', 'openapi.json', '--ruleset', '.spectral.yaml', '--format', 'json', '--output', output, '--fail-severity', 'error'];
    // Exit code 1 means "errors found": the results file says which; anything else is a failure to lint.
    await promisify(execFile)(SPECTRAL, args, { cwd: folder }).catch((error: { code?: number; stderr?: string }) => {
      if (error.code !== 1) throw new Error(`spectral failed (exit ${error.code}): ${error.stderr}`);
    });
    return JSON.parse(readFileSync(output, 'utf8')) as SpectralResult[];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function operationsOf(document: { paths: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

const describeFinding = (finding: SpectralResult) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`;

describe('OpenAPI document at /docs-json', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; tags?: Array<{ name: string; description?: string }> };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await request(t.server).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Operations of the JSON API (all but Operations), whose errors are all `{statusCode, code, ...}`. */
  const apiOperations = () => operationsOf(document).filter(([, operation]) => !operation.tags?.includes('Operations'));

  it('has a live linter: spectral reports the errors of a broken document', async () => {
    const findings = await spectralLint({ openapi: '3.0.3', info: { title: 'no version' }, paths: {} });
    expect(findings.filter((finding) => finding.severity === 0).map((finding) => finding.code)).toContain('oas3-schema');
  });

  it('passes spectral with the spectral:oas ruleset without errors', async () => {
    const findings = await spectralLint(document);
    const errors = findings.filter((finding) => finding.severity === 0).map(describeFinding);
    expect(errors).toEqual([]);
  });

  it('gives every operation a summary, tags from the API set, an operationId and at least one 4xx response', () => {
    const problems = operationsOf(document).flatMap(([name, operation]) => [
      ...(operation.summary?.trim() ? [] : [`${name}: no summary`]),
      ...(operation.operationId ? [] : [`${name}: no operationId`]),
      ...(operation.tags?.length ? [] : [`${name}: no tags`]),
      ...(operation.tags ?? []).filter((tag) => !TAGS.includes(tag)).map((tag) => `${name}: unknown tag ${tag}`),
      ...(NO_CLIENT_ERRORS.includes(name) || Object.keys(operation.responses).some((status) => /^4\d\d$/.test(status))
        ? []
        : [`${name}: no 4xx response`]),
    ]);
    expect(operationsOf(document).length).toBeGreaterThanOrEqual(15);
    expect(problems).toEqual([]);
  });

  it('describes every tag in use', () => {
    const described = new Set((document.tags ?? []).filter((tag) => tag.description?.trim()).map((tag) => tag.name));
    const used = new Set(operationsOf(document).flatMap(([, operation]) => operation.tags ?? []));
    expect([...used].filter((tag) => !described.has(tag))).toEqual([]);
  });

  it('documents every error response of the API routes with an example of each code it names, under its status', () => {
    const problems = apiOperations().flatMap(([name, operation]) =>
      Object.entries(operation.responses)
        // The import's 409 is its report (some streams refused, the others imported), not an error body.
        .filter(([status, response]) => Number(status) >= 400 && !response.content?.['application/json']?.schema?.$ref?.endsWith('/ImportEventsResponseDto'))
        .flatMap(([status, response]) => {
          const named = [...response.description.matchAll(/`([A-Z][A-Z_]+)`/g)].map(([, code]) => code);
          const examples = Object.values(response.content?.['application/json']?.examples ?? {}).map((example) => example.value.code);
          return [
            ...named.filter((code) => !examples.includes(code)).map((code) => `${name} ${status}: no example of ${code}`),
            ...examples
              .filter((code) => ERROR_HTTP_STATUS[code as keyof typeof ERROR_HTTP_STATUS] !== Number(status))
              .map((code) => `${name} ${status}: ${code} belongs to another status`),
            ...(named.length ? [] : [`${name} ${status}: names no error code`]),
            ...(examples.length ? [] : [`${name} ${status}: no example`]),
          ];
        }),
    );
    expect(problems).toEqual([]);
  });

  it("gives optional parameters no example, which Swagger UI's Try it out would send as if the user had typed it", () => {
    const problems = operationsOf(document).flatMap(([name, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => !parameter.required && (parameter.example ?? parameter.schema?.example ?? parameter.examples) !== undefined)
        .map((parameter) => `${name}: optional ${parameter.in} parameter ${parameter.name} has an example`),
    );
    expect(problems).toEqual([]);
  });

  it('gives every request body and success response of the API routes an example', () => {
    const problems = apiOperations().flatMap(([name, operation]) => {
      const hasExample = (content?: Record<string, { example?: unknown; examples?: unknown }>) =>
        Object.values(content ?? {}).some((media) => media.example !== undefined || media.examples !== undefined);
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      return [
        ...(operation.requestBody && !hasExample(operation.requestBody.content) ? [`${name}: request body without example`] : []),
        ...successes.filter(([, response]) => !hasExample(response.content)).map(([status]) => `${name} ${status}: no example`),
      ];
    });
    expect(problems).toEqual([]);
  });
});
