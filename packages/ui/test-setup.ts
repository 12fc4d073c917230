// Component tests (vitest `ui` project): unmount what each test rendered.
import { cleanup } from '@solidjs/testing-library'
import { afterEach } from 'vitest'

afterEach(() => cleanup())
