import { Show, type JSX } from 'solid-js'
import { createSignal } from 'solid-js'
import type { Review } from '../api/types.ts'
import { capability } from '../app/capabilities.ts'
import { Unavailable } from '../admin/Unavailable.tsx'
import { t } from '../i18n/i18n.ts'
import { OpenReviewForm } from './OpenReviewForm.tsx'
import { ReviewWorkspace } from './ReviewWorkspace.tsx'

/**
 * The review workspace (CONTRACT §6): open a review of a record or a period, go through its
 * findings and entries, and complete it with a signature. Shown only when the server offers it.
 */
export default function ReviewsPage(): JSX.Element {
  const available = capability('reviews')
  const [review, setReview] = createSignal<Review | undefined>()
  return (
    <section>
      <h1>{t('reviewsTitle')}</h1>
      <Show when={available() !== undefined} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <Show when={available()} fallback={<Unavailable />}>
          <Show when={review()} fallback={<OpenReviewForm onOpened={setReview} />}>
            {(r) => <ReviewWorkspace review={r()} onClosed={() => setReview(undefined)} />}
          </Show>
        </Show>
      </Show>
    </section>
  )
}
