export { openPlatform, FIRST_PARTY_PLUGINS, type Platform } from '@veritrail/core'
