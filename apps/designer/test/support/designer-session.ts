import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { FakeApi } from "./fake-api.ts";
import { launchBrowser, openDesigner, openText, type DesignerPage } from "./open-designer.ts";
import { serveDesigner, type DesignerServer } from "./serve-designer.ts";

/** What a browser test file gets from {@link designerSession}: valid from its `beforeAll` on. */
export interface DesignerSession {
  readonly page: Page;
  /** Console errors and uncaught exceptions so far (each test fails if it added one). */
  readonly errors: string[];
  readonly browser: Browser;
  readonly server: DesignerServer;
}

/** Options of {@link designerSession}. */
export interface DesignerSessionOptions {
  /** Answers `/v1/*`; without it the API is absent and its 404 is the one console error expected. */
  api?: FakeApi;
  /** A definition to open (as a picked file) once the designer is up. */
  open?: { name: string; text: string };
  colorScheme?: "light" | "dark";
}

/**
 * Registers the usual browser-test setup for the calling file: serve the built designer, launch
 * chromium, open the designer (offline: requests off 127.0.0.1 are aborted) and optionally a
 * definition; close both after the file. Every test fails on a console error it caused.
 */
export function designerSession(options: DesignerSessionOptions = {}): DesignerSession {
  let server: DesignerServer | undefined;
  let browser: Browser | undefined;
  let designer: DesignerPage | undefined;
  let reported = 0;

  beforeAll(async () => {
    server = await serveDesigner(options.api);
    browser = await launchBrowser();
    designer = await openDesigner(browser, server.url, {
      ...(options.api === undefined ? { expectedError: /404.*\/v1\/state-machines/ } : {}),
      ...(options.colorScheme === undefined ? {} : { colorScheme: options.colorScheme }),
    });
    if (options.open !== undefined) await openText(designer.page, options.open.name, options.open.text);
  });

  afterEach(() => {
    const fresh = designer?.errors.slice(reported) ?? [];
    reported += fresh.length;
    expect(fresh, "console errors during this test").toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("designerSession is used before its beforeAll ran");
    return value;
  };
  return {
    get page() {
      return ready(designer).page;
    },
    get errors() {
      return ready(designer).errors;
    },
    get browser() {
      return ready(browser);
    },
    get server() {
      return ready(server);
    },
  };
}
