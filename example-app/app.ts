/**
 * The example app: a small bookshop whose views return response objects.
 * `server.ts` starts it; the acceptance test imports `app` from here.
 */
import cookieParser from 'cookie-parser';
import express from 'express';
import {
  FileResponse,
  Http404,
  HttpResponse,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  JsonResponse,
  StreamingHttpResponse,
  getSignedCookie,
  httpErrorHandler,
  view,
} from '../lib/index.js';

interface Book {
  id: number;
  title: string;
  author: string;
}

const books: Book[] = [
  { id: 1, title: 'Two Scoops of Django', author: 'Greenfeld' },
  { id: 2, title: 'Node.js Design Patterns', author: 'Casciaro' },
];

function findBook(id: unknown): Book {
  const book = books.find((candidate) => String(candidate.id) === id);
  if (book === undefined) throw new Http404(`No Book matches the given query.`);
  return book;
}

export const app = express();
app.use(cookieParser(process.env.COOKIE_SECRET ?? 'example-secret'));
app.use(express.urlencoded({ extended: false }));

app.get(
  '/',
  view(() => {
    const items = books.map((book) => `<li><a href="/books/${book.id}">${book.title}</a></li>`).join('');
    return new HttpResponse(`<h1>Books</h1><ul>${items}</ul><p><a href="/api/books">JSON</a></p>`);
  }),
);

app.get(
  '/api/books',
  view(() => new JsonResponse(books, { safe: false })),
);
app.get(
  '/api/books/:id',
  view((req) => new JsonResponse({ ...findBook(req.params.id) })),
);
app.get(
  '/books/:id',
  view((req) => {
    const book = findBook(req.params.id);
    return new HttpResponse(`<h1>${book.title}</h1><p>by ${book.author}</p>`);
  }),
);

/** The catalogue as CSV, one row at a time: never built in memory whole. */
function* catalogueRows(): Generator<string> {
  yield 'id,title,author\n';
  for (const book of books) yield `${book.id},"${book.title.replace(/"/g, '""')}",${book.author}\n`;
}
app.get(
  '/books.csv',
  view(() => {
    const response = new StreamingHttpResponse(catalogueRows(), 'text/csv; charset=utf-8');
    response.set('Content-Disposition', 'attachment; filename="books.csv"');
    return response;
  }),
);

// This very file, as a download: ranges, ETag and Last-Modified come with it.
app.get(
  '/source',
  view(() => new FileResponse(__filename, { asAttachment: true, filename: 'app.ts' })),
);

// Old URLs move permanently; forms post-redirect-get.
app.get(
  '/catalogue',
  view(() => new HttpResponsePermanentRedirect('/')),
);

app.post(
  '/visit',
  view(() =>
    new HttpResponseRedirect('/whoami').setSignedCookie('visitor', 'reader', { httpOnly: true, maxAge: 3600 }),
  ),
);
app.get(
  '/whoami',
  view((req) => new JsonResponse({ visitor: getSignedCookie(req, 'visitor', { default: null }) })),
);

app.use(httpErrorHandler());
