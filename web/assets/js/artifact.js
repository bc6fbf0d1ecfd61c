// An artifact of the collection: its detail dialog (metadata, upstream, hash, flags, files,
// deployments) and the actions on it — deploy with its plan first, check for updates, update, remove.
import * as api from './api.js';
import { counted, h, replace, when } from './dom.js';
import { badge, dialog, failure, field, loading, select, toast, toggle } from './ui.js';
import { state, typeBadge, entryLink, projectHref, artifactId } from './model.js';
import { buildTree, splitFrontmatter } from './entry.js';

const collectionQuery = () => (state.collection ? { collection: state.collection } : {});

/** The detail of `id` as a page section; `onGone` runs after a removal. */
export async function artifactDetail(id, { onGone = () => {} } = {}) {
  const detail = await api.get(`/artifacts/${api.seg(id)}`, collectionQuery());
  const artifact = detail.artifact;
  const section = h('section', { class: 'artifact-detail' });
  const files = h('div', { class: 'entry' });
  const updates = h('div', { 'aria-live': 'polite' });
  replace(section,
    h('div', { class: 'row' }, h('h1', {}, artifact.name), typeBadge(artifact.type),
      detail.missing ? badge('missing') : null, detail.modified ? badge('modified') : null),
    artifact.description ? h('p', {}, artifact.description) : null,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', onclick: () => deployDialog([artifact]) }, 'Deploy'),
      h('button', { type: 'button', onclick: () => checkUpdates(artifact, updates, false) }, 'Check for updates'),
      h('button', { type: 'button', class: 'danger', onclick: async () => { if (await removeDialog(artifact)) onGone(); } }, 'Remove')),
    updates,
    h('div', { class: 'panel' }, h('h2', {}, 'Metadata'), metadata(artifact, detail)),
    h('div', { class: 'panel' }, h('h2', {}, 'Deployments'), deploymentsTable(artifact.deployments ?? [])),
    h('div', { class: 'panel' }, h('h2', {}, 'Files'), files));
  showFiles(artifact, detail.files ?? [], files);
  return section;
}

function metadata(artifact, detail) {
  const rows = [
    ['Id', h('span', { class: 'mono' }, artifactId(artifact))],
    ['Collection', artifact.collection],
    ['Origin', artifact.origin + (artifact.origin_source ? ` (${artifact.origin_source})` : '')],
    ['Source', artifact.source ? entryLink(artifact.source.source_id, artifact.source.entry_id, 'Open its catalog entry') : '—'],
    ['Upstream', artifact.upstream ? h('a', { href: artifact.upstream, target: '_blank', rel: 'noopener noreferrer' }, artifact.upstream) : '—'],
    ['Commit', artifact.resolved_sha ? h('span', { class: 'mono' }, artifact.resolved_sha) : '—'],
    ['Version', artifact.version ?? artifact.resolved_version ?? '—'],
    ['Content hash', artifact.content_hash ? h('span', { class: 'mono small' }, artifact.content_hash) : '—'],
    ['Author', artifact.author ?? '—'],
    ['License', artifact.license ?? '—'],
    ['Tags', (artifact.tags ?? []).length ? artifact.tags.map((t) => h('span', { class: 'tag' }, t)) : '—'],
    ['Added', when(artifact.added)],
    ['Updated', when(artifact.last_updated)],
    ['Location', h('span', { class: 'mono small' }, detail.location)],
    ['State', [detail.missing ? 'files missing' : 'files present', detail.modified ? '; changed since import' : '']],
  ];
  return h('table', { class: 'meta' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)))));
}

export function deploymentsTable(deployments) {
  if (deployments.length === 0) return h('p', { class: 'muted' }, 'Not deployed anywhere.');
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Project', 'Profile', 'Scope', 'Deployed'].map((t) => h('th', {}, t)))),
    h('tbody', {}, deployments.map((d) => h('tr', {},
      h('td', {}, h('a', { href: projectHref(d.project_path), 'data-nav': '' }, d.project_name ?? d.project_path)),
      h('td', {}, d.profile ?? d.deployment_profile_id), h('td', {}, d.scope ?? 'project'), h('td', {}, when(d.deployed_at)))))));
}

