// End to end: the built admin UI in Debian's chromium against a real server over a real libSQL
// file (apps/server/tests/harness.ts), with the medical-device record types.
import * as OTPAuth from 'otpauth'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  adminToken,
  client,
  person,
  startServer,
  type TestServer,
} from '../../server/tests/harness.ts'
import { launchChromium, openPage, screenshot, unexpected, type BrowserProblem } from './browser.ts'

const TEMPORARY = 'temporary password 123'
const NEW_PASSWORD = 'a new and long passphrase'
const REASON_TEXT = '复测后更正 corrected after re-measurement'

const recipe = {
  product: 'CATH-18F',
  recipeVersion: 'R3',
  sterilisationTemperature: '121.0',
  sterilisationTime: '15.0',
  chamberPressure: '205.0',
  dryingTime: '20',
  sealTemperature: '180',
  sealDwellTime: '1.5',
  sealStrengthMin: '1.5',
  bioburdenLimit: '100',
  paperGrammage: '60',
  status: 'draft',
}

let server: TestServer
let browser: Browser
let recipeId: string
const allProblems: BrowserProblem[] = []
let qaPassword = ''
let reviewerPassword = ''
let auditorPassword = ''
let adminApiToken = ''

beforeAll(async () => {
  server = await startServer()
  const api = client(server.url)
  const admin = await adminToken(api)
  const olivia = await person(api, admin, 'olivia', ['operator'])
  qaPassword = (await person(api, admin, 'quentin', ['qa'])).password
  reviewerPassword = (await person(api, admin, 'rita', ['reviewer'])).password
  auditorPassword = (await person(api, admin, 'astrid', ['auditor'])).password
  adminApiToken = admin
  const created = await api('POST', '/api/v1/users', {
    token: admin,
    body: {
      username: 'wei',
      displayName: '王伟 Wang Wei',
      roles: ['operator'],
      password: TEMPORARY,
    },
  })
  expect(created.status, created.text).toBe(201)
  const record = await api('POST', '/api/v1/records/meddev.recipe', {
    token: olivia.token,
    body: { data: recipe },
  })
  expect(record.status, record.text).toBe(201)
  recipeId = record.json.id
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return
  for (const context of browser?.contexts() ?? [])
    for (const page of context.pages())
      await screenshot(page, `failed-${ctx.task.name.slice(0, 30)}`)
})

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/')
  await page.getByLabel('User name').fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

