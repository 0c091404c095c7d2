/**
 * The PWA in a real WebKit (WebKitGTK's MiniBrowser, driven by Debian's
 * WebKitWebDriver through selenium-webdriver), with the steps a person takes:
 * find a control by its role and the name a screen reader reads (WebKit's own
 * computed role and accessible name, not a CSS guess), click it, type into it,
 * wait for what the screen says.
 *
 *   it('adds an account', async () => {
 *     const app = await openApp();
 *     await app.click(app.getByRole('button', 'Add account'));
 *     ...
 *   }); // the session is closed; the test fails on any error the page threw
 *
 * WebDriver gives no console log here, so every page the helpers open gets a
 * collector of `error` and `unhandledrejection` events, installed by
 * executeScript as soon as the page has loaded (WebDriver cannot run a script
 * before the page's own); `close()` reads it and throws on anything collected.
 * Navigate only through `goto` and `reload`, which read the collector before
 * the page goes away and install it on the new one.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Builder, By, error as webDriverErrors, type WebDriver, type WebElement } from 'selenium-webdriver';
import { inject, onTestFinished } from 'vitest';

/** How long a step waits for the page, unless told otherwise. */
export const WAIT_MS = 10_000;
/** How long a step that runs Argon2id (64 MiB, 3 passes) waits on a busy two-core machine. */
export const SLOW_WAIT_MS = 45_000;

/** The roles the tests look for, and the elements that can have each (explicitly or implicitly). */
const ROLE_SELECTORS = {
  alert: '[role="alert"]',
  button: 'button, [role="button"], input[type="button"], input[type="submit"]',
  checkbox: 'input[type="checkbox"], [role="checkbox"]',
  complementary: 'aside, [role="complementary"]',
  dialog: 'dialog, [role="dialog"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  list: 'ul, ol, [role="list"]',
  listitem: 'li, [role="listitem"]',
  main: 'main, [role="main"]',
  radio: 'input[type="radio"], [role="radio"]',
  status: '[role="status"], output',
  switch: '[role="switch"], input[type="checkbox"]',
  tab: '[role="tab"]',
  textbox: 'input:not([type]), input[type="text"], input[type="email"], input[type="url"], textarea, [role="textbox"]',
} as const;

/** A role the helpers can find. */
export type Role = keyof typeof ROLE_SELECTORS;
/** An accessible name: exactly this text (spaces collapsed), or matching this pattern. */
export type Name = string | RegExp;

/** Where to look: the whole page, or inside one element (a dialog). */
export interface Within {
  within?: WebElement;
  /** How long to wait, in milliseconds; {@link WAIT_MS} unless given. */
  timeout?: number;
}

/**
 * Collects the page's uncaught errors and unhandled rejections into
 * `window.__pageErrors`. Runs once per document.
 */
const INSTALL_ERROR_COLLECTOR = `
  if (!Array.isArray(window.__pageErrors)) {
    const errors = (window.__pageErrors = []);
    // WebKit's stack has no message line (V8's does): keep both.
    const describe = (error) => String(error) + (error?.stack ? '\\n  ' + String(error.stack).split('\\n').slice(0, 6).join('\\n  ') : '');
    addEventListener('error', (event) => {
      errors.push('error: ' + (event.error ? describe(event.error) : event.message) + ' (' + event.filename + ':' + event.lineno + ')');
    });
    addEventListener('unhandledrejection', (event) => {
      errors.push('unhandled rejection: ' + describe(event.reason));
    });
  }`;

/**
 * In the page, for `arguments[0]`: scrolls it into view, waits two animation
 * frames, and returns '' when its box did not move, it is enabled, and it is
 * what a tap at its centre would hit; otherwise why not.
 */
const READY_TO_CLICK = `
  const el = arguments[0];
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const box = () => JSON.stringify(el.getBoundingClientRect());
  const before = box();
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  if (box() !== before) return 'still moving';
  if (el.disabled) return 'disabled';
  const rect = el.getBoundingClientRect();
  const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
  return hit && (hit === el || el.contains(hit)) ? '' : 'covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');`;

