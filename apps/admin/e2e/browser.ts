import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Screenshots of each main screen go here (gitignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/admin/', import.meta.url))

/** Debian's chromium, headless, nothing fetched from outside (STACK.md, "Browser tests"). */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** One problem the browser reported: a console error, an uncaught exception, a failed request. */
export interface BrowserProblem {
  kind: 'console' | 'pageerror'
  text: string
  url: string
}

/** A fresh context (its own cookies and storage) and page that records every console error. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  locale = 'en-US',
): Promise<{ context: BrowserContext; page: Page; problems: BrowserProblem[] }> {
  const context = await browser.newContext({
    baseURL,
    locale,
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const problems: BrowserProblem[] = []
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push({ kind: 'console', text: message.text(), url: message.location().url })
  })
  page.on('pageerror', (error) =>
    problems.push({ kind: 'pageerror', text: String(error.stack ?? error), url: page.url() }),
  )
  return { context, page, problems }
}

/**
 * The problems that are not the browser's own log line for an expected refusal of a sign-in
 * request (a 401 for the first "who am I", a 403 demanding a password change, a 423 lockout).
 */
export function unexpected(problems: BrowserProblem[]): BrowserProblem[] {
  return problems.filter(
    (p) =>
      !(
        p.kind === 'console' &&
        /status of (401|403|423)/.test(p.text) &&
        p.url.includes('/api/v1/auth/')
      ),
  )
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false })
}
