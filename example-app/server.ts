/** Starts the example app: `npm start`, then open http://127.0.0.1:3000/. */
import { app } from './app.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
app.listen(port, host, () => {
  console.log(`express-httpresponse example app on http://${host}:${port}/`);
});
