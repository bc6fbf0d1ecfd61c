// The dashboard (/): counts by type, sources, projects and deployments by drift state.
import * as api from '../api.js';
import { h, replace, count } from '../dom.js';
import { badge, loading } from '../ui.js';
import { state, artifactTypes, typeLabels, driftStates } from '../model.js';

export default async function dashboardPage({ main, isCurrent }) {
  replace(main, h('h1', {}, 'Dashboard'), loading());
  const [collections, sources, projects, deployments] = await Promise.all([
    state.collections.length ? state.collections : api.get('/user-collections'),
    api.get('/marketplace/sources'), api.get('/projects'), api.get('/deploy'),
  ]);
  if (!isCurrent()) return;
  const current = collections.find((c) => c.name === state.collection) ?? collections[0];
  const byType = current?.counts_by_type ?? {};
  const card = (number, label, href) => h('a', { class: 'card', href, 'data-nav': '' }, h('div', { class: 'number' }, count(number)), h('div', { class: 'label' }, label));
  const sourceList = Array.isArray(sources) ? sources : sources.items ?? [];
  replace(main,
    h('h1', {}, 'Dashboard'),
    h('h2', {}, current ? `Collection ${current.name}` : 'No collection yet'),
    h('div', { class: 'cards' },
      card(current?.artifacts ?? 0, 'artifacts', '/collection'),
      artifactTypes.map((type) => card(byType[type] ?? 0, `${typeLabels[type]}s`, `/collection?type=${type}`))),
    h('h2', {}, 'Marketplace and projects'),
    h('div', { class: 'cards' },
      card(sourceList.length, 'sources', '/marketplace/sources'),
      card(sourceList.filter((s) => s.last_error).length, 'sources whose last scan failed', '/marketplace/sources'),
      card(projects.length, 'projects', '/projects'),
      card(deployments.length, 'deployments', '/manage')),
    h('h2', {}, 'Deployments by state'),
    h('div', { class: 'cards' }, driftStates.map((s) => h('a', { class: 'card', href: `/manage?state=${s}`, 'data-nav': '' },
      h('div', { class: 'number' }, count(deployments.filter((d) => d.state === s).length)), h('div', { class: 'label' }, badge(s))))));
}