/**
 * The start of the error when WebKit never answers a command. Now and then,
 * on a heavily loaded machine (seen 3 times in about 30 runs, at a load of 16
 * on 2 cores), WebKitGTK 2.50 stops answering a WebDriver command (an
 * executeScript, a file chosen) for good, and the session is lost. The
 * WebKit suite retries a test once on this error, and on no other
 * (vite.config.ts): a wrong result always fails.
 */
export const UNRESPONSIVE = 'WebKit stopped answering';
/** How long one WebDriver command may take; the slowest here (a page load on a busy machine) takes a few seconds. */
const COMMAND_TIMEOUT_MS = 30_000;

/** `promise`, or a rejection "`prefix` `what` within N s" after `ms` milliseconds. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string, prefix = 'WebKit did not answer'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      console.log(`${prefix}: ${what}, within ${ms / 1000} s`);
      reject(new Error(`${prefix}: ${what}, within ${ms / 1000} s`));
    }, ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function matches(actual: string, wanted: Name): boolean {
  return typeof wanted === 'string' ? collapse(actual) === collapse(wanted) : wanted.test(actual);
}

/** Errors WebDriver throws while the page re-renders or a sheet animates: worth another try. */
function isTransient(error: unknown): boolean {
  return (
    error instanceof webDriverErrors.StaleElementReferenceError ||
    error instanceof webDriverErrors.ElementNotInteractableError ||
    error instanceof webDriverErrors.ElementClickInterceptedError ||
    error instanceof webDriverErrors.NoSuchElementError ||
    error instanceof webDriverErrors.InvalidElementStateError
  );
}

/**
 * Runs `attempt` until it returns something other than undefined, retrying
 * transient WebDriver errors, for up to `timeout` ms; then throws `describe()`.
 */
async function poll<T>(attempt: () => Promise<T | undefined>, timeout: number, describe: () => Promise<string> | string): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const result = await attempt();
      if (result !== undefined) return result;
    } catch (error) {
      if (!isTransient(error)) throw error;
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? ` (last: ${last.name}: ${last.message.split('\n')[0]})` : '';
      throw new Error(`${await describe()} within ${timeout / 1000} s${cause}`);
    }
    await sleep(100);
  }
}

/** How a session's browser is set up. */
export interface SessionOptions {
  /** The user agent string the browser sends and `navigator.userAgent` reads; WebKitGTK's own unless given. */
  userAgent?: string;
}

/** The capabilities that make WebKitWebDriver launch Debian's MiniBrowser, with a mock camera. */
function capabilities({ userAgent }: SessionOptions) {
  return {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': {
      binary: inject('miniBrowser'),
      // --automation lets the driver control it; the mock capture devices give
      // getUserMedia a camera without a prompt (the tests replace its picture);
      // the Storage API (navigator.storage), on in Safari, is off in WebKitGTK
      // unless asked for.
      args: [
        '--automation',
        '--enable-media-stream=true',
        '--enable-mock-capture-devices=true',
        '--features=+StorageAPI,+StorageAPIEstimate',
        ...(userAgent ? [`--user-agent=${userAgent}`] : []),
      ],
    },
  };
}

/** The window size asked for: an iPhone 14's viewport. */
const PHONE = { width: 390, height: 844 };

/** Where a failed test's screenshot goes. */
const RESULTS_DIR = resolve('test-results/webkit');

/**
 * Opens a new WebKit session (empty storage: a new device, as far as the
 * app can tell) on the PWA, or on `url`. Call it inside a test: when the test
 * ends the session is closed, the test fails if a page threw, and a failed
 * test leaves a screenshot in test-results/webkit/.
 */
