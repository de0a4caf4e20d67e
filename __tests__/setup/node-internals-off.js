// The "public-api" project: every fast path of lib/express/node-internals.ts switched off.
// Child processes the tests start (the example app, the bench) inherit it.
process.env.EXPRESS_HTTPRESPONSE_NO_NODE_INTERNALS = '1';
