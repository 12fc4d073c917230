import { describe, expect, it } from 'vitest'
import { LOCALES, type LocalizedText } from '@veritrail/core'
import { bomComponents } from './bom.js'
import { meddevRecordTypes } from './index.js'

const HAN = /\p{Script=Han}/u

/** Every label a record type shows, with where it sits, for the checks below. */
function labelsOf(type: (typeof meddevRecordTypes)[number]): [string, LocalizedText][] {
  const out: [string, LocalizedText][] = [['title', type.title]]
  if (type.description) out.push(['description', type.description])
  for (const [name, field] of Object.entries(type.fields)) {
    out.push([`field ${name}`, field.label])
    if (field.description) out.push([`field ${name} description`, field.description])
  }
  for (const reason of type.reasons) out.push([`reason ${reason.code}`, reason.label])
  for (const state of type.lifecycle?.states ?? []) out.push([`state ${state.id}`, state.label])
  for (const t of type.lifecycle?.transitions ?? [])
    out.push([`transition ${t.from}→${t.to}`, t.label])
  if (type.retention?.description) out.push(['retention', type.retention.description])
  return out
}

describe.each(meddevRecordTypes.map((t) => [t.id, t] as const))('%s labels', (_id, type) => {
  it('has English and Chinese for the title, every field, reason, state and transition', () => {
    for (const [where, text] of labelsOf(type)) {
      for (const locale of LOCALES)
        expect(text[locale]?.trim(), `${where} (${locale})`).toBeTruthy()
      expect(text['zh-CN'], `${where} is written in Chinese`).toMatch(HAN)
      expect(text.en, `${where} is written in English`).not.toMatch(HAN)
    }
  })

  it('labels every option of every enum in both locales', () => {
    for (const [name, field] of Object.entries(type.fields)) {
      for (const option of field.options ?? []) {
        for (const locale of LOCALES)
          expect(option.label[locale]?.trim(), `${name}=${option.value} (${locale})`).toBeTruthy()
      }
    }
  })

  it('gives distinct labels to distinct fields, so frozen labels in entries stay unambiguous', () => {
    for (const locale of LOCALES) {
      const labels = Object.values(type.fields).map((f) => f.label[locale])
      expect(new Set(labels).size, locale).toBe(labels.length)
    }
  })
})

describe('BOM component columns', () => {
  it('are labelled in both locales', () => {
    for (const [name, column] of Object.entries(bomComponents.columns)) {
      expect(column.label.en, name).toBeTruthy()
      expect(column.label['zh-CN'], name).toMatch(HAN)
    }
  })
})
