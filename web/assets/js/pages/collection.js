// The collection (/collection): every artifact, searchable, filterable by type and tag, a page at
// a time from the cache so 10,000 stay fast; /collection/{id} shows one artifact.
import * as api from '../api.js';
import { count, counted, debounce, h, replace } from '../dom.js';
import { empty, failure, field, loading, select } from '../ui.js';
import { state, artifactTypes, typeLabels, typeBadge, artifactLink, entryLink, sourceNames } from '../model.js';
import { artifactDetail, deployDialog } from '../artifact.js';

const pageSize = 50;

export default async function collectionPage({ main, params, query, isCurrent }) {
  if (params.id) {
    replace(main, loading());
    const section = await artifactDetail(params.id, {
      onGone: () => { history.pushState(null, '', '/collection'); window.dispatchEvent(new PopStateEvent('popstate')); },
    });
    if (isCurrent()) replace(main, h('p', {}, h('a', { href: '/collection', 'data-nav': '' }, '← Collection')), section);
    return;
  }
  if (!state.collection) {
    replace(main, h('h1', {}, 'Collection'), empty('There is no collection yet; run `skillmeat init`.'));
    return;
  }
  const filters = { type: query.get('type') ?? '', tag: query.get('tag') ?? '', search: query.get('q') ?? '' };
  const cursors = [null];
  const list = h('div', {});
  const search = h('input', { type: 'search', value: filters.search, placeholder: 'Name, description or tag', 'aria-label': 'Search the collection' });
  const typeFilter = select([['', 'All types'], ...artifactTypes.map((t) => [t, typeLabels[t]])], filters.type, { 'aria-label': 'Type' });
  const tag = h('input', { type: 'text', value: filters.tag, placeholder: 'any', 'aria-label': 'Tag' });
  const reload = () => { cursors.length = 1; load(0); };
  search.addEventListener('input', debounce(() => { filters.search = search.value.trim(); reload(); }, 250));
  typeFilter.addEventListener('change', () => { filters.type = typeFilter.value; reload(); });
  tag.addEventListener('change', () => { filters.tag = tag.value.trim(); reload(); });

  async function load(index) {
    const address = new URLSearchParams();
    if (filters.type) address.set('type', filters.type);
    if (filters.tag) address.set('tag', filters.tag);
    if (filters.search) address.set('q', filters.search);
    history.replaceState(null, '', `/collection${address.toString() ? `?${address}` : ''}`);
    if (index > 0 || list.childElementCount === 0) replace(list, loading());
    try {
      const [page, names] = await Promise.all([api.get(`/user-collections/${api.seg(state.collection)}/artifacts`, {
        type: filters.type, tag: filters.tag, search: filters.search, limit: pageSize, cursor: cursors[index],
      }), sourceNames()]);
      if (!isCurrent()) return;
      cursors[index + 1] = page.next_cursor;
      if (page.items.length === 0) {
        replace(list, empty(filters.type || filters.tag || filters.search ? 'No artifacts match these filters.' : 'This collection is empty. Import from a marketplace source.',
          h('a', { href: '/marketplace/sources', 'data-nav': '' }, 'Browse sources')));
        return;
      }
      replace(list,
        h('div', { class: 'table-wrap' }, h('table', { class: 'artifacts' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'), h('th', { class: 'optional' }, 'Description'), h('th', { class: 'optional' }, 'Origin'), h('th', { class: 'optional' }, 'Tags'), h('th', {}, 'Source'), h('th', {}, ''))),
          h('tbody', {}, page.items.map((artifact) => h('tr', { dataset: { artifact: artifact.id } },
            h('td', {}, artifactLink(artifact)),
            h('td', {}, typeBadge(artifact.type)),
            h('td', { class: 'optional description' }, artifact.description ?? ''),
            h('td', { class: 'optional' }, artifact.origin),
            h('td', { class: 'optional' }, (artifact.tags ?? []).map((t) => h('span', { class: 'tag' }, t))),
            h('td', {}, artifact.source ? entryLink(artifact.source.source_id, artifact.source.entry_id, names.get(artifact.source.source_id) ?? 'source') : (artifact.origin_source ?? '—')),
            h('td', {}, h('button', { type: 'button', onclick: () => deployDialog([artifact]) }, 'Deploy'))))))),
        h('div', { class: 'pager' },
          h('span', { class: 'muted small' }, `Page ${index + 1}`),
          h('button', { type: 'button', disabled: index === 0, onclick: () => load(index - 1) }, 'Previous'),
          h('button', { type: 'button', disabled: !page.next_cursor, onclick: () => load(index + 1) }, 'Next')));
    } catch (error) {
      replace(list, failure(error, { retry: () => load(index) }));
    }
  }

  const current = state.collections.find((c) => c.name === state.collection);
  replace(main,
    h('div', { class: 'row' }, h('h1', {}, `Collection: ${state.collection}`),
      current ? h('span', { class: 'muted' }, counted(current.artifacts, 'artifact')) : null),
    h('div', { class: 'toolbar' },
      h('div', { class: 'grow' }, field('Search', search)), field('Type', typeFilter), field('Tag', tag)),
    list);
  await load(0);
}
