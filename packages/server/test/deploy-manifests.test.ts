import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/platform/config.js';
import { SERVER_NODE_FLAGS } from '../src/platform/node-flags.js';
import { loadSpec } from '../src/platform/spec.js';

// The image, compose file and Kubernetes manifests are what operators deploy from: each manifest passes the
// Kubernetes schema, and every probe path, port, variable and role they name is one the server has.

const ROOT = new URL('../../../', import.meta.url).pathname;
const K8S = join(ROOT, 'deploy/k8s');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** Every manifest of deploy/k8s and its subfolders, by path relative to deploy/k8s. */
function manifests(): { file: string; manifest: Manifest }[] {
  return readdirSync(K8S, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml') && !file.endsWith('kustomization.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(K8S, file), 'utf8')).map((document) => {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
        return { file, manifest: document.toJS() as Manifest };
      }),
    );
}

const ALL = manifests();
const byKind = (kind: string) => ALL.filter(({ manifest }) => manifest.kind === kind).map((m) => m.manifest);

interface Container {
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  startupProbe?: { httpGet: { path: string; port: string } };
  securityContext: {
    allowPrivilegeEscalation: boolean;
    readOnlyRootFilesystem: boolean;
    capabilities: { drop: string[] };
  };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}
interface PodSpec {
  securityContext: { runAsNonRoot: boolean; runAsUser: number; runAsGroup: number };
  containers: Container[];
}
const podOf = (manifest: Manifest) => (manifest.spec as { template: { spec: PodSpec } }).template.spec;

const specPaths = () => new Set(Object.keys(loadSpec().document.paths));
const PORT = Number(loadConfig({}).PORT);