export async function openApp(url: string = inject('pwaUrl'), options: SessionOptions = {}): Promise<WebKitApp> {
  const starting = new Builder().usingServer(inject('webDriverUrl')).withCapabilities(capabilities(options)).build();
  const driver = await withTimeout(Promise.resolve(starting), COMMAND_TIMEOUT_MS, 'starting a session', UNRESPONSIVE);
  const app = new WebKitApp(driver);
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const file = join(RESULTS_DIR, `${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80)}.png`);
      await mkdir(RESULTS_DIR, { recursive: true });
      await withTimeout(driver.takeScreenshot(), 5_000, 'taking a screenshot')
        .then((png) => writeFile(file, png, 'base64'))
        .then(() => console.log(`screenshot: ${file}`))
        .catch(() => undefined);
    }
    await app.close();
  });
  // A phone's viewport, as near as the MiniBrowser's window allows.
  await driver.manage().window().setRect({ width: PHONE.width, height: PHONE.height });
  await app.goto(url);
  return app;
}

/** Where WebKitGTK may save a download named `name`. */
function downloadPaths(name: string): string[] {
  const home = inject('browserHome');
  return [join(home, 'Downloads', name), join(home, name)];
}

/** One WebKit window on the app, and the steps a person takes in it. */
export class WebKitApp {
  /** Errors collected from pages this session has left. */
  private readonly pastErrors: string[] = [];
  /** Set once the session has ended. */
  private closed = false;

  constructor(readonly driver: WebDriver) {
    // Every command gets an answer in time or fails as UNRESPONSIVE (see its comment), naming itself.
    const execute = driver.execute.bind(driver);
    driver.execute = (command) => {
      const script = command.getParameter('script');
      const detail = typeof script === 'string' ? ` (${script.replace(/\s+/g, ' ').trim().slice(0, 60)})` : '';
      return withTimeout(execute(command), COMMAND_TIMEOUT_MS, `${command.getName()}${detail}`, UNRESPONSIVE);
    };
  }

  // ------------------------------------------------------------ navigation

  /** Opens `url` and installs the error collector on it. */
  async goto(url: string): Promise<void> {
    await this.keepErrors();
    await this.driver.get(url);
    await this.driver.executeScript(INSTALL_ERROR_COLLECTOR);
  }

  /** Reloads the page, as a person pulling to refresh. */
  async reload(): Promise<void> {
    await this.keepErrors();
    await this.driver.navigate().refresh();
    await this.driver.executeScript(INSTALL_ERROR_COLLECTOR);
  }

  /** Moves the page's collected errors into `pastErrors` before it goes away. */
  private async keepErrors(): Promise<void> {
    const errors = await this.driver.executeScript<string[] | null>('return window.__pageErrors ?? null').catch(() => null);
    if (errors) this.pastErrors.push(...errors);
  }

  /**
   * Ends the session. Throws if any page of it threw an uncaught error or left
   * a rejection unhandled (or if the page was navigated behind the helpers'
   * back, so its collector is gone).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let errors: string[] | null = null;
    try {
      errors = await withTimeout(this.driver.executeScript<string[] | null>('return window.__pageErrors ?? null'), 5_000, 'reading the page errors');
    } finally {
      // A page stuck in a long task must not keep the session (and the next test) waiting.
      await withTimeout(this.driver.quit(), 10_000, 'ending the session').catch(() => undefined);
    }
    const all = [...this.pastErrors, ...(errors ?? ['the error collector is gone: the page navigated without goto() or reload()'])];
    if (all.length > 0) throw new Error(`The page reported errors:\n${all.join('\n')}`);
  }

  /** Runs `script` in the page (as a function body: `return` gives the result). */
  run<T>(script: string, ...args: unknown[]): Promise<T> {
    return this.driver.executeScript<T>(script, ...args);
  }

  /** Runs `script` in the page and waits for the promise it returns. */
  runAsync<T>(script: string, ...args: unknown[]): Promise<T> {
    // selenium's executeAsyncScript passes a callback as the last argument.
    return this.driver.executeAsyncScript<T>(
      `const done = arguments[arguments.length - 1];
       Promise.resolve((async () => { ${script} })(...Array.prototype.slice.call(arguments, 0, -1)))
         .then((value) => done({ value }), (error) => done({ error: String(error?.stack ?? error) }));`,
      ...args,
    ).then((result) => {
      const { value, error } = result as { value?: T; error?: string };
      if (error !== undefined) throw new Error(`In the page: ${error}`);
      return value as T;
    });
  }

