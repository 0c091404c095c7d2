// Installs the Debian packages of a browser the tests need (Chromium, Firefox ESR,
// WebKit), the one way to get a browser on these machines. Used by
// ensure-chromium.js, ensure-firefox.js and ensure-webkit.js.
import { execFileSync } from 'node:child_process';

/** Whether this process may install Debian packages: root, with apt-get on the PATH. */
function canAptInstall() {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs `pkg` with apt-get when root, then asks `find` again.
 * @param {string | string[]} pkg the Debian package, e.g. `chromium`, or several
 * @param {string} name what to call it in the message, e.g. `Chromium`
 * @param {() => unknown} find where the browser is once installed (undefined while missing)
 * @returns {boolean} whether the browser is there now
 */
export function aptInstallBrowser(pkg, name, find) {
  if (!canAptInstall()) return false;
  const pkgs = [pkg].flat();
  console.log(`No ${name} found: installing Debian's packages (apt-get install ${pkgs.join(' ')})...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
  return find() !== undefined;
}
