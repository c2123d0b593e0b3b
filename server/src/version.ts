/** The product's version, shown by `--version` and in the server's `serverInfo`. Kept in step with package.json by a test. */
export const VERSION = '0.1.0';
