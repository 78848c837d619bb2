import type {Browser, BrowserContextOptions, Page} from 'playwright-core';
import {afterAll, beforeAll, beforeEach} from 'vitest';
import {launchChromium} from './browser.ts';
import {signUpAndVerify} from './people.ts';
import {startTestStack, type TestStack, type TestStackOptions} from './stack.ts';

/** Options for the stack, or a function that works them out once earlier hooks have run. */
export type StackSetup = TestStackOptions | (() => TestStackOptions | Promise<TestStackOptions>);

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} starts in beforeAll: use it in a hook or a test`);
  return value;
}

export type SuiteOptions = {
  /**
   * A retried test gets a new stack (fresh database), so a test that signs
   * people up itself can sign them up again. Turn it off when the file's
   * tests share people or data made in `beforeAll`: a new stack would not
   * have them.
   */
  freshStackOnRetry?: boolean;
};

/**
 * Starts a whole stack before the enclosing describe (or file) and disposes of
 * it after. Hooks registered after this call run after it starts and, being
 * torn down in reverse, finish before it stops.
 */
export function stackSuite(setup: StackSetup = {}, options: SuiteOptions = {}): {readonly stack: TestStack} {
  let stack: TestStack | undefined;
  const start = async () => startTestStack(typeof setup === 'function' ? await setup() : setup);
  beforeAll(async () => {
    stack = await start();
  });
  if (options.freshStackOnRetry ?? true) {
    beforeEach(async ({task}) => {
      if (!task.result?.retryCount) return;
      await stack?.dispose();
      stack = undefined;
      stack = await start();
    });
  }
  afterAll(async () => {
    await stack?.dispose();
  });
  return {
    get stack() {
      return started(stack, 'The stack');
    },
  };
}

/**
 * {@link stackSuite} with headless Chromium beside it, closed before the stack
 * stops. `newPage` opens a page in a fresh context: a separate person, with
 * their own cookies and storage; `signUp` opens one and signs up and verifies
 * `username` in it.
 */
export function browserSuite(options: {stack?: StackSetup} & SuiteOptions = {}): {
  readonly stack: TestStack;
  readonly browser: Browser;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  signUp(username: string, options?: BrowserContextOptions): Promise<Page>;
} {
  const suite = stackSuite(options.stack, options);
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const newPage = async (contextOptions?: BrowserContextOptions) =>
    (await started(browser, 'Chromium').newContext(contextOptions)).newPage();
  return {
    get stack() {
      return suite.stack;
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    newPage,
    async signUp(username, contextOptions) {
      const page = await newPage(contextOptions);
      await signUpAndVerify(page, suite.stack.url, suite.stack.sesURL!, username);
      return page;
    },
  };
}
