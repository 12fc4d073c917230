// Node 20 has these (V8 11.3); TypeScript puts them in lib ES2024, which would also admit
// APIs Node 20 lacks (Object.groupBy, Promise.withResolvers). Declare just what we use.
interface String {
  isWellFormed(): boolean
}
