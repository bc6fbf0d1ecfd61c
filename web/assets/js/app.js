// The application shell: routes page paths to page modules, keeps the current collection, asks for
// the token when the server wants one.
import * as api from './api.js';
import { h, replace } from './dom.js';
import { dialog, failure, select } from './ui.js';
import { state, setCollection } from './model.js';
import dashboard from './pages/dashboard.js';
import collection from './pages/collection.js';
import manage from './pages/manage.js';
import sources from './pages/sources.js';
import source from './pages/source.js';
import projects from './pages/projects.js';
import project from './pages/project.js';

/** Page path patterns, most specific first; `:name` captures one segment. */
const routes = [
  ['/', dashboard],
  ['/collection', collection],
  ['/collection/:id', collection],
  ['/manage', manage],
  ['/marketplace/sources', sources],
  ['/marketplace/sources/:id', source],
  ['/projects', projects],
  ['/projects/:id', project],
];

function match(pathname) {
  const parts = pathname.split('/').filter(Boolean);
  for (const [pattern, page] of routes) {
    const expected = pattern.split('/').filter(Boolean);
    if (expected.length !== parts.length) continue;
    const params = {};
    if (expected.every((part, index) => {
      if (part.startsWith(':')) { params[part.slice(1)] = decodeURIComponent(parts[index]); return true; }
      return part === parts[index];
    })) return { page, params };
  }
  return null;
}

let renderCount = 0;

/** Shows the page for the current address. */
export async function show() {
  const main = document.getElementById('main');
  const found = match(location.pathname);
  const current = ++renderCount;
  for (const link of document.querySelectorAll('header nav a')) {
    const active = location.pathname === link.getAttribute('href') || location.pathname.startsWith(link.getAttribute('href') + '/');
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (!found) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'There is no page at this address. '), h('a', { href: '/', 'data-nav': '' }, 'Go to the dashboard'));
    return;
  }
  const query = new URLSearchParams(location.search);
  try {
    await found.page({ main, params: found.params, query, isCurrent: () => current === renderCount });
  } catch (error) {
    if (current === renderCount) replace(main, failure(error, { retry: show }));
  }
  if (current === renderCount) {
    document.title = `${main.querySelector('h1')?.textContent ?? 'SkillMeat'} · SkillMeat`;
    document.documentElement.dataset.ready = String(current);
    // A User Timing mark: the page-ready benchmark reads when the page was drawn from the page's own clock.
    performance.mark('skillmeat:ready');
  }
}

/** Goes to `path` inside the app without reloading. */
export function navigate(path, { replace: replacing = false } = {}) {
  if (replacing) history.replaceState(null, '', path); else history.pushState(null, '', path);
  show();
}

function tokenPrompt() {
  return dialog({
    title: 'This server needs a token',
    build: (close) => {
      const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', autofocus: true, 'aria-label': 'Token' });
      return h('form', { class: 'stack', onsubmit: (event) => { event.preventDefault(); close(input.value.trim() || null); } },
        h('p', {}, 'Enter the token `skillmeat serve` was started with (server.token in the configuration). It is kept for this tab only.'),
        input,
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => close(null) }, 'Cancel'),
          h('button', { type: 'submit', class: 'primary' }, 'Use token')));
    },
  });
}

let asking = null;
api.onUnauthorized(() => {
  // Requests that fail together share one prompt.
  asking ??= tokenPrompt().finally(() => { setTimeout(() => { asking = null; }, 0); });
  return asking;
});

async function loadCollections() {
  const switcher = document.getElementById('collection-switcher');
  try {
    const collections = await api.get('/user-collections');
    state.collections = collections;
    const active = collections.find((c) => c.name === state.collection) ?? collections.find((c) => c.active) ?? collections[0];
    if (active) setCollection(active.name);
    replace(switcher, ...select(collections.map((c) => [c.name, `${c.name} (${c.artifacts})`]), state.collection).children);
    switcher.value = state.collection ?? '';
  } catch {
    replace(switcher, h('option', { value: '' }, '—'));
  }
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
  document.getElementById('main').focus({ preventScroll: true });
});
window.addEventListener('popstate', show);
document.getElementById('collection-switcher').addEventListener('change', (event) => {
  setCollection(event.target.value);
  show();
});

// With a remembered collection the page need not wait for the list of collections.
const remembered = state.collection;
const collectionsLoaded = loadCollections();
if (remembered) show(); else collectionsLoaded.then(show);
