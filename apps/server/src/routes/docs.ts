import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { CORE_VERSION, VeritrailError } from '@veritrail/core'
import { defineRoutes, type RouteDef } from '../http/route.js'
import { openApiDocument } from '../openapi.js'

/** Swagger UI's files, served from node_modules: no CDN, so the docs work offline. */
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
}

// Swagger UI sets inline styles; nothing else may come from outside this server.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Veritrail API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`

// validatorUrl: null — the default validator badge would call a public service.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  withCredentials: true,
  tryItOutEnabled: false,
})
`

/**
 * The OpenAPI document and a browsable view of it (Swagger UI). `registry` returns every route
 * of the API (`allRoutes`), so routes added anywhere appear without touching this file.
 */
export function docsRoutes(registry: () => RouteDef[]): RouteDef[] {
  let document: string | undefined
  const files = new Map<string, Buffer>()
  return defineRoutes([
    {
      method: 'GET',
      path: '/api/v1/openapi.json',
      summary: 'Read the OpenAPI document',
      tag: 'docs',
      access: 'public',
      success: {
        status: 200,
        description: 'The OpenAPI 3.1 document of this API, generated from the route registry',
      },
      handler: async (c) => {
        document ??= JSON.stringify(openApiDocument(registry(), { version: CORE_VERSION }))
        return c.body(document, 200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-cache',
        })
      },
    },
    {
      method: 'GET',
      path: '/api/docs',
      summary: 'Browse the API documentation',
      tag: 'docs',
      access: 'public',
      success: {
        status: 200,
        description: 'Swagger UI over /api/v1/openapi.json, served without any outside resource',
        mediaType: 'text/html',
      },
      handler: async (c) =>
        c.body(PAGE, 200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': CSP,
        }),
    },
    {
      method: 'GET',
      path: '/api/docs/:asset',
      summary: 'Read a file of the documentation viewer',
      tag: 'docs',
      access: 'public',
      success: {
        status: 200,
        description: 'A Swagger UI file (script, style sheet or icon)',
        mediaType: '*/*',
      },
      handler: async (c) => {
        const name = c.req.param('asset')!
        if (name === 'init.js')
          return c.body(INIT, 200, {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'no-cache',
          })
        const type = ASSETS[name]
        if (!type) throw new VeritrailError('not_found', `The documentation has no file “${name}”.`)
        let bytes = files.get(name)
        if (!bytes) files.set(name, (bytes = readFileSync(join(SWAGGER_UI, name))))
        return c.body(new Uint8Array(bytes), 200, {
          'content-type': type,
          'cache-control': 'public, max-age=86400',
        })
      },
    },
  ])
}