describe('Kubernetes manifests', () => {
  it('every manifest passes the Kubernetes schema, and the kustomization names every applied file', () => {
    for (const { file, manifest } of ALL) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      if (!Model) throw new Error(`${file}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
      expect(() => new Model(manifest as never).validate(), `${file} ${manifest.kind}`).not.toThrow();
    }
    // Every manifest is applied by exactly one kustomization: the release's, or the migration's (applied and
    // waited for first); the Secret is an example to copy, never applied with placeholder values.
    const applied = ['', 'migrate/'].flatMap((dir) => {
      const kustomization = parseYaml(read(`deploy/k8s/${dir}kustomization.yaml`)) as {
        resources: string[];
        images: { name: string; newName: string }[];
      };
      expect(kustomization.images).toEqual([expect.objectContaining({ name: 'molam/server' })]);
      return kustomization.resources.map((resource) => `${dir}${resource}`);
    });
    const files = ALL.map(({ file }) => file).filter((file) => file !== 'secret.example.yaml');
    expect([...new Set(files)].sort()).toEqual([...applied].sort());
    expect(new Set(applied).size).toBe(applied.length);
  });

  it('the schema check is real: a broken Deployment is refused', () => {
    const [deployment] = byKind('Deployment');
    const broken = structuredClone(deployment) as Manifest & { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('runs the api and the worker as the image does: UID 1001, read-only, no capabilities, probes that exist', () => {
    const paths = specPaths();
    const roles = byKind('Deployment').map((deployment) => {
      const pod = podOf(deployment);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001 });
      const [container] = pod.containers;
      if (!container) throw new Error(`${deployment.metadata.name} has no container`);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(container.ports).toEqual([{ name: 'http', containerPort: PORT }]);
      expect(container.livenessProbe?.httpGet.path).toBe('/livez');
      expect(container.readinessProbe?.httpGet.path).toBe('/readyz');
      for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
        if (probe) expect(paths.has(probe.httpGet.path), probe.httpGet.path).toBe(true);
      }
      expect(container.resources.requests).toHaveProperty('cpu');
      expect(container.resources.limits).toHaveProperty('memory');
      return container.args?.join(' ');
    });
    expect(roles.sort()).toEqual(['--role api', '--role worker']);
    const [job] = byKind('Job');
    if (!job) throw new Error('no migration Job');
    const jobPod = podOf(job);
    expect(jobPod.containers[0]?.args).toEqual(['migrate']);
    expect(jobPod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1001 });
    expect(jobPod.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('selects the pods it means: Service, PodDisruptionBudgets and the Deployments’ own selectors', () => {
    const podLabels = (name: string) => {
      const deployment = byKind('Deployment').find((d) => d.metadata.name === name);
      if (!deployment) throw new Error(`no Deployment ${name}`);
      return (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template
        .metadata.labels;
    };
    const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
      Object.entries(selector).every(([key, value]) => labels[key] === value);
    for (const deployment of byKind('Deployment')) {
      const { matchLabels } = (deployment.spec as { selector: { matchLabels: Record<string, string> } })
        .selector;
      expect(matches(matchLabels, podLabels(deployment.metadata.name))).toBe(true);
    }
    const [service] = byKind('Service');
    if (!service) throw new Error('no Service');
    expect(
      matches((service.spec as { selector: Record<string, string> }).selector, podLabels('molam-api')),
    ).toBe(true);
    for (const pdb of byKind('PodDisruptionBudget')) {
      const { matchLabels } = (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector;
      expect(matches(matchLabels, podLabels(pdb.metadata.name))).toBe(true);
    }
    // The autoscaler owns the API's replica count: the Deployment sets none for an apply to reset.
    expect(
      (byKind('Deployment').find((d) => d.metadata.name === 'molam-api')?.spec as object) ?? {},
    ).not.toHaveProperty('replicas');
  });

  it('scales the api, keeps pods through disruptions, and limits traffic to what the server needs', () => {
    const [hpa] = byKind('HorizontalPodAutoscaler');
    expect(hpa?.spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: 'molam-api' },
      minReplicas: 2,
    });
    expect(
      byKind('PodDisruptionBudget')
        .map((pdb) => pdb.metadata.name)
        .sort(),
    ).toEqual(['molam-api', 'molam-worker']);
    const [policy] = byKind('NetworkPolicy');
    const spec = policy?.spec as { policyTypes: string[]; egress: { ports: { port: number }[] }[] };
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.egress.flatMap((rule) => rule.ports.map((port) => port.port)).sort((a, b) => a - b)).toEqual([
      53, 53, 443, 5432, 6379, 9092, 9093,
    ]);
  });
});

/** `NAME=value` and `NAME: value` settings of the deployment files, by file. */
function settingsOf(): Record<string, string[]> {
  const configMap = byKind('ConfigMap')[0] as Manifest & { data: Record<string, string> };
  const secret = parseYaml(read('deploy/k8s/secret.example.yaml')) as { stringData: Record<string, string> };
  const compose = parseYaml(read('deploy/compose.yaml'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string> }>;
  };
  const dockerfileEnv = [...read('Dockerfile').matchAll(/^\s*(?:ENV\s+)?([A-Z][A-Z0-9_]+)=\S+/gm)].map(
    (match) => match[1] ?? '',
  );
  return {
    'deploy/k8s/configmap.yaml': Object.keys(configMap.data),
    'deploy/k8s/secret.example.yaml': Object.keys(secret.stringData),
    'deploy/compose.yaml (molam services)': ['migrate', 'api', 'worker'].flatMap((name) =>
      Object.keys(compose.services[name]?.environment ?? {}),
    ),
    Dockerfile: dockerfileEnv,
  };
}

describe('settings in the deployment files', () => {
  it('name only variables the server reads (NODE_ENV aside), with values it accepts', () => {
    const known = new Set([...CONFIG_VARIABLES, 'NODE_ENV']);
    for (const [file, names] of Object.entries(settingsOf())) {
      expect(names.length, file).toBeGreaterThan(0);
      expect(
        names.filter((name) => !known.has(name)),
        file,
      ).toEqual([]);
    }
    const configMap = byKind('ConfigMap')[0] as Manifest & { data: Record<string, string> };
    const secret = parseYaml(read('deploy/k8s/secret.example.yaml')) as {
      stringData: Record<string, string>;
    };
    expect(() => loadConfig({ ...configMap.data, ...secret.stringData })).not.toThrow();
  });
});

describe('the image and the compose file', () => {
  it('the Dockerfile passes the linter of the Docker language server (dockerfile-utils)', () => {
    expect(lintDockerfile(read('Dockerfile')).map((problem) => problem.message)).toEqual([]);
    // The linter finds real mistakes: an unknown instruction and a healthcheck without its command.
    expect(lintDockerfile('FROM node:20\nUSR 1001\nHEALTHCHECK CMD\n')).toHaveLength(2);
  });

  it('the Dockerfile copies every patch pnpm applies before it installs', () => {
    const dockerfile = read('Dockerfile');
    const install = dockerfile.indexOf('RUN pnpm install');
    expect(install).toBeGreaterThan(0);
    const copied = [...dockerfile.slice(0, install).matchAll(/^COPY (.+) \S+$/gm)].flatMap((match) =>
      (match[1] ?? '').split(' '),
    );
    const workspace = parseYaml(read('pnpm-workspace.yaml')) as {
      patchedDependencies?: Record<string, string>;
    };
    const patches = Object.values(workspace.patchedDependencies ?? {});
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) {
      expect(
        copied.some((source) => patch === source || patch.startsWith(`${source}/`)),
        patch,
      ).toBe(true);
    }
  });

  it('the Dockerfile builds in two stages, keeps production dependencies only, runs as 1001 with a healthcheck and the server’s Node flags', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/deploy --prod/);
    expect(dockerfile).toMatch(/^USER 1001:1001$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${PORT}$`, 'm'));
    expect(dockerfile).toMatch(
      /^HEALTHCHECK .*\n.*127\.0\.0\.1:' \+ \(process\.env\.PORT \|\| 8080\) \+ '\/livez/m,
    );
    expect(PORT).toBe(8080);
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(entrypoint ?? 'null')).toEqual([
      'node',
      ...SERVER_NODE_FLAGS,
      '/app/bin/molam-server.js',
    ]);
    const { scripts } = JSON.parse(read('packages/server/package.json')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe(['node', ...SERVER_NODE_FLAGS, 'dist/bin.js'].join(' '));
    expect(specPaths().has('/livez')).toBe(true);
    const ignore = read('.dockerignore');
    for (const entry of ['.git', '**/node_modules', '**/dist']) expect(ignore).toContain(entry);
  });

  it('compose waits on healthy dependencies and a completed migration, with the image’s hardening', () => {
    const compose = parseYaml(read('deploy/compose.yaml'), { merge: true }) as {
      services: Record<
        string,
        {
          command?: string[];
          depends_on?: Record<string, { condition: string }>;
          healthcheck?: unknown;
          user?: string;
          read_only?: boolean;
          cap_drop?: string[];
        }
      >;
    };
    const { postgres, redis, migrate, api, worker } = compose.services;
    expect(postgres?.healthcheck).toBeDefined();
    expect(redis?.healthcheck).toBeDefined();
    expect(migrate?.command).toEqual(['migrate']);
    expect(migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const [role, service] of [
      ['api', api],
      ['worker', worker],
    ] as const) {
      expect(service?.command).toEqual(['--role', role]);
      expect(service?.depends_on).toEqual({
        migrate: { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
      expect(service).toMatchObject({ user: '1001:1001', read_only: true, cap_drop: ['ALL'] });
      expect(JSON.stringify(service?.healthcheck)).toContain('/readyz');
    }
  });
});

const PROMTOOL = process.env.MOLAM_PROMTOOL ?? '/usr/bin/promtool';

describe('Prometheus rules', () => {
  // `npm test` installs Debian's prometheus (for promtool) as root; CI must never skip this.
  it.skipIf(!existsSync(PROMTOOL) && !process.env.CI)(
    'pass promtool check rules and their unit tests',
    () => {
      if (!existsSync(PROMTOOL))
        throw new Error(`${PROMTOOL} is missing: install Debian's prometheus package`);
      const dir = join(ROOT, 'deploy/prometheus');
      for (const args of [
        ['check', 'rules', 'alerts.yml'],
        ['test', 'rules', 'alerts.test.yml'],
      ]) {
        const result = spawnSync(PROMTOOL, args, { cwd: dir, encoding: 'utf8' });
        expect(result.status, `promtool ${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
      }
    },
  );
});
