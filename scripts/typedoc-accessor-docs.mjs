// TypeDoc plugin: a setter documents itself with its getter's comment, as TypeScript's own
// hover does, so `notDocumented` only reports accessors that have no comment at all.
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const accessor of context.project.getReflectionsByKind(ReflectionKind.Accessor)) {
      const { getSignature, setSignature } = /** @type {import('typedoc').DeclarationReflection} */ (accessor);
      if (setSignature && !setSignature.hasComment() && getSignature?.hasComment()) {
        setSignature.comment = getSignature.comment?.clone();
      }
    }
  });
}
