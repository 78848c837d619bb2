import type {Browser, BrowserContextOptions, Page} from 'playwright-core';
import {afterAll, beforeAll} from 'vitest';
import {launchChromium} from './browser.ts';
import {signUpAndVerify} from './people.ts';
import {startTestStack, type TestStack, type TestStackOptions} from './stack.ts';

/** Options for the stack, or a function that works them out once earlier hooks have run. */
export type StackSetup = TestStackOptions | (() => TestStackOptions | Promise<TestStackOptions>);

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} starts in beforeAll: use it in a hook or a test`);
  return value;
}

/**
 * Starts a whole stack before the enclosing describe (or file) and disposes of
 * it after. Hooks registered after this call run after it starts and, being
 * torn down in reverse, finish before it stops.
 */
export function stackSuite(setup: StackSetup = {}): {readonly stack: TestStack} {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startTestStack(typeof setup === 'function' ? await setup() : setup);
  });
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
export function browserSuite(options: {stack?: StackSetup} = {}): {
  readonly stack: TestStack;
  readonly browser: Browser;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  signUp(username: string, options?: BrowserContextOptions): Promise<Page>;
} {
  const suite = stackSuite(options.stack);
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
