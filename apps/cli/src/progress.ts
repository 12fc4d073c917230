/**
 * A one-line progress report on stderr: redrawn in place on a terminal, a line every few seconds
 * otherwise (CI logs).
 */
export function progressLine(err: (line: string) => void, verb: string, unit: string, total?: number) {
  const tty = process.stderr.isTTY === true
  const started = Date.now()
  let last = 0
  let current = 0
  const render = () => {
    const seconds = (Date.now() - started) / 1000
    const rate = seconds > 0 ? Math.round(current / seconds) : 0
    const share = total ? ` / ${total.toLocaleString('en')} (${Math.floor((100 * current) / total)}%)` : ''
    return `${verb} ${current.toLocaleString('en')}${share} ${unit}, ${rate.toLocaleString('en')}/s`
  }
  return {
    update(n: number) {
      current = n
      const now = Date.now()
      if (tty) {
        if (now - last > 100) process.stderr.write(`\r${bar(current, total)}${render()}   `)
      } else if (now - last > 5000) {
        err(render())
      } else return
      last = now
    },
    done() {
      if (tty && last > 0) process.stderr.write(`\r${bar(current, total)}${render()}   \n`)
    },
  }
}

function bar(current: number, total: number | undefined): string {
  if (!total) return ''
  const width = 30
  const filled = Math.min(width, Math.round((width * current) / total))
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `
}
