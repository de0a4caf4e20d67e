// TypeDoc plugin for the site `npm run docs` builds (the guides in docs/ and the API reference):
// - a setter documents itself with its getter's comment, as TypeScript's own hover does, so
//   `notDocumented` only reports accessors that have no comment at all;
// - a guide is named by its first `# ` heading (not its file name), and the guides are listed in
//   the order of the README's map of the docs, then any the map does not name; a guide's page
//   keeps its file's name (docs/testing.md → documents/testing.html) with the router
//   "guide-files" (typedoc.json's "router").
import { readFileSync } from 'node:fs';
import { Converter, KindRouter, ReflectionKind } from 'typedoc';

/** A guide's file name without `.md`, kept when the guide is renamed after its heading. */
const fileNames = new WeakMap();

/** TypeDoc's default router, but a guide's page is named after its file. */
class GuideFilesRouter extends KindRouter {
  /** @param {import('typedoc').Reflection} reflection */
  getIdealBaseName(reflection) {
    const file = fileNames.get(reflection);
    return file ? `documents/${file}` : super.getIdealBaseName(reflection);
  }
}

/** The file names of the guides, in the order the README's "Documentation" section links them. */
function readmeOrder() {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('\n## Documentation');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/\]\(docs\/([^)#]+\.md)\)/g)].map(([, file]) => file);
}

/** @param {import('typedoc').DocumentReflection} doc */
function firstHeading(doc) {
  const text = doc.content.map((part) => part.text).join('');
  return /^# (.+)$/m.exec(text)?.[1]?.replace(/`/g, '').trim();
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.defineRouter('guide-files', GuideFilesRouter);
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const accessor of context.project.getReflectionsByKind(ReflectionKind.Accessor)) {
      const { getSignature, setSignature } = /** @type {import('typedoc').DeclarationReflection} */ (accessor);
      if (setSignature && !setSignature.hasComment() && getSignature?.hasComment()) {
        setSignature.comment = getSignature.comment?.clone();
      }
    }

    const { project } = context;
    const documents = project.documents ?? [];
    const order = readmeOrder();
    /** @type {Map<import('typedoc').DocumentReflection, number>} */
    const rank = new Map();
    for (const doc of documents) {
      // Until renamed below, a guide's name is its file name without `.md`.
      const at = order.indexOf(`${doc.name}.md`);
      rank.set(doc, at === -1 ? order.length : at);
      fileNames.set(doc, doc.name);
      if (typeof doc.frontmatter['title'] !== 'string') doc.name = firstHeading(doc) ?? doc.name;
    }
    const byRank = (a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || a.name.localeCompare(b.name);
    documents.sort(byRank);
    project.childrenIncludingDocuments?.sort((a, b) => {
      const docA = rank.has(a);
      const docB = rank.has(b);
      if (docA && docB) return byRank(a, b);
      return docA === docB ? 0 : docA ? 1 : -1;
    });
  });
}
