import * as v from 'valibot'
import type { PluginHost, PluginInfo } from '@veritrail/core'
import { defineRoutes } from '../http/route.js'

const Reason = v.optional(v.object({ reason: v.optional(v.string()) }))

function info(p: PluginInfo) {
  return { id: p.id, version: p.version, publisher: p.publisher, signed: p.signed, trusted: p.trusted, enabled: p.enabled, contributes: p.contributes, status: p.status, problems: p.problems, origin: p.origin, manifestHash: p.manifestHash }
}

/** Plugins and the publisher trust store (CONTRACT §9). */
export function pluginRoutes(host: PluginHost) {
  const action = (name: 'install' | 'upgrade' | 'trust' | 'untrust' | 'enable' | 'disable', summary: string) => ({
    method: 'POST' as const,
    path: `/api/v1/plugins/:id/${name}`,
    summary,
    tag: 'plugins',
    access: ['sysadmin'] as const,
    body: Reason,
    success: { status: 200, description: 'The plugin; the action is a system-trail entry' },
    handler: async (c: Parameters<Parameters<typeof defineRoutes>[0][number]['handler']>[0], { body }: { body: unknown }) => {
      const id = c.req.param('id')!
      const reason = (body as { reason?: string } | undefined)?.reason
      const result = name === 'disable' ? await host.disable(id, c.get('ctx'), reason) : await host[name](id, c.get('ctx'))
      return c.json(info(result))
    },
  })
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/plugins',
      summary: 'List plugins',
      tag: 'plugins',
      access: ['sysadmin', 'qa', 'auditor'],
      success: { status: 200, description: '[{id, version, publisher, signed, trusted, enabled, contributes, status, problems}]' },
      handler: async (c) => {
        await host.refresh()
        return c.json(host.list().map(info))
      },
    },
    action('install', 'Install a third-party plugin'),
    action('upgrade', 'Accept a plugin’s changed files'),
    action('trust', 'Trust an unsigned plugin explicitly'),
    action('untrust', 'Withdraw explicit trust'),
    action('enable', 'Enable a plugin'),
    action('disable', 'Disable a plugin'),
    {
      method: 'GET',
      path: '/api/v1/publisher-keys',
      summary: 'List trusted publisher keys',
      tag: 'plugins',
      access: ['sysadmin', 'qa', 'auditor'],
      success: { status: 200, description: 'Verifier keys of trusted publishers' },
      handler: async (c) => c.json(await host.publisherKeys()),
    },
    {
      method: 'POST',
      path: '/api/v1/publisher-keys',
      summary: 'Trust a publisher key',
      tag: 'plugins',
      access: ['sysadmin'],
      body: v.object({ key: v.string() }),
      success: { status: 204, description: 'Added (a config_change entry)' },
      handler: async (c, { body }) => {
        await host.addPublisherKey((body as { key: string }).key, c.get('ctx'))
        return c.body(null, 204)
      },
    },
    {
      method: 'POST',
      path: '/api/v1/publisher-keys/remove',
      summary: 'Stop trusting a publisher key',
      tag: 'plugins',
      access: ['sysadmin'],
      body: v.object({ key: v.string() }),
      success: { status: 204, description: 'Removed (a config_change entry)' },
      handler: async (c, { body }) => {
        await host.removePublisherKey((body as { key: string }).key, c.get('ctx'))
        return c.body(null, 204)
      },
    },
  ])
}