function showFiles(artifact, paths, target) {
  if (paths.length === 0) { replace(target, h('p', { class: 'muted' }, 'No files (they are missing from the collection).')); return; }
  const viewer = h('div', { class: 'viewer' });
  const buttons = new Map();
  const open = async (path) => {
    for (const [p, b] of buttons) b.setAttribute('aria-selected', String(p === path));
    replace(viewer, loading());
    try {
      const file = await api.get(`/artifacts/${api.seg(artifactId(artifact))}/files/${path.split('/').map(api.seg).join('/')}`, collectionQuery());
      if (file.encoding === 'base64') { replace(viewer, h('p', { class: 'muted' }, `${path} is not text.`)); return; }
      const { frontmatter, body } = path.endsWith('.md') ? splitFrontmatter(file.content) : { frontmatter: null, body: file.content };
      replace(viewer,
        file.truncated ? h('p', { class: 'notice' }, `Only the first ${file.size} bytes are shown.`) : null,
        frontmatter ? h('table', { class: 'frontmatter' }, h('tbody', {}, frontmatter.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, h('pre', {}, v)))))) : null,
        h('pre', { class: 'file-content' }, body));
    } catch (error) {
      replace(viewer, failure(error, { retry: () => open(path) }));
    }
  };
  const tree = h('nav', { class: 'tree', 'aria-label': 'Files' });
  const render = (node) => h('ul', {}, [...node.children.values()].map((child) => {
    if (child.path && child.children.size === 0) {
      const b = h('button', { type: 'button', 'aria-selected': 'false', onclick: () => open(child.path) }, child.name);
      buttons.set(child.path, b);
      return h('li', {}, b);
    }
    return h('li', {}, h('span', { class: 'folder' }, `${child.name}/`), render(child));
  }));
  replace(tree, render(buildTree([...paths].sort())));
  replace(target, tree, viewer);
  open(paths.find((p) => p.endsWith('.md')) ?? paths[0]);
}

async function checkUpdates(artifact, target, apply) {
  replace(target, loading(apply ? 'Updating…' : 'Checking the upstream…'));
  try {
    const report = await api.post(`/artifacts/${api.seg(artifactId(artifact))}/update`, { check: !apply, collection: state.collection ?? undefined });
    const item = report.items[0];
    replace(target, h('div', { class: 'notice' },
      badge(item.status.replace(/_/g, ' '), item.status === 'update_available' ? 'outdated' : item.status === 'updated' || item.status === 'up_to_date' ? 'synced' : 'failed'),
      ' ', item.message,
      item.status === 'update_available' ? [' ', h('button', { type: 'button', class: 'primary', onclick: () => checkUpdates(artifact, target, true) }, 'Update')] : null));
    if (apply && item.status === 'updated') toast(`Updated ${artifact.name}.`, 'success');
  } catch (error) {
    replace(target, failure(error, { retry: () => checkUpdates(artifact, target, apply) }));
  }
}

/** Remove, optionally undeploying from every project first. Resolves true when removed. */
export async function removeDialog(artifact) {
  const deployments = artifact.deployments ?? [];
  const undeploy = toggle(`Undeploy it from ${counted(deployments.length, 'deployment')} first`, deployments.length > 0);
  const confirmed = await dialog({
    title: `Remove ${artifact.name}?`,
    build: (close) => h('div', { class: 'stack' },
      h('p', {}, 'It leaves the collection (a snapshot is kept); its catalog entry becomes New again.'),
      deployments.length ? undeploy.element : null,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'),
        h('button', { type: 'button', class: 'danger', onclick: () => close(true) }, 'Remove'))),
  });
  if (!confirmed) return false;
  try {
    if (deployments.length && undeploy.input.checked) {
      for (const d of deployments) {
        await api.post('/deploy/undeploy', { name: artifact.name, type: artifact.type, project_path: d.project_path, profiles: d.profile ? [d.profile] : undefined, scope: d.scope ?? undefined, collection: state.collection ?? undefined });
      }
    }
    await api.del(`/artifacts/${api.seg(artifactId(artifact))}${state.collection ? `?collection=${encodeURIComponent(state.collection)}` : ''}`);
    toast(`Removed ${artifact.name}.`, 'success');
    return true;
  } catch (error) {
    toast(error.detail, 'error');
    return false;
  }
}

/**
 * The deploy dialog: project, profiles, scope and strategy; the plan (a dry run) is shown first,
 * with the commands hooks and MCP servers would run, which need an explicit confirmation.
 */