describe('admin UI in chromium', () => {
  it('signs in with the password change the server demands at first login', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await page.goto('/')
    await page.getByRole('heading', { name: 'Sign in to Veritrail' }).waitFor()
    await screenshot(page, '01-sign-in')
    await page.getByLabel('User name').fill('wei')
    await page.getByLabel('Password', { exact: true }).fill(TEMPORARY)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD)
    await screenshot(page, '02-password-change')
    await page.getByRole('button', { name: 'Change password and sign in' }).click()
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await expect(page.getByText('Signed in as 王伟 Wang Wei (Operator)')).toBeTruthy()
    await page.getByRole('figure').first().waitFor()
    await screenshot(page, '03-dashboard')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('You are signed out.').waitFor()
    allProblems.push(...problems)
    await context.close()
  })

  it('makes an operator give a reason before a critical field changes', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await signIn(page, 'wei', NEW_PASSWORD)
    await page.getByRole('link', { name: 'Records' }).click()
    await page.getByRole('link', { name: 'Process recipe' }).click()
    await page.getByRole('option', { name: /CATH-18F/ }).click()
    await page.getByRole('heading', { name: /CATH-18F · R3/ }).waitFor()
    await screenshot(page, '04-record')
    await page.getByRole('link', { name: 'Edit' }).click()
    const field = page.getByLabel(/Sterilisation hold time/)
    await field.fill('18.5')
    await screenshot(page, '05-record-edit')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Reason for change' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Sterilisation hold time')
    await dialog.getByRole('button', { name: 'Save with this reason' }).click()
    await dialog.getByText('Choose a reason or write one.').waitFor()
    await dialog.getByLabel('Reason').selectOption({ label: 'Other (explain)' })
    await dialog.getByLabel('Explanation').fill(REASON_TEXT)
    await screenshot(page, '06-reason-dialog')
    await dialog.getByRole('button', { name: 'Save with this reason' }).click()
    await page.getByText('Version 2 · Last changed').waitFor()
    const versions = await client(server.url)(
      'GET',
      `/api/v1/records/meddev.recipe/${recipeId}/versions`,
      {
        token: (
          await client(server.url)('POST', '/api/v1/auth/login', {
            body: { username: 'wei', password: NEW_PASSWORD },
          })
        ).json.token,
      },
    )
    expect(versions.json.at(-1).data.sterilisationTime).toBe('18.5')
    await screenshot(page, '07-record-after-change')
    allProblems.push(...problems)
    await context.close()
  })

  it('lets QA find the change by full-text search, see old and new values and the reason, verified in the browser', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await signIn(page, 'quentin', qaPassword)
    await page.getByRole('link', { name: 'Audit trail' }).click()
    await page.getByRole('searchbox', { name: 'Search all text' }).fill('复测后更正')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const row = page.getByRole('option', { name: /Sterilisation hold time: 15\.0 → 18\.5/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('Critical')
    await row.click()
    const detail = page.getByRole('article')
    await detail.getByRole('heading', { name: /Modified/ }).waitFor()
    const changed = detail.getByRole('row', { name: /Sterilisation hold time/ })
    expect(await changed.textContent()).toMatch(/15\.0.*18\.5/)
    expect(await detail.textContent()).toContain(REASON_TEXT)
    await detail.getByText('✓ Verified').waitFor({ timeout: 15_000 })
    expect(await detail.textContent()).toMatch(
      /Checkpoint key: vt-[0-9a-f]+\+[0-9a-f]{8} \(SHA-256 [0-9a-f]{16}…\)/,
    )
    await screenshot(page, '08-audit-verified')

    // The language switch: Chinese labels, remembered after a reload.
    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('heading', { name: '审计追踪' }).waitFor()
    await page.getByRole('navigation').getByRole('link', { name: '记录' }).waitFor()
    await page.getByRole('option', { name: /灭菌保持时间: 15\.0 → 18\.5/ }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: '审计追踪' }).waitFor()
    expect(await page.getByRole('article').textContent()).toContain('修改前')
    await page.getByRole('article').getByText('✓ 已验证').waitFor({ timeout: 15_000 })
    await screenshot(page, '09-audit-chinese')
    await page.getByRole('button', { name: 'English' }).click()
    allProblems.push(...problems)
    await context.close()
  })

  it('lets QA review the changed record: findings, entries, signed completion (CONTRACT §6)', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await signIn(page, 'quentin', qaPassword)
    await page.getByRole('link', { name: 'Reviews' }).click()
    await page.getByRole('heading', { name: 'Open a review' }).waitFor()
    await page.getByLabel('Record type').selectOption({ label: 'Process recipe' })
    await page.locator('#review-record').selectOption({ label: 'CATH-18F · R3' })
    await page.getByRole('button', { name: 'Open review' }).click()
    await page.getByText(/entries in scope/).waitFor()
    await page.getByRole('listbox', { name: 'Audit entries' }).getByRole('option').first().waitFor()
    for (const note of await page.getByLabel('Resolution note').all())
      await note.fill('Re-measured after calibration; checked against the instrument printout.')
    await page.getByLabel('Conclusion').fill('Changes are justified and documented.')
    await page.getByLabel('Your password (electronic signature)').fill(qaPassword)
    await screenshot(page, '12-review-workspace')
    await page.getByRole('button', { name: 'Sign and complete the review' }).click()
    await page.getByText('Review completed and signed.').waitFor()
    allProblems.push(...problems)
    await context.close()
  })

  it('shows every main screen without console errors', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await signIn(page, 'admin', 'the admin passphrase of the test')
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    const screens: [string, string][] = [
      ['/admin/users', 'Users'],
      ['/admin/settings', 'Settings'],
      ['/admin/alerts', 'Alerts'],
      ['/admin/plugins', 'Plugins'],
      ['/admin/health', 'System health'],
      ['/admin/backups', 'Backups'],
      ['/exports', 'Exports'],
      ['/audit', 'Audit trail'],
    ]
    for (const [path, heading] of screens) {
      await page.getByRole('navigation').getByRole('link', { name: heading, exact: true }).click()
      await page.getByRole('heading', { name: heading, exact: true }).waitFor()
      await page.waitForLoadState('networkidle')
      expect(page.url()).toContain(path)
      await screenshot(page, `10-${path.replaceAll('/', '-').slice(1)}`)
    }
    // A password reset shows the temporary password once.
    await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click()
    await page
      .getByRole('row', { name: /wei/ })
      .getByRole('button', { name: 'Reset password' })
      .click()
    await page
      .getByRole('dialog', { name: /Reset password/ })
      .getByLabel('Reason')
      .fill('Forgotten password, identity checked by phone')
    await page
      .getByRole('dialog', { name: /Reset password/ })
      .getByRole('button', { name: 'Reset password' })
      .click()
    const secret = page.getByTestId('one-time-secret')
    await secret.waitFor()
    expect((await secret.textContent())?.length).toBeGreaterThanOrEqual(12)
    await screenshot(page, '10-admin-users-reset')
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close' }).last().click()
    await secret.waitFor({ state: 'detached' })
    allProblems.push(...problems)
    await context.close()

    const qa = await openPage(browser, server.url)
    await signIn(qa.page, 'quentin', qaPassword)
    await qa.page.getByRole('link', { name: 'Reviews' }).click()
    await qa.page.getByRole('heading', { name: 'Audit-trail reviews' }).waitFor()
    await qa.page.waitForLoadState('networkidle')
    await screenshot(qa.page, '11-reviews')
    await qa.page.getByRole('link', { name: 'Dashboard' }).click()
    await qa.page.getByRole('figure', { name: 'Review coverage' }).waitFor()
    await screenshot(qa.page, '13-dashboard-qa')
    allProblems.push(...qa.problems)
    await qa.context.close()
    expect(unexpected(allProblems)).toEqual([])
  })

  it('backs up, drills and charts backup sizes and the data-loss window (CONTRACT §9)', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await signIn(page, 'admin', 'the admin passphrase of the test')
    await page.getByRole('navigation').getByRole('link', { name: 'Backups', exact: true }).click()
    await page.getByRole('heading', { name: 'Backups', exact: true }).waitFor()
    await page.getByText('No backup has completed yet.').waitFor()
    await page.getByText('The charts appear after the first backup.').waitFor()
    // Targets by their names, never their ids.
    expect(await page.getByLabel('Target').locator('option').allTextContents()).toContain(
      'Local folder',
    )
    await page.getByRole('button', { name: 'Back up now' }).click()
    await page.getByText('Backup completed.').waitFor({ timeout: 30_000 })
    await page.getByLabel('Kind').selectOption({ label: 'Incremental' })
    await page.getByRole('button', { name: 'Back up now' }).click()
    await page.getByRole('status').filter({ hasText: 'Backup completed.' }).waitFor()
    await page.getByRole('button', { name: 'Drill the newest backup' }).click()
    const drill = page.getByRole('region', { name: 'Last restore drill' })
    await drill.getByText('Restored and verified').waitFor({ timeout: 30_000 })
    expect(await drill.textContent()).toMatch(/Recovery time \(RTO\)\d+(\.\d)? s/)
    const sizes = page.getByRole('figure', { name: 'Backup sizes' })
    await sizes.locator('canvas').waitFor()
    const window = page.getByRole('figure', { name: /Data-loss window/ })
    await window.locator('canvas').waitFor()
    // Full and incremental are told apart, in the legend and in the table for screen readers.
    expect(await sizes.locator('.u-legend').textContent()).toMatch(/Full.*Incremental/)
    expect(await sizes.locator('table.vt-sr-only tbody tr').count()).toBe(2)
    expect(await window.locator('.u-legend').textContent()).toContain(
      'Now: age of the last good backup',
    )
    const history = page.getByRole('table').filter({ hasText: 'Actions' })
    expect(await history.getByRole('row').filter({ hasText: 'Completed' }).count()).toBe(2)
    await screenshot(page, '14-backups-chart')
    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('figure', { name: '备份大小' }).locator('canvas').waitFor()
    await page.getByText('已恢复并通过校验').waitFor()
    await screenshot(page, '15-backups-chinese')
    await page.getByRole('button', { name: 'English' }).click()
    allProblems.push(...problems)
    await context.close()
  })

  it('enrols an authenticator app from My account, then signs in with a code; an administrator removes it', async () => {
    const { context, page, problems } = await openPage(browser, server.url)
    await signIn(page, 'rita', reviewerPassword)
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    await page.getByRole('link', { name: 'My account' }).click()
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor()
    await page.getByText('Two-step verification is off.').waitFor()
    await page.getByRole('button', { name: 'Set up two-step verification' }).click()
    await page
      .getByRole('img', { name: 'QR code for your authenticator app' })
      .locator('svg')
      .waitFor()
    const key = (await page.getByTestId('totp-secret').textContent())!.replaceAll(' ', '')
    const uri = await page.getByTestId('totp-uri').getAttribute('href')
    expect(uri).toBe(
      `otpauth://totp/Veritrail:rita?issuer=Veritrail&secret=${key}&algorithm=SHA1&digits=6&period=30`,
    )
    await screenshot(page, '16-account-totp-enrol')
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) })
    await page.getByLabel('Enter the 6-digit code the app shows now').fill(totp.generate())
    await page.getByRole('button', { name: 'Confirm and turn on' }).click()
    await page.getByText('Two-step verification is on. From now on').waitFor()
    await screenshot(page, '17-account-totp-on')
    await page.getByRole('button', { name: 'Sign out' }).click()

    await signIn(page, 'rita', reviewerPassword)
    const code = page.getByLabel('Code from your authenticator app')
    await code.waitFor()
    await code.fill(totp.generate())
    await screenshot(page, '18-sign-in-code')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    allProblems.push(...problems)
    await context.close()

    const admin = await openPage(browser, server.url)
    await signIn(admin.page, 'admin', 'the admin passphrase of the test')
    await admin.page
      .getByRole('navigation')
      .getByRole('link', { name: 'Users', exact: true })
      .click()
    const row = admin.page.getByRole('row', { name: /rita/ })
    await row.getByText('Two-step verification').waitFor()
    await row.getByRole('button', { name: 'Remove second factor' }).click()
    const dialog = admin.page.getByRole('dialog', { name: /Remove second factor/ })
    await dialog.getByLabel('Reason').fill('Phone lost; identity checked in person')
    await screenshot(admin.page, '19-admin-users-remove-totp')
    await dialog.getByRole('button', { name: 'Remove second factor' }).click()
    await dialog.waitFor({ state: 'detached' })
    await row.getByRole('button', { name: 'Remove second factor' }).waitFor({ state: 'detached' })
    allProblems.push(...admin.problems)
    await admin.context.close()
  })

  it('makes a role that needs a second factor enrol it right after sign-in', async () => {
    const api = client(server.url)
    const setRoles = (roles: string[]) =>
      api('PUT', '/api/v1/settings', {
        token: adminApiToken,
        body: { changes: { mfa: { roles } }, reason: 'Second factor for auditors' },
      })
    expect((await setRoles(['auditor'])).status).toBe(200)
    try {
      const { context, page, problems } = await openPage(browser, server.url)
      await signIn(page, 'astrid', auditorPassword)
      await page.getByRole('heading', { name: 'Set up two-step verification' }).waitFor()
      await page.getByRole('button', { name: '中文' }).click()
      await page.getByRole('heading', { name: '设置两步验证' }).waitFor()
      await page.getByRole('button', { name: '设置两步验证' }).click()
      await page.getByRole('img', { name: '身份验证器应用的二维码' }).locator('svg').waitFor()
      await screenshot(page, '20-totp-required-chinese')
      const key = (await page.getByTestId('totp-secret').textContent())!.replaceAll(' ', '')
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) })
      await page.getByLabel('输入应用当前显示的 6 位验证码').fill(totp.generate())
      await page.getByRole('button', { name: '确认并开启' }).click()
      await page.getByRole('heading', { name: '概览' }).waitFor()
      await page.getByRole('button', { name: 'English' }).click()
      allProblems.push(...problems)
      await context.close()
    } finally {
      await setRoles([])
    }
    expect(unexpected(allProblems)).toEqual([])
  })
})
