import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSpecYaml, specPath } from '../src/platform/spec.js';

// The build's parsed copy of the spec is used only while it matches the YAML served: never a stale document.
describe('the parsed spec the build leaves', () => {
  const yaml = readFileSync(specPath(), 'utf8');

  it('is the same document as parsing the YAML', () => {
    expect(parseSpecYaml(yaml)).toEqual(parse(yaml));
  });

  it('is ignored once the YAML changes, or when it is missing', () => {
    const edited = yaml.replace(/^ {2}title: .*$/m, '  title: Edited since the build');
    expect(edited).not.toBe(yaml);
    expect((parseSpecYaml(edited).info as { title: string }).title).toBe('Edited since the build');
    expect(parseSpecYaml(yaml, '/nonexistent/molam.json')).toEqual(parse(yaml));
  });
});