export async function deployDialog(artifacts) {
  let projects = [];
  let plugins = [];
  try {
    [projects, plugins] = await Promise.all([api.get('/projects'), api.get('/plugins')]);
  } catch (error) {
    toast(error.detail, 'error');
    return;
  }
  const profiles = plugins.filter((p) => p.kind === 'deployer' && p.enabled).map((p) => p.name);
  return dialog({
    title: artifacts.length === 1 ? `Deploy ${artifacts[0].name}` : `Deploy ${artifacts.length} artifacts`,
    build: (close) => {
      const project = select(projects.map((p) => [p.path, p.path]), projects[0]?.path, { name: 'project' });
      const newProject = h('input', { type: 'text', placeholder: '/path/to/project (registered when deployed)' });
      const profileBoxes = profiles.map((name, index) => ({ name, input: h('input', { type: 'checkbox', checked: index === 0, value: name }) }));
      const scope = select([['project', 'Project'], ['user', 'User (needs server.allow_user_scope)']], 'project');
      const strategy = select([['skip', 'Skip files that exist'], ['overwrite', 'Overwrite'], ['rename', 'Rename']], 'skip');
      const plan = h('div', { 'aria-live': 'polite' });
      const accept = toggle('I accept that these commands will run on this machine', false);
      const deployButton = h('button', { type: 'button', class: 'primary', disabled: true }, 'Deploy');
      const target = () => newProject.value.trim() || project.value;
      // The API deploys names of one type per request.
      const types = [...new Set(artifacts.map((a) => a.type))];
      const body = (type, dryRun) => ({
        names: artifacts.filter((a) => a.type === type).map((a) => a.name), type, project_path: target(), scope: scope.value, strategy: strategy.value,
        profiles: profileBoxes.filter((b) => b.input.checked).map((b) => b.name), dry_run: dryRun,
        accept_commands: dryRun ? undefined : accept.input.checked || undefined, collection: state.collection ?? undefined,
      });
      const send = async (dryRun) => {
        const results = [];
        for (const type of types) results.push(await api.post('/deploy', body(type, dryRun)));
        return { items: results.flatMap((r) => r.items ?? []), warnings: results.flatMap((r) => r.warnings ?? []) };
      };
      async function preview() {
        deployButton.disabled = true;
        replace(plan, loading('Planning…'));
        try {
          if (newProject.value.trim()) await registerProject(newProject.value.trim());
          const result = await send(true);
          const commands = commandsOf(result);
          replace(plan, h('div', { class: 'panel' }, h('h3', {}, 'Plan'), planList(result),
            commands.length ? h('div', { class: 'commands' }, h('p', {}, h('strong', {}, 'These commands would run on this machine:')),
              h('ul', {}, commands.map((c) => h('li', {}, h('code', {}, c)))), accept.element) : null));
          deployButton.disabled = false;
          accept.input.checked = false;
          if (commands.length) {
            deployButton.disabled = true;
            accept.input.onchange = () => { deployButton.disabled = !accept.input.checked; };
          }
        } catch (error) {
          replace(plan, failure(error));
        }
      }
      deployButton.addEventListener('click', async () => {
        deployButton.disabled = true;
        try {
          const result = await send(false);
          toast(`Deployed to ${target()}.`, 'success');
          close(result);
        } catch (error) {
          replace(plan, failure(error));
        }
      });
      for (const control of [project, newProject, scope, strategy, ...profileBoxes.map((b) => b.input)]) control.addEventListener('change', () => { deployButton.disabled = true; replace(plan); });
      return h('div', { class: 'stack' },
        projects.length ? field('Project', project) : null,
        field(projects.length ? 'Or another project folder' : 'Project folder', newProject),
        h('fieldset', {}, h('legend', {}, 'Profiles'), profileBoxes.map((b) => h('label', { class: 'toggle' }, b.input, h('span', {}, b.name)))),
        field('Scope', scope), field('When a file exists', strategy),
        plan,
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => close(null) }, 'Cancel'),
          h('button', { type: 'button', onclick: preview }, 'Show plan'),
          deployButton));
    },
  });
}

async function registerProject(path) {
  try {
    await api.post('/projects', { path });
  } catch (error) {
    if (error.status !== 409) throw error;
  }
}

/** The commands a deploy result says hooks and MCP servers would run. */
function commandsOf(result) {
  const found = [];
  const walk = (value, key) => {
    if (Array.isArray(value)) { for (const item of value) walk(item, key); return; }
    if (value && typeof value === 'object') { for (const [k, v] of Object.entries(value)) walk(v, k); return; }
    if ((key === 'commands' || key === 'command') && typeof value === 'string') found.push(value);
  };
  walk(result, null);
  return [...new Set(found)];
}

function planList(result) {
  const items = result.items ?? [];
  if (items.length === 0) return h('p', { class: 'muted' }, 'Nothing to deploy.');
  return h('div', {},
    h('ul', { class: 'plan' }, items.map((item) => h('li', {},
      h('strong', {}, item.artifact), ` → ${item.profile}: ${item.action}`,
      (item.files ?? []).length ? h('div', { class: 'small mono' }, item.files.join(', ')) : null,
      (item.merges ?? []).length ? h('div', { class: 'small' }, `merges into ${item.merges.join(', ')}`) : null,
      (item.conflicts ?? []).length ? h('div', { class: 'small notice' }, `conflicts: ${item.conflicts.join('; ')}`) : null,
      (item.notes ?? []).map((n) => h('div', { class: 'small muted' }, n))))),
    (result.warnings ?? []).map((w) => h('p', { class: 'notice small' }, w)));
}