  /** The page's clock, in milliseconds since the epoch. */
  now(): Promise<number> {
    return this.run<number>('return Date.now()');
  }

  // ------------------------------------------------------------ finding

  /** Waits for a visible element with `role` and accessible name `name`. */
  async getByRole(role: Role, name: Name, { within, timeout = WAIT_MS }: Within = {}): Promise<WebElement> {
    return poll(
      () => this.findByRole(role, name, within),
      timeout,
      async () => `No ${role} named ${String(name)} was shown (visible: ${JSON.stringify(await this.visibleNames(role, within))})`,
    );
  }

  /** Waits for a visible form field whose label (its accessible name) is `label`: a password field too. */
  async getByLabel(label: Name, { within, timeout = WAIT_MS }: Within = {}): Promise<WebElement> {
    return poll(
      async () => {
        for (const field of await this.visible('input, textarea, select', within)) {
          if (matches(await field.getAccessibleName(), label)) return field;
        }
        return undefined;
      },
      timeout,
      () => `No field labelled ${String(label)} was shown`,
    );
  }

  /** Waits until no visible element with `role` and `name` is left. */
  async waitUntilGone(role: Role, name: Name, { within, timeout = WAIT_MS }: Within = {}): Promise<void> {
    await poll(async () => ((await this.findByRole(role, name, within)) ? undefined : true), timeout, () => `The ${role} ${String(name)} was still shown`);
  }

  /** Whether a visible element with `role` and `name` is there now (no waiting). */
  async isShown(role: Role, name: Name, within?: WebElement): Promise<boolean> {
    return (await this.findByRole(role, name, within)) !== undefined;
  }

  /**
   * The first visible element with the role and name, or undefined. Candidates
   * whose text or label roughly holds the name are asked first, so a lookup
   * usually costs one computed-name request, not one per button.
   */
  private async findByRole(role: Role, name: Name, within?: WebElement): Promise<WebElement | undefined> {
    const candidates = await this.visible(ROLE_SELECTORS[role], within);
    const rough = await this.run<string[]>(
      `return Array.from(arguments, (el) => (el.getAttribute('aria-label') ?? '') + ' ' + (el.textContent ?? '') + ' ' + (el.labels?.[0]?.textContent ?? ''))`,
      ...candidates,
    );
    const hint = typeof name === 'string' ? collapse(name).slice(0, 12) : '';
    const order = candidates.map((_, i) => i).sort((a, b) => Number(!rough[a]!.includes(hint)) - Number(!rough[b]!.includes(hint)));
    for (const i of order) {
      const element = candidates[i]!;
      if (!matches(await element.getAccessibleName(), name)) continue;
      // The tag table over-approximates (a checkbox input may be a switch): WebKit's computed role decides.
      if ((await element.getAriaRole()) === role) return element;
    }
    return undefined;
  }

  /** The elements matching `selector` that are rendered (not display:none, not visibility:hidden, not in a closed dialog). */
  private async visible(selector: string, within?: WebElement): Promise<WebElement[]> {
    const all = await (within ?? this.driver).findElements(By.css(selector));
    if (all.length === 0) return [];
    const shown = await this.run<boolean[]>(
      // One element per argument: WebKit's driver does not turn element references nested in an array into elements.
      `return Array.from(arguments, (el) => el.checkVisibility({ visibilityProperty: true }))`,
      ...all,
    );
    return all.filter((_, i) => shown[i]);
  }

  /** The accessible names of the visible elements with `role`, for a failure message. */
  private async visibleNames(role: Role, within?: WebElement): Promise<string[]> {
    const names: string[] = [];
    for (const element of await this.visible(ROLE_SELECTORS[role], within).catch(() => [])) {
      const computed = await element.getAriaRole().catch(() => '');
      if (computed === role) names.push(await element.getAccessibleName().catch(() => '?'));
    }
    return names;
  }

  // ------------------------------------------------------------ acting

