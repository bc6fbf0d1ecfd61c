// The catalog entry modal (seed 004): file tree, the first Markdown file with its frontmatter as a
// table, confidence and its reasons, status, Import, and the kebab with Force Re-import and
// Exclude/Restore; the pencil renames the entry.
import * as api from './api.js';
import { h, replace } from './dom.js';
import { badge, dialog, failure, loading, menu, toast, toggle } from './ui.js';
import { state, typeBadge, confidence, artifactLink } from './model.js';

const entryPath = (entry) => `/marketplace/sources/${api.seg(entry.source_id)}/artifacts/${api.seg(entry.id)}`;

/**
 * Opens the modal for `entry`; `onChange(entry)` is told of every change (import, rename, exclude)
 * so the list behind can follow. Resolves when it closes.
 */
export function openEntry(entry, { onChange = () => {} } = {}) {
  return dialog({
    title: entry.name,
    className: 'wide entry-modal',
    build: (close, heading) => {
      const body = h('div', { class: 'entry-body' });
      const changed = (updated) => { entry = updated; onChange(updated); draw(); };
      const corner = h('div', { class: 'dialog-corner' });
      function draw() {
        replace(heading, entry.name, ' ', renameButton(entry, changed));
        replace(corner,
          menu('More actions', [
            entry.status === 'imported' ? { label: 'Force Re-import', action: () => forceReimport(entry, changed) } : null,
            entry.status === 'excluded'
              ? { label: 'Restore', action: () => setExcluded(entry, false, changed) }
              : { label: 'Exclude', danger: true, action: () => setExcluded(entry, true, changed) },
          ]),
          h('button', { type: 'button', class: 'icon', 'aria-label': 'Close', title: 'Close', onclick: () => close(null) }, '✕'));
        replace(head, header(entry, changed));
      }
      const head = h('div', {});
      const files = h('div', { class: 'entry' });
      draw();
      replace(body, corner, head, files);
      loadFiles(entry, files);
      return body;
    },
  });
}

function header(entry, changed) {
  const imported = entry.status === 'imported';
  const importButton = h('button', {
    type: 'button', class: 'primary', disabled: imported || entry.status === 'removed' || entry.status === 'excluded',
    onclick: async (event) => {
      event.target.disabled = true;
      try {
        const result = await api.post(`/marketplace/sources/${api.seg(entry.source_id)}/import`, { entry_ids: [entry.id], collection: state.collection ?? undefined });
        const outcome = result.results?.[0];
        if (outcome && !outcome.success) throw new Error(outcome.error ?? outcome.message);
        toast(outcome?.message ?? `Imported ${entry.name}.`, 'success');
        changed(await api.get(entryPath(entry)));
      } catch (error) {
        toast(error.detail ?? error.message, 'error');
        event.target.disabled = false;
      }
    },
  }, 'Import');
  return h('div', { class: 'stack' },
    h('div', { class: 'entry-head' },
      typeBadge(entry.artifact_type),
      imported ? badge('Imported', 'imported') : badge(entry.status),
      confidence(entry.confidence_score),
      h('span', { class: 'grow' }),
      importButton),
    h('div', { class: 'small muted' },
      h('span', { class: 'mono' }, entry.path),
      entry.upstream_url ? [' · ', h('a', { href: entry.upstream_url, target: '_blank', rel: 'noopener noreferrer' }, hostLabel(entry.upstream_url))] : null,
      entry.artifact_id ? [' · in the collection as ', artifactLink({ id: entry.artifact_id, name: entry.artifact_id })] : null),
    entry.description ? h('p', {}, entry.description) : null,
    reasons(entry));
}

function reasons(entry) {
  const list = entry.score_breakdown?.reasons ?? entry.reasons ?? [];
  if (list.length === 0) return null;
  return h('details', {}, h('summary', {}, `Why ${entry.confidence_score}% confident`), h('ul', { class: 'reasons' }, list.map((r) => h('li', {}, r))));
}

