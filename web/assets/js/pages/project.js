// One project (/projects/{path}): its deployments with drift, and discover/adopt of what it
// already has that SkillMeat does not manage.
import * as api from '../api.js';
import { h, replace, when } from '../dom.js';
import { badge, empty, failure, loading, toast } from '../ui.js';
import { state } from '../model.js';

export default async function projectPage({ main, params, isCurrent }) {
  const path = params.id;
  replace(main, h('h1', {}, path), loading());
  const deployments = await api.get('/deploy', { project_path: path });
  if (!isCurrent()) return;
  const discovered = h('div', {});
  replace(main,
    h('p', {}, h('a', { href: '/projects', 'data-nav': '' }, '← Projects')),
    h('h1', {}, path),
    h('div', { class: 'panel' }, h('h2', {}, 'Deployments'),
      deployments.length === 0 ? empty('Nothing is deployed here yet.') : h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Artifact', 'Profile', 'State', 'Deployed'].map((t) => h('th', {}, t)))),
        h('tbody', {}, deployments.map((d) => h('tr', {},
          h('td', {}, h('a', { href: `/collection/${encodeURIComponent(d.artifact)}`, 'data-nav': '' }, d.deployed_name ?? d.artifact)),
          h('td', {}, d.profile), h('td', {}, badge(d.state)), h('td', {}, when(d.deployed_at)))))))),
    h('div', { class: 'panel' }, h('div', { class: 'row' }, h('h2', {}, 'What the project already has'),
      h('button', { type: 'button', onclick: () => discover(path, discovered) }, 'Discover')), discovered));
}

async function discover(path, target) {
  replace(target, loading('Looking through the project…'));
  try {
    const result = await api.post('/artifacts/discover', { project_path: path, collection: state.collection ?? undefined });
    const items = result.artifacts ?? result.items ?? [];
    if (items.length === 0) { replace(target, empty('No artifacts found in this project.')); return; }
    const adoptable = items.filter((i) => i.status === 'unmanaged' || i.state === 'unmanaged');
    replace(target,
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Artifact', 'Type', 'Profile', 'Path', 'Status'].map((t) => h('th', {}, t)))),
        h('tbody', {}, items.map((i) => h('tr', {},
          h('td', {}, i.name), h('td', {}, i.type), h('td', {}, i.profile ?? ''), h('td', { class: 'mono small' }, i.path ?? ''),
          h('td', {}, badge(i.status ?? i.state))))))),
      adoptable.length ? h('div', { class: 'actions' }, h('button', {
        type: 'button', class: 'primary',
        onclick: async () => {
          try {
            await api.post('/artifacts/discover/import', { project_path: path, all: true, collection: state.collection ?? undefined });
            toast(`Adopted ${adoptable.length} artifacts.`, 'success');
            discover(path, target);
          } catch (error) {
            toast(error.detail, 'error');
          }
        },
      }, `Adopt ${adoptable.length} unmanaged`)) : null);
  } catch (error) {
    replace(target, failure(error, { retry: () => discover(path, target) }));
  }
}