  /**
   * Clicks `element` the way Playwright makes sure a click lands: scrolled to
   * the middle of its scrolling box (WebKit's driver does not scroll inside a
   * dialog by itself), its box still for two animation frames (a sheet rises
   * or grows), enabled, and the topmost element at its centre. Tries again
   * until then.
   */
  async click(element: WebElement | Promise<WebElement>, timeout = WAIT_MS): Promise<void> {
    const target = await element;
    let why = '';
    await poll(
      async () => {
        why = await this.runAsync<string>(READY_TO_CLICK, target);
        if (why) return undefined;
        await target.click();
        return true;
      },
      timeout,
      async () => `The ${await target.getAriaRole().catch(() => 'element')} ${JSON.stringify(await target.getAccessibleName().catch(() => ''))} could not be clicked (${why})`,
    );
  }

  /**
   * Types `text` into an empty `field`, as a person does, trying again while
   * the field refuses keys (a sheet still animating in), and checks that the
   * field holds exactly `text` afterwards.
   */
  async fill(field: WebElement | Promise<WebElement>, text: string, timeout = WAIT_MS): Promise<void> {
    const target = await field;
    await poll(
      async () => {
        await target.clear();
        await target.sendKeys(text);
        return (await target.getProperty('value')) === text ? true : undefined;
      },
      timeout,
      async () => `The field did not take the text (it holds ${JSON.stringify(await target.getProperty('value'))})`,
    );
  }

  /** Chooses `path` in a file input (the "Choose a file" button's input). */
  async chooseFile(input: WebElement, path: string): Promise<void> {
    await input.sendKeys(path);
  }

  // ------------------------------------------------------------ reading

  /** The element's text as the DOM holds it, screen-reader-only text included (what `toContainText` reads). */
  textOf(element: WebElement): Promise<string> {
    return this.run<string>('return arguments[0].textContent ?? ""', element);
  }

  /** Waits until `element`'s text holds `text` (or matches the pattern); returns the text. */
  async waitForText(element: WebElement, text: Name, timeout = WAIT_MS): Promise<string> {
    const found = (actual: string) => (typeof text === 'string' ? collapse(actual).includes(collapse(text)) : text.test(actual));
    return poll(
      async () => {
        const actual = await this.textOf(element);
        return found(actual) ? actual : undefined;
      },
      timeout,
      async () => `The text ${JSON.stringify(collapse(await this.textOf(element).catch(() => '(gone)')))} did not come to hold ${String(text)}`,
    );
  }

  /** Waits until some visible element with `role` holds `text`; returns it. */
  async getByRoleWithText(role: Role, text: Name, { within, timeout = WAIT_MS }: Within = {}): Promise<WebElement> {
    const found = (actual: string) => (typeof text === 'string' ? collapse(actual).includes(collapse(text)) : text.test(actual));
    return poll(
      async () => {
        for (const element of await this.visible(ROLE_SELECTORS[role], within)) {
          if (found(await this.textOf(element)) && (await element.getAriaRole()) === role) return element;
        }
        return undefined;
      },
      timeout,
      () => `No ${role} holding ${String(text)} was shown`,
    );
  }

  // ------------------------------------------------------------ downloads

  /**
   * Removes an earlier download named `name`, so {@link savedFile} can only
   * find the one the next step saves. WebKitGTK saves downloads in the
   * browser's download folder, or its home folder when there is none.
   */
  async forgetDownload(name: string): Promise<void> {
    for (const path of downloadPaths(name)) await rm(path, { force: true });
  }

  /** Waits until the browser has saved the download `name`; returns its text. */
  async savedFile(name: string, timeout = WAIT_MS): Promise<{ path: string; text: string }> {
    return poll(
      async () => {
        for (const path of downloadPaths(name)) {
          // WebKit writes to a temporary name and renames when done, so a file under the name is complete.
          if (await stat(path).catch(() => null)) return { path, text: await readFile(path, 'utf8') };
        }
        return undefined;
      },
      timeout,
      () => `No download named ${name} was saved in ${inject('browserHome')}`,
    );
  }

  /** An attribute of `element` (e.g. `aria-invalid`), or null. */
  attribute(element: WebElement, name: string): Promise<string | null> {
    return element.getAttribute(name);
  }
}
