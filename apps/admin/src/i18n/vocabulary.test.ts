import { afterEach, describe, expect, it } from 'vitest'
import { locale, setLocale } from './i18n.ts'
import {
  actionChoices,
  actionLabel,
  loadVocabulary,
  meaningLabel,
  provideVocabulary,
  roleLabel,
} from './vocabulary.ts'

const served = {
  actions: { login_failed: { en: 'Sign-in refused', 'zh-CN': '登录被拒绝' } },
  roles: { qa: { en: 'Quality assurance', 'zh-CN': '质量保证' } },
  meanings: { approval: { en: 'Approved', 'zh-CN': '批准' } },
}

afterEach(() => {
  setLocale('en')
  provideVocabulary(undefined)
})

describe('vocabulary (GET /api/v1/vocabulary)', () => {
  it('labels codes in the reader’s language once fetched, and never shows a bare code', async () => {
    expect(actionLabel('login_failed')).toBe('Login failed')
    const asked: string[] = []
    await loadVocabulary(async (path) => {
      asked.push(path)
      return served
    })
    expect(asked).toEqual(['/api/v1/vocabulary'])
    expect([actionLabel('login_failed'), roleLabel('qa'), meaningLabel('approval')]).toEqual([
      'Sign-in refused',
      'Quality assurance',
      'Approved',
    ])
    setLocale('zh-CN')
    expect(locale()).toBe('zh-CN')
    expect([actionLabel('login_failed'), roleLabel('qa')]).toEqual(['登录被拒绝', '质量保证'])
    expect(actionChoices()).toEqual([{ code: 'login_failed', label: '登录被拒绝' }])
    expect(roleLabel('key_custodian')).toBe('Key custodian')
  })

  it('falls back to readable words when the server cannot answer', async () => {
    await loadVocabulary(async () => {
      throw new Error('offline')
    })
    expect(roleLabel('sysadmin')).toBe('Sysadmin')
    expect(actionChoices()).toEqual([])
  })
})
