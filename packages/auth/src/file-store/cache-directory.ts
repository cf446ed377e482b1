import { nodeOs, nodePath } from '../shared/node-builtins';

/**
 * The user's cache directory, where the file token store keeps its entries by default:
 * `%LOCALAPPDATA%` on Windows, `~/Library/Caches` on macOS, `$XDG_CACHE_HOME` (when absolute) or
 * `~/.cache` elsewhere, then `mmd-sdk/tokens`.
 */
export function defaultTokenDirectory(
  environment: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = nodeOs().homedir(),
): string {
  const { join, isAbsolute } = nodePath();
  const variable = (name: string) => {
    const value = Object.hasOwn(environment, name) ? environment[name]?.trim() : undefined;
    return value && isAbsolute(value) ? value : undefined;
  };
  const base =
    platform === 'win32'
      ? (variable('LOCALAPPDATA') ?? join(home, 'AppData', 'Local'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : (variable('XDG_CACHE_HOME') ?? join(home, '.cache'));
  return join(base, 'mmd-sdk', 'tokens');
}
