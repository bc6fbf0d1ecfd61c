// Manage (/manage): every deployment of every known project with its drift state; redeploy,
// undeploy, and filters by project, profile and state.
import * as api from '../api.js';
import { count, counted, h, replace, when } from '../dom.js';
import { badge, confirmDialog, empty, field, loading, select, toast } from '../ui.js';
import { driftStates, projectHref, baseName, splitId } from '../model.js';

export default async function managePage({ main, query, isCurrent }) {
  replace(main, h('h1', {}, 'Manage deployments'), loading());
  const rows = await api.get('/deploy');
  if (!isCurrent()) return;
  const filters = { project: query.get('project') ?? '', profile: query.get('profile') ?? '', state: query.get('state') ?? '' };
  const projects = [...new Set(rows.map((r) => r.project_path))].sort();
  const profiles = [...new Set(rows.map((r) => r.profile))].sort();
  const project = select([['', 'All projects'], ...projects.map((p) => [p, p])], filters.project, { 'aria-label': 'Project' });
  const profile = select([['', 'All profiles'], ...profiles], filters.profile, { 'aria-label': 'Profile' });
  const drift = select([['', 'Any state'], ...driftStates], filters.state, { 'aria-label': 'State' });
  const table = h('div', {});
  const counts = driftStates.map((s) => [s, rows.filter((r) => r.state === s).length]).filter(([, n]) => n > 0);

  function draw() {
    const address = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    history.replaceState(null, '', `/manage${address.toString() ? `?${address}` : ''}`);
    const shown = rows.filter((r) => (!filters.project || r.project_path === filters.project) && (!filters.profile || r.profile === filters.profile) && (!filters.state || r.state === filters.state));
    if (rows.length === 0) { replace(table, empty('Nothing is deployed yet. Deploy an artifact from the collection.', h('a', { href: '/collection', 'data-nav': '' }, 'Open the collection'))); return; }
    if (shown.length === 0) { replace(table, empty('No deployment matches these filters.')); return; }
    replace(table, h('div', { class: 'table-wrap' }, h('table', { class: 'deployments' },
      h('thead', {}, h('tr', {}, ['Artifact', 'Project', 'Profile', 'State', 'Deployed', ''].map((t, i) => h('th', { class: i === 4 ? 'optional' : '' }, t)))),
      h('tbody', {}, shown.map((row) => h('tr', { dataset: { artifact: row.artifact, project: row.project_path } },
        h('td', {}, h('a', { href: `/collection/${encodeURIComponent(row.artifact)}`, 'data-nav': '' }, row.deployed_name ?? row.artifact)),
        h('td', {}, h('a', { href: projectHref(row.project_path), 'data-nav': '', title: row.project_path }, baseName(row.project_path))),
        h('td', {}, row.profile, row.scope === 'user' ? ' (user)' : ''),
        h('td', {}, badge(row.state), row.changed?.length ? h('div', { class: 'small muted' }, `changed: ${row.changed.join(', ')}`) : null,
          row.missing?.length ? h('div', { class: 'small muted' }, `missing: ${row.missing.join(', ')}`) : null),
        h('td', { class: 'optional' }, when(row.deployed_at)),
        h('td', {}, h('div', { class: 'row' },
          h('button', { type: 'button', onclick: () => redeploy(row) }, 'Redeploy'),
          h('button', { type: 'button', class: 'danger', onclick: () => undeploy(row) }, 'Undeploy')))))))));
  }

  async function redeploy(row) {
    const overwrite = row.state === 'modified' || row.state === 'conflict';
    if (overwrite && !await confirmDialog({ title: 'Overwrite local changes?', message: `${row.artifact} was changed in ${row.project_path}. Redeploying replaces those changes with the collection's copy.`, confirm: 'Overwrite', danger: true })) return;
    try {
      const { type, name } = splitId(row.artifact);
      const request = { names: [name], type, project_path: row.project_path, profiles: [row.profile], scope: row.scope, strategy: 'overwrite', collection: row.collection };
      const plan = await api.post('/deploy', { ...request, dry_run: true });
      const commands = [...new Set((plan.items ?? []).flatMap((item) => item.commands ?? []))];
      if (commands.length && !await confirmDialog({
        title: 'Run these commands?', confirm: 'Accept and redeploy', danger: true,
        message: `${row.artifact} installs hooks or MCP servers that run: ${commands.join('; ')}`,
      })) return;
      await api.post('/deploy', { ...request, accept_commands: commands.length > 0 || undefined });
      toast(`Redeployed ${row.artifact}.`, 'success');
      managePage({ main, query: new URLSearchParams(location.search), isCurrent });
    } catch (error) {
      toast(error.detail, 'error');
    }
  }

  async function undeploy(row) {
    const changed = row.state === 'modified' || row.state === 'conflict';
    if (!await confirmDialog({
      title: `Undeploy ${row.artifact}?`, confirm: 'Undeploy', danger: true,
      message: changed ? 'Its files were changed in the project; the changed copy is removed too.' : 'Exactly the files and entries this deployment wrote are removed.',
    })) return;
    try {
      const { type, name } = splitId(row.artifact);
      await api.post('/deploy/undeploy', { name, type, project_path: row.project_path, profiles: [row.profile], scope: row.scope, force: changed, collection: row.collection });
      toast(`Undeployed ${row.artifact}.`, 'success');
      managePage({ main, query: new URLSearchParams(location.search), isCurrent });
    } catch (error) {
      toast(error.detail, 'error');
    }
  }

  for (const [control, key] of [[project, 'project'], [profile, 'profile'], [drift, 'state']]) {
    control.addEventListener('change', () => { filters[key] = control.value; draw(); });
  }
  replace(main,
    h('h1', {}, 'Manage deployments'),
    h('p', { class: 'muted' }, `${counted(rows.length, 'deployment')} in ${counted(projects.length, 'project')}`, counts.length ? ': ' : '',
      counts.map(([s, n], i) => [i ? ', ' : '', `${count(n)} ${s}`])),
    h('div', { class: 'toolbar' }, field('Project', project), field('Profile', profile), field('State', drift)),
    table);
  draw();
}
