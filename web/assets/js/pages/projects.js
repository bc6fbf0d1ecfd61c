// Projects (/projects): the known projects with their deployments' drift; add one by path.
import * as api from '../api.js';
import { h, replace, when, count } from '../dom.js';
import { badge, empty, field, loading, toast } from '../ui.js';
import { driftStates, projectHref } from '../model.js';

export default async function projectsPage({ main, isCurrent }) {
  replace(main, h('h1', {}, 'Projects'), loading());
  const [projects, deployments] = await Promise.all([api.get('/projects'), api.get('/deploy')]);
  if (!isCurrent()) return;
  const path = h('input', { type: 'text', placeholder: '/path/to/project', 'aria-label': 'Project folder' });
  const add = h('form', {
    class: 'toolbar',
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api.post('/projects', { path: path.value.trim() });
        toast(`Added ${path.value.trim()}.`, 'success');
        projectsPage({ main, isCurrent });
      } catch (error) {
        toast(error.detail, 'error');
      }
    },
  }, h('div', { class: 'grow' }, field('Add a project folder', path)), h('button', { type: 'submit' }, 'Add project'));
  replace(main, h('h1', {}, 'Projects'), add,
    projects.length === 0 ? empty('No projects yet. Add a folder above, or deploy into one.') :
      h('div', { class: 'table-wrap' }, h('table', { class: 'projects' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Project'), h('th', {}, 'Deployments'), h('th', {}, 'Drift'), h('th', { class: 'optional' }, 'Added'))),
        h('tbody', {}, projects.map((project) => {
          const mine = deployments.filter((d) => d.project_path === project.path);
          return h('tr', { dataset: { project: project.path } },
            h('td', {}, h('a', { href: projectHref(project.path), 'data-nav': '' }, project.path)),
            h('td', {}, count(mine.length)),
            h('td', {}, driftStates.map((s) => [s, mine.filter((d) => d.state === s).length]).filter(([, n]) => n > 0).map(([s, n]) => [badge(`${n} ${s}`, s), ' '])),
            h('td', { class: 'optional' }, when(project.added)));
        })))));
}
