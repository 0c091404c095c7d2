// Installs a Debian package for a browser the tests need (Chromium, Firefox ESR),
// the one way to get a browser on these machines. Used by ensure-chromium.js
// and ensure-firefox.js.
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
 * @param {string} pkg the Debian package, e.g. `chromium`
 * @param {string} name what to call it in the message, e.g. `Chromium`
 * @param {() => string | undefined} find where the browser is, once installed
 * @returns {boolean} whether the browser is there now
 */
export function aptInstallBrowser(pkg, name, find) {
  if (!canAptInstall()) return false;
  console.log(`No ${name} found: installing Debian's ${pkg} package (apt-get install ${pkg})...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
  return find() !== undefined;
}
