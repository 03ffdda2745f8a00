import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type KafkaBroker, kafkaHolder, startKafkaBroker } from './helpers/kafka.js';
import { startTestServer, type TestServer } from './helpers/server.js';

// The alert rules and the Grafana dashboard name only metrics this server exports: checked against a real
// /metrics, so a renamed metric cannot leave an alert that never fires or a panel that stays empty.
const deploy = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../deploy/${path}`, import.meta.url)), 'utf8');

/** Prometheus's own series, which no exporter provides. */
const PROMETHEUS_SERIES = new Set(['up']);
const PROMQL_WORDS = new Set(
  'sum rate irate increase max min avg count histogram_quantile by without and or unless bool on ignoring group_left group_right offset abs absent clamp_min clamp_max time vector scalar label_replace topk bottomk'.split(
    ' ',
  ),
);

/** The metric names a PromQL expression reads (label matchers, groupings, ranges and strings set aside). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const tokens = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(tokens.filter((token) => !PROMQL_WORDS.has(token)))];
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}

let server: TestServer;
let broker: KafkaBroker | undefined;
let exported: Set<string>;
beforeAll(async () => {
  // Kafka's metrics exist on servers configured with it (CI always has the test broker).
  broker = kafkaHolder ? await startKafkaBroker() : undefined;
  server = await startTestServer(broker ? { KAFKA_BROKERS: broker.brokers } : {});
  const text = await (await fetch(`${server.url}/metrics`)).text();
  exported = new Set();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (!name) continue;
    exported.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_count', '_sum']) exported.add(`${name}${suffix}`);
  }
});
afterAll(async () => {
  await server?.close();
  await broker?.stop();
});

/** Without the Kafka test broker (a machine without the client), Kafka's metrics cannot be seen: not counted. */
const unseen = (name: string) => !broker && /^(kafka|outbox)_/.test(name);
const unknown = (names: string[]) =>
  names.filter((name) => !exported.has(name) && !PROMETHEUS_SERIES.has(name) && !unseen(name));

describe('deploy assets', () => {
  it('alert rules are well formed, include the seed’s alerts, and read only exported metrics', () => {
    const groups = (parse(deploy('prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] })
      .groups;
    const rules = groups.flatMap((group) => group.rules);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Molam[A-Za-z]+$/);
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(rule.labels?.severity).toBeTruthy();
      expect(rule.annotations?.summary).toBeTruthy();
      expect({ alert: rule.alert, unknown: unknown(metricNames(rule.expr)) }).toEqual({
        alert: rule.alert,
        unknown: [],
      });
    }
    // Seed 000: down > 2 min, errors > 1 % for 5 min, database failures, p95 > 500 ms for 10 min.
    const byName = new Map(rules.map((rule) => [rule.alert, rule]));
    expect(byName.get('MolamDown')?.for).toBe('2m');
    expect(byName.get('MolamHighErrorRate')?.expr).toContain('> 0.01');
    expect(byName.get('MolamDatabaseDown')?.expr).toContain('molam_database_up');
    expect(byName.get('MolamSlowRequests')).toMatchObject({ for: '10m' });
  });

  it('dashboard panels read only exported metrics', () => {
    const dashboard = JSON.parse(deploy('grafana/molam-server.json')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.panels.length).toBeGreaterThan(10);
    for (const panel of dashboard.panels) {
      const names = panel.targets.flatMap((target) => metricNames(target.expr));
      expect(names.length).toBeGreaterThan(0);
      expect({ panel: panel.title, unknown: unknown(names) }).toEqual({ panel: panel.title, unknown: [] });
    }
  });

  it('reads metric names out of PromQL, and would catch a renamed one', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{status=~"5.."}[5m])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(unknown(['payments_processed_total', 'payments_done_total'])).toEqual(['payments_done_total']);
  });

  it('exports whether the database answers', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^molam_database_up 1$/m);
  });
});