/** "View on GitHub" for github.com addresses, else the host's name. */
export function hostLabel(url) {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    if (host === 'github.com') return 'View on GitHub';
    if (host.includes('gitlab')) return 'View on GitLab';
    return `View on ${host}`;
  } catch {
    return 'View upstream';
  }
}

async function loadFiles(entry, target) {
  replace(target, loading('Loading files…'));
  const fallback = entry.upstream_url ? { href: entry.upstream_url, label: hostLabel(entry.upstream_url) } : null;
  let listing;
  try {
    listing = await api.get(`${entryPath(entry)}/files`);
  } catch (error) {
    replace(target, failure(error, { retry: () => loadFiles(entry, target), fallback }));
    target.classList.remove('entry');
    return;
  }
  target.classList.add('entry');
  const files = (listing.entries ?? []).filter((item) => item.type === 'file').map((item) => item.path).sort();
  const viewer = h('div', { class: 'viewer', 'aria-live': 'polite' });
  const tree = h('nav', { class: 'tree', 'aria-label': 'Files' });
  const buttons = new Map();
  const select = (path) => {
    for (const [p, button] of buttons) button.setAttribute('aria-selected', String(p === path));
    showFile(entry, path, viewer, fallback);
  };
  replace(tree, renderTree(buildTree(files), buttons, select));
  replace(target, tree, viewer);
  const first = files.find((path) => path.toLowerCase().endsWith('.md')) ?? files[0];
  if (first) select(first); else replace(viewer, h('p', { class: 'state empty' }, 'This entry has no files.'));
}

/** Nested folders from flat paths: {name, children: Map, path?}. */
export function buildTree(paths) {
  const root = { children: new Map() };
  for (const path of paths) {
    let node = root;
    const parts = path.split('/');
    parts.forEach((part, index) => {
      if (!node.children.has(part)) node.children.set(part, { name: part, children: new Map() });
      node = node.children.get(part);
      if (index === parts.length - 1) node.path = path;
    });
  }
  return root;
}

function renderTree(node, buttons, select) {
  const items = [...node.children.values()].sort((a, b) => (a.path ? 1 : 0) - (b.path ? 1 : 0) || a.name.localeCompare(b.name));
  return h('ul', { role: 'group' }, items.map((child) => {
    if (child.path && child.children.size === 0) {
      const button = h('button', { type: 'button', 'aria-selected': 'false', title: child.path, onclick: () => select(child.path) }, child.name);
      buttons.set(child.path, button);
      return h('li', {}, button);
    }
    return h('li', {}, h('span', { class: 'folder' }, `${child.name}/`), renderTree(child, buttons, select));
  }));
}

async function showFile(entry, path, viewer, fallback) {
  replace(viewer, loading(`Loading ${path}…`));
  try {
    const file = await api.get(`${entryPath(entry)}/files/${path.split('/').map(api.seg).join('/')}`);
    replace(viewer, renderFile(file, path, fallback));
  } catch (error) {
    replace(viewer, failure(error, { retry: () => showFile(entry, path, viewer, fallback), fallback }));
  }
}

function renderFile(file, path, fallback) {
  if (file.encoding === 'base64') {
    return h('div', { class: 'state empty' }, h('p', {}, `${path} is not text (${file.original_size ?? file.size} bytes).`),
      fallback ? h('a', { href: fallback.href, target: '_blank', rel: 'noopener noreferrer' }, fallback.label) : null);
  }
  const { frontmatter, body } = path.toLowerCase().endsWith('.md') ? splitFrontmatter(file.content) : { frontmatter: null, body: file.content };
  return h('div', {},
    file.truncated ? h('p', { class: 'notice' },
      `This file is ${Number(file.original_size).toLocaleString('en-US')} bytes; only the first ${Number(file.size).toLocaleString('en-US')} are shown. `,
      fallback ? h('a', { href: fallback.href, target: '_blank', rel: 'noopener noreferrer' }, fallback.label) : null) : null,
    frontmatter ? frontmatterTable(frontmatter) : null,
    h('pre', { class: 'file-content' }, body));
}

