/** Django's tests/urlpatterns_reverse/nested_urls.py: views in a namespaced include, and in an include inside it. */
import { HttpResponse, View, include, path } from '../../../lib/index.js';

export function view1(): HttpResponse {
  return new HttpResponse('view1');
}

export function view2(): HttpResponse {
  return new HttpResponse('view2');
}

export class View3 extends View {}

export function view4(): HttpResponse {
  return new HttpResponse('view4');
}

const subNested = [path('view4/', view4, { name: 'view4' })];

const nested = [
  [
    path('view1/', view1, { name: 'view1' }),
    path('view3/', View3.asView(), { name: 'view3' }),
    path('sub_nested/', include(subNested)),
  ],
  'backend',
] as const;

export const urlpatterns = [
  path('some/path/', include(nested, { namespace: 'nested' })),
  path('view2/', view2, { name: 'view2' }),
];
