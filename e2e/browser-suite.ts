/**
 * The setting of a browser test: the app on a fresh store and a chromium, started before a
 * describe block's tests and closed after them, and signing a page in through the sign-in form.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type E2eServer, launchChromium, startE2eServer } from './server.ts';

/** Starts a server and a browser around the current describe block; read them inside its tests. */
export function browserSuite(env: Record<string, string> = {}): { readonly server: E2eServer; readonly browser: Browser } {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startE2eServer(env);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the browser suite is read before its beforeAll ran');
    return v;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Signs the page in with the sign-in form and waits for the home page it leads to. */
export async function signInPage(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  const form = page.locator('form[action^="/signin"]');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/`);
}