/**
 * The YAML frontmatter of Markdown as [key, value] lines, read shallowly for display only: the
 * server parsed it with bounds already, and here each value is shown as text.
 */
export function splitFrontmatter(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text ?? '');
  if (!match) return { frontmatter: null, body: text ?? '' };
  const rows = [];
  for (const line of match[1].split(/\r?\n/)) {
    const field = /^([A-Za-z0-9_.-]+):\s?(.*)$/.exec(line);
    if (field) rows.push([field[1], field[2]]);
    else if (rows.length > 0 && /^\s/.test(line)) rows[rows.length - 1][1] += (rows[rows.length - 1][1] ? '\n' : '') + line.trim();
  }
  return { frontmatter: rows, body: text.slice(match[0].length) };
}

function frontmatterTable(rows) {
  return h('table', { class: 'frontmatter' }, h('caption', { class: 'small muted' }, 'Frontmatter'),
    h('tbody', {}, rows.map(([key, value]) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, h('pre', {}, value))))));
}

function renameButton(entry, changed) {
  return h('button', {
    type: 'button', class: 'icon pencil', 'aria-label': 'Edit name', title: 'Edit name',
    onclick: async () => {
      const name = await dialog({
        title: 'Edit name',
        build: (close) => {
          const input = h('input', { type: 'text', value: entry.name, autofocus: true, 'aria-label': 'Name', required: true });
          const error = h('p', { class: 'small', role: 'alert' });
          return h('form', {
            class: 'stack',
            onsubmit: async (event) => {
              event.preventDefault();
              try {
                close(await api.patch(entryPath(entry), { name: input.value.trim() }));
              } catch (failed) {
                replace(error, failed.detail ?? failed.message);
              }
            },
          }, h('p', { class: 'small muted' }, 'The name the entry is imported under; rescans keep it.'), input, error,
          h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => close(null) }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Save')));
        },
      });
      if (name) { toast(`Renamed to ${name.name}.`, 'success'); changed(name); }
    },
  }, '✎');
}

async function setExcluded(entry, exclude, changed) {
  try {
    const updated = exclude
      ? await api.patch(`${entryPath(entry)}/exclude`, {})
      : await api.del(`${entryPath(entry)}/exclude`);
    toast(exclude ? `Excluded ${entry.name}.` : `Restored ${entry.name}.`, 'success');
    changed(updated);
  } catch (error) {
    toast(error.detail ?? error.message, 'error');
  }
}

/** The "Force Re-import Artifact" dialog (seed 004); keeping deployments is off by default. */
async function forceReimport(entry, changed) {
  const keep = toggle('Keep existing deployments', false, { name: 'keep_deployments' });
  const confirmed = await dialog({
    title: 'Force Re-import Artifact',
    build: (close) => h('div', { class: 'stack' },
      h('p', {}, `This fetches ${entry.name} from its source again and replaces the copy in your collection, even if it looks unchanged.`),
      h('p', { class: 'small muted' }, 'With “Keep existing deployments” on, the projects it is deployed to keep tracking it; off, their records are dropped and the deployed files stay as they are.'),
      keep.element,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => close(false) }, 'Cancel'),
        h('button', { type: 'button', class: 'primary', onclick: () => close(true) }, 'Re-import'))),
  });
  if (!confirmed) return;
  try {
    const result = await api.post(`/marketplace/sources/${api.seg(entry.source_id)}/entries/${api.seg(entry.id)}/reimport`, {
      keep_deployments: keep.input.checked, collection: state.collection ?? undefined,
    });
    toast(result.message ?? `Re-imported ${entry.name}.`, 'success');
    changed(await api.get(entryPath(entry)));
  } catch (error) {
    toast(error.detail ?? error.message, 'error');
  }
}

