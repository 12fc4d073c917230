// The public entry of @veritrail/plugin-exporter-tabular: CSV and JSON Lines exporters, and the
// published JSON Schema of a JSON Lines line (schema/entry.v1.schema.json).

export { activate } from './activate.js'
export { csvExporter } from './csv.js'
export { jsonlExporter } from './jsonl.js'
export { COLUMNS } from './csv-columns.js'
export { csvRecord, csvField, textCell, BOM } from './csv-format.js'
