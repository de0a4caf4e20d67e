// The "fast" project: the library reads Node's private state where it can (see jest.config.js).
// Set per test file, since test files of both projects share a worker's process.env.
delete process.env.EXPRESS_HTTPRESPONSE_NO_NODE_INTERNALS;
