import type { JSX } from 'solid-js'
import { createLoader } from '../app/loader.ts'

/** `text` as a QR code (SVG), e.g. an `otpauth://` address for an authenticator app. */
export function QrCode(props: { text: string; label: string }): JSX.Element {
  // Loaded on first use: only the enrolment screen needs the encoder.
  const svg = createLoader(
    () => props.text,
    async (text) => {
      const qrcode = await import('qrcode')
      return qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
    },
  )
  return <div class="qr-code" role="img" aria-label={props.label} innerHTML={svg() ?? ''} />
}
