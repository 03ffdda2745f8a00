import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bashScript } from '../src/completion/bash.js';
import { fishScript } from '../src/completion/fish.js';
import { allCommands, completionTree } from '../src/completion/tree.js';
import { zshScript } from '../src/completion/zsh.js';
import { defaultDeps } from '../src/deps.js';
import { createProgram } from '../src/program.js';
import { fakeIO } from './helpers/fake-io.js';

const tree = completionTree(createProgram({ io: fakeIO(), deps: defaultDeps }, { json: false }));

/** Runs the bash script's completion function on a command line, as bash would on TAB. */
function bashComplete(line: string): string[] {
  const script = `${bashScript(tree)}
COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMP_WORDBREAKS=$' \\t\\n"\\'><=;|&(:'
_molam; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('completion', () => {
  it('reads every command from the commander tree', () => {
    const paths = allCommands(tree).map((command) => command.path);
    for (const path of [
      'config set',
      'login',
      'keys rotate',
      'merchants keys create',
      'webhooks endpoints rotate-secret',
      'webhooks listen',
      'events resend',
      'migrate down',
      'server start',
      'health',
      'completion',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths).not.toContain('help');
  });

  it('bash completes commands, subcommands, flags and flag values', () => {
    expect(bashComplete('molam ke')).toEqual(['keys']);
    expect(bashComplete('molam merchants keys ')).toEqual(expect.arrayContaining(['create', 'list']));
    expect(bashComplete('molam --profile keys keys rev')).toEqual(['revoke']);
    expect(bashComplete('molam keys create --sc')).toEqual(['--scope']);
    expect(bashComplete('molam server start --role ')).toEqual(['all', 'api', 'worker', 'relay', 'consumer']);
    expect(bashComplete('molam completion ')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
    expect(bashComplete('molam config get ')).toEqual(expect.arrayContaining(['api_key', 'base_url']));
    // Bash splits words at ":", so the replies hold only what follows it.
    expect(bashComplete('molam keys create --scope payments:')).toEqual(['read', 'write']);
    expect(bashComplete('molam keys create --scope pay')).toEqual(['payments:read', 'payments:write']);
  });

  it('zsh and fish scripts describe every command and flag', () => {
    const zsh = zshScript(tree);
    expect(zsh.startsWith('#compdef molam\n')).toBe(true);
    expect(zsh).toContain("'rotate:Issue a new secret");
    expect(zsh).toContain("('server start|--role') compadd -- 'all' 'api' 'worker' 'relay' 'consumer'");
    const fish = fishScript(tree);
    expect(fish).toContain("complete -c molam -n '__molam_at \\'merchants keys\\'' -a 'create'");
    expect(fish).toContain("-l role -x -a 'all api worker relay consumer'");
  });

  const installed = (shell: string) => {
    try {
      execFileSync('which', [shell], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };

  // Where zsh or fish is installed, the scripts are also run; bash always is.
  it.runIf(installed('zsh'))('zsh completes subcommands with descriptions and flag values', () => {
    // Stubs print what the completion system would have been handed.
    const stubs = `compdef() {}
compadd() { shift; print -l -- "$@" }
_describe() { local name="$4"; print -l -- "\${(@P)name}" }
_files() { print FILES }`;
    const complete = (words: string[]) =>
      execFileSync(
        'zsh',
        [
          '-c',
          `${stubs}\n${zshScript(tree)}\nwords=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _molam`,
        ],
        {
          encoding: 'utf8',
        },
      );
    expect(complete(['molam', 'server', 'start', '--role', ''])).toBe('all\napi\nworker\nrelay\nconsumer\n');
    expect(complete(['molam', 'merchants', 'keys', ''])).toContain('create:Create an API key for a merchant');
    expect(complete(['molam', 'migrate', 'up', '--data-dir', ''])).toBe('FILES\n');
  });

  it.runIf(installed('fish'))('fish completes subcommands with descriptions and flag values', () => {
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `${fishScript(tree)}\ncomplete -C '${line}'`], { encoding: 'utf8' });
    expect(complete('molam keys cr')).toMatch(/^create\tCreate an API key/);
    expect(complete('molam --profile keys keys re')).toMatch(/^revoke\t/);
    expect(
      complete('molam server start --role ')
        .split('\n')
        .map((row) => row.split('\t')[0]),
    ).toEqual(['all', 'api', 'consumer', 'relay', 'worker', '']);
  });
});
