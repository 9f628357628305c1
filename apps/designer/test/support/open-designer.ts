import { chromium, type Browser, type Page } from "playwright-core";

/** Chromium flags for this machine: no sandbox as root, and no background traffic off localhost. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's chromium, overridable for other machines. */
export const CHROMIUM_PATH = process.env["STEPFLOW_CHROMIUM"] ?? "/usr/bin/chromium";

/** Starts headless Debian chromium (one per test file). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A page plus every console error and uncaught exception it produced. */
export interface DesignerPage {
  page: Page;
  errors: string[];
}

/**
 * Opens the designer at `url` in a fresh context and waits for the first layout. Requests that leave
 * 127.0.0.1 are aborted (the designer must work offline). `expectedError` exempts console messages
 * that the scenario causes on purpose (a 404 from an absent API).
 */
export async function openDesigner(
  browser: Browser,
  url: string,
  options: { expectedError?: RegExp; colorScheme?: "light" | "dark" } = {},
): Promise<DesignerPage> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    acceptDownloads: true,
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/]).*/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = `${message.text()} @ ${message.location().url}`;
    if (options.expectedError?.test(text) !== true) errors.push(text);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto(url);
  await waitForLayout(page);
  return { page, errors };
}

/** Waits until the graph's layout matches the current definition. */
export async function waitForLayout(page: Page, timeout = 15_000): Promise<void> {
  await page.locator('[data-testid="graph"][data-layout="ready"]').waitFor({ timeout });
}

/** Opens a definition through the "Open file" input, as a user picking a file. */
export async function openText(page: Page, name: string, text: string): Promise<void> {
  await page.locator('[data-testid="open-file"]').setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(text, "utf8"),
  });
  await page.locator('[data-testid="doc-name"]', { hasText: name }).waitFor();
  await waitForLayout(page);
}

/** The definition's exact bytes, as Download saves them. */
export async function downloadText(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('[data-testid="download"]'),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Replaces the whole JSON pane's text as one typed input (select all, then insert). */
export async function typeWholeText(page: Page, text: string): Promise<void> {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

/** Types `value` into the form field `testId` and commits it with Enter, then waits for the layout. */
export async function commitField(page: Page, testId: string, value: string): Promise<void> {
  await page.fill(`[data-testid="${testId}"]`, value);
  await page.press(`[data-testid="${testId}"]`, "Enter");
  await waitForLayout(page);
}
