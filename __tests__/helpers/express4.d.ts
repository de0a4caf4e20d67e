// The Express 4 copy installed as the npm alias `express4` has the same API surface for
// our purposes; type it with Express's own types.
declare module 'express4' {
  import express = require('express');
  export = express;
}
